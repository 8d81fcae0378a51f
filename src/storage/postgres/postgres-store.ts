// PostgreSQL adapter (pg). Each transaction checks out one pooled connection; row locks
// (FOR UPDATE, SKIP LOCKED for the worker) and the unique constraint give correctness across
// replicas. SQL is written with `?` placeholders and numbered here.
import { errors } from '../../domain/errors.js'
import { guardFailures } from '../sql/failed-statement.js'
import { migrate, sequenceFrom } from '../sql/migrate.js'
import type { Dialect, SqlConnection, SqlValue } from '../sql/sql-connection.js'
import { sqlTx } from '../sql/sql-tx.js'
import type { Store, Tx } from '../store.js'

/** The driver surface this adapter needs (pg's Pool and PoolClient satisfy it). */
export interface PgClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>
  release(err?: Error | boolean): void
}
export interface PgPool {
  connect(): Promise<PgClient>
  end(): Promise<void>
}

const DIALECT: Dialect = {
  forUpdate: ' FOR UPDATE',
  forUpdateSkipLocked: ' FOR UPDATE SKIP LOCKED',
}

const numbered = new Map<string, string>()
function toPg(sql: string): string {
  let out = numbered.get(sql)
  if (out === undefined) {
    let n = 0
    out = sql.replace(/\?/g, () => `$${++n}`)
    numbered.set(sql, out)
  }
  return out
}

function translate(e: unknown): never {
  const code = (e as { code?: unknown }).code
  // 23505 unique_violation; 40001 serialization_failure; 40P01 deadlock_detected
  if (code === '23505' || code === '40001' || code === '40P01') {
    throw errors.operationConflict({ cause: e })
  }
  throw e
}

function connection(client: PgClient): SqlConnection {
  return {
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      try {
        return (await client.query(toPg(sql), [...params])).rows as T[]
      } catch (e: unknown) {
        return translate(e)
      }
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      try {
        return (await client.query(toPg(sql), [...params])).rowCount ?? 0
      } catch (e: unknown) {
        return translate(e)
      }
    },
  }
}

export class PostgresStore implements Store {
  readonly engine = 'postgres'
  readonly #pool: PgPool
  readonly #seq = sequenceFrom(Date.now)

  private constructor(pool: PgPool) {
    this.#pool = pool
  }

  /** Opens a store on a pool and migrates the schema (serialised by an exclusive table lock). */
  static async open(pool: PgPool): Promise<PostgresStore> {
    const store = new PostgresStore(pool)
    // Replicas may open an empty schema at the same moment: CREATE TABLE IF NOT EXISTS alone
    // races in the catalogue, so a loser retries; once the table exists, its EXCLUSIVE lock
    // serialises the migrations themselves (no advisory locks: DESIGN.md keeps SQL portable).
    for (let attempt = 1; ; attempt++) {
      try {
        await store.#migrateOnce()
        return store
      } catch (e: unknown) {
        const code = (e as { code?: unknown }).code
        const raced = code === '23505' || code === '42P07' || code === 'OperationConflict'
        if (!raced || attempt >= 5) throw e
        await new Promise((r) => setTimeout(r, 20 * attempt))
      }
    }
  }

  async #migrateOnce(): Promise<void> {
    const client = await this.#pool.connect()
    try {
      await client.query('BEGIN')
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
      )
      await client.query('LOCK TABLE schema_migrations IN EXCLUSIVE MODE')
      await migrate(connection(client))
      await client.query('COMMIT')
    } catch (e: unknown) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw e
    } finally {
      client.release()
    }
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect()
    let broken = false
    try {
      await client.query('BEGIN')
      try {
        const guarded = guardFailures(connection(client))
        const result = await fn(sqlTx(guarded.conn, DIALECT, this.#seq))
        const failed = guarded.failure()
        if (failed) throw failed.error
        await client.query('COMMIT')
        return result
      } catch (e: unknown) {
        await client.query('ROLLBACK').catch(() => {
          broken = true
        })
        throw e
      }
    } finally {
      client.release(broken)
    }
  }

  async close(): Promise<void> {
    await this.#pool.end()
  }
}
