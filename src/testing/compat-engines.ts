// The two storage engines a compatibility test starts a real server on: SQLite in memory, and
// PostgreSQL in a schema of its own (named from a hash of the test's key, dropped on stop). The
// PostgreSQL half skips locally without ENI_TEST_PG_URL and fails under CI=true, as the storage
// and service suites do.
import pg from 'pg'

import type { ServerConfig } from '../config/server-config.js'
import type { RunningServer } from '../main.js'
import { startCompatServer } from './sdk-harness.js'
import { PG_URL, schemaNameFor } from './test-engines.js'

export interface StartedCompatServer {
  readonly server: RunningServer
  readonly stop: () => Promise<void>
}

export interface CompatEngine {
  readonly name: 'sqlite' | 'postgres'
  /** undefined: runnable; otherwise why the suite skips */
  readonly skip: string | undefined
  /** `key` names the PostgreSQL schema: one per suite. */
  start(key: string, overrides?: Partial<ServerConfig>): Promise<StartedCompatServer>
}

async function onSchema(schema: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  try {
    await admin.query(sql.replaceAll('$schema', schema))
  } finally {
    await admin.end()
  }
}

const sqlite: CompatEngine = {
  name: 'sqlite',
  skip: undefined,
  async start(_key, overrides = {}) {
    const server = await startCompatServer(overrides)
    return { server, stop: () => server.close() }
  },
}

const postgres: CompatEngine = {
  name: 'postgres',
  skip:
    (PG_URL === undefined || PG_URL === '') && process.env['CI'] !== 'true'
      ? 'ENI_TEST_PG_URL is not set'
      : undefined,
  async start(key, overrides = {}) {
    if (PG_URL === undefined || PG_URL === '') throw new Error('CI=true needs ENI_TEST_PG_URL')
    const schema = schemaNameFor(key)
    await onSchema(schema, 'DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema')
    const sep = PG_URL.includes('?') ? '&' : '?'
    const db = `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`
    const server = await startCompatServer({ ...overrides, db })
    return {
      server,
      stop: async () => {
        await server.close()
        await onSchema(schema, 'DROP SCHEMA IF EXISTS $schema CASCADE')
      },
    }
  },
}

export const COMPAT_ENGINES: readonly CompatEngine[] = [sqlite, postgres]
