// Starts the real server (composition root, SQLite in memory, signature verification on) and
// builds the official SDK clients against it, for the compatibility tests.
import Ecs from '@alicloud/ecs20140526'
import { $OpenApiUtil } from '@alicloud/openapi-core'
import RPCClient from '@alicloud/pop-core'
import Vpc from '@alicloud/vpc20160428'
import { DEFAULT_SERVER_CONFIG, type ServerConfig } from '../config/server-config.js'
import type { RunningServer } from '../main.js'
import { startServer } from '../main.js'
import { PG_URL, schemaNameFor } from './test-engines.js'

export const AK = 'LTAIcompatcompatcompat'
export const SECRET = 'compat-secret-compat-secret-01'

export async function startCompatServer(
  overrides: Partial<ServerConfig> = {},
): Promise<RunningServer> {
  return startServer(
    {
      ...DEFAULT_SERVER_CONFIG,
      db: ':memory:',
      port: 0,
      asyncDelayMs: 20,
      logLevel: 'silent',
      ...overrides,
    },
    { ENIPLANE_ACCESS_KEY_ID: AK, ENIPLANE_ACCESS_KEY_SECRET: SECRET },
    () => undefined,
  )
}

export interface CompatEngine {
  readonly name: 'sqlite' | 'postgres'
  /** why the engine's cases skip (PostgreSQL without ENI_TEST_PG_URL, outside CI); else false */
  readonly skip: string | false
  /**
   * Starts the server on a fresh database: SQLite in memory, or a PostgreSQL schema named from
   * `testName` (dropped by `stop(true)`, kept for inspection by `stop(false)`).
   */
  start(
    testName: string,
    overrides?: Partial<ServerConfig>,
  ): Promise<{ server: RunningServer; stop: (passed: boolean) => Promise<void> }>
}

/** The official SDKs against the server on each storage engine (STYLE §4: CI never skips PG). */
export const COMPAT_ENGINES: readonly CompatEngine[] = [
  {
    name: 'sqlite',
    skip: false,
    async start(_testName, overrides = {}) {
      const server = await startCompatServer(overrides)
      return { server, stop: () => server.close() }
    },
  },
  {
    name: 'postgres',
    skip:
      (PG_URL === undefined || PG_URL === '') && process.env['CI'] !== 'true'
        ? 'ENI_TEST_PG_URL is not set: the PostgreSQL SDK cases are skipped'
        : false,
    async start(testName, overrides = {}) {
      if (PG_URL === undefined || PG_URL === '') {
        throw new Error('ENI_TEST_PG_URL must be set when CI=true: CI never skips PostgreSQL')
      }
      const { default: pg } = await import('pg')
      const schema = schemaNameFor(`compat ${testName}`)
      const admin = async (sql: string) => {
        const client = new pg.Client({ connectionString: PG_URL })
        await client.connect()
        try {
          await client.query(sql)
        } finally {
          await client.end()
        }
      }
      await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await admin(`CREATE SCHEMA ${schema}`)
      const db = new URL(PG_URL)
      db.searchParams.set('options', `-c search_path=${schema}`)
      const server = await startCompatServer({ ...overrides, db: db.toString() })
      return {
        server,
        stop: async (passed) => {
          await server.close()
          if (passed) await admin(`DROP SCHEMA ${schema} CASCADE`)
        },
      }
    },
  },
]

/** pop-core for ECS actions (apiVersion 2014-05-26) or, with `version`, VPC actions. */
export function popClient(
  url: string,
  key = { id: AK, secret: SECRET },
  version: '2014-05-26' | '2016-04-28' = '2014-05-26',
): RPCClient {
  return new RPCClient({
    endpoint: url,
    apiVersion: version,
    accessKeyId: key.id,
    accessKeySecret: key.secret,
  })
}

function teaConfig(url: string, key: { id: string; secret: string }) {
  return new $OpenApiUtil.Config({
    accessKeyId: key.id,
    accessKeySecret: key.secret,
    endpoint: url.replace(/^http:\/\//, ''),
    protocol: 'http',
    regionId: 'cn-hangzhou',
  })
}

export function ecsClient(url: string, key = { id: AK, secret: SECRET }): Ecs.default {
  return new Ecs.default(teaConfig(url, key))
}

export function vpcClient(url: string, key = { id: AK, secret: SECRET }): Vpc.default {
  return new Vpc.default(teaConfig(url, key))
}

/** Polls until `check` holds; fails (never hangs) after `ms`. */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  check: (v: T) => boolean,
  ms = 5000,
): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await read()
    if (check(v)) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** The error an SDK call rejects with, or a failure if it resolves. */
export async function sdkError(
  p: Promise<unknown>,
): Promise<{ code: string; statusCode?: number }> {
  try {
    await p
  } catch (e: unknown) {
    return e as { code: string; statusCode?: number }
  }
  throw new Error('expected the SDK call to fail')
}
