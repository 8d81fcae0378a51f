// The two storage engines the service tests run on: SQLite (`:memory:` per case) and
// PostgreSQL (`ENI_TEST_PG_URL`, one schema per case named from a hash of the case name, dropped
// only when the case passed; unset → the cases skip locally and fail under CI=true).
import { createHash } from 'node:crypto'

import Database from 'better-sqlite3'
import pg from 'pg'

import { PostgresStore } from '../storage/postgres/postgres-store.js'
import { SqliteStore } from '../storage/sqlite/sqlite-store.js'
import type { Store } from '../storage/store.js'

export type EngineName = 'sqlite' | 'postgres'

export interface Opened {
  readonly store: Store
  readonly replicaStore: () => Promise<Store>
  readonly fresh: (suffix: string) => Promise<Opened>
  readonly cleanup: (passed: boolean) => Promise<void>
}

export interface Engine {
  readonly name: EngineName
  /** undefined: runnable; otherwise why the cases skip (or fail, on CI) */
  readonly unavailable: string | undefined
  open(testName: string): Promise<Opened>
}

const sqliteEngine: Engine = {
  name: 'sqlite',
  unavailable: undefined,
  async open() {
    const open = async (): Promise<Opened> => {
      const store = await SqliteStore.open(new Database(':memory:'))
      const children: Opened[] = []
      return {
        store,
        replicaStore: async () => store,
        fresh: async () => {
          const child = await open()
          children.push(child)
          return child
        },
        cleanup: async (passed) => {
          for (const c of children) await c.cleanup(passed)
          await store.close()
        },
      }
    }
    return open()
  },
}

export const PG_URL = process.env['ENI_TEST_PG_URL']

/** `svc_` + a hash of the case name: stable per case, unique across cases. */
export function schemaNameFor(testName: string): string {
  return `svc_${createHash('sha256').update(testName).digest('hex').slice(0, 24)}`
}

export function pgPool(schema: string, max = 8): pg.Pool {
  return new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${schema}`, max })
}

const postgresEngine: Engine = {
  name: 'postgres',
  unavailable:
    PG_URL === undefined || PG_URL === ''
      ? 'ENI_TEST_PG_URL is not set: PostgreSQL service tests skipped'
      : undefined,
  async open(testName) {
    const open = async (name: string): Promise<Opened> => {
      const schema = schemaNameFor(name)
      const admin = new pg.Client({ connectionString: PG_URL })
      await admin.connect()
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
        await admin.query(`CREATE SCHEMA ${schema}`)
      } finally {
        await admin.end()
      }
      const stores: Store[] = []
      const children: Opened[] = []
      const openStore = async (): Promise<Store> => {
        const s = await PostgresStore.open(pgPool(schema))
        stores.push(s)
        return s
      }
      const store = await openStore()
      return {
        store,
        replicaStore: openStore,
        fresh: async (suffix) => {
          const child = await open(`${name}#${suffix}`)
          children.push(child)
          return child
        },
        cleanup: async (passed) => {
          for (const c of children) await c.cleanup(passed)
          for (const s of stores) await s.close()
          if (!passed) return
          const drop = new pg.Client({ connectionString: PG_URL })
          await drop.connect()
          try {
            await drop.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
          } finally {
            await drop.end()
          }
        },
      }
    }
    return open(testName)
  },
}

export const ENGINES: readonly Engine[] = [sqliteEngine, postgresEngine]
