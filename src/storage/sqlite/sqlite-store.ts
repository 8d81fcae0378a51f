// SQLite adapter (better-sqlite3 12, WAL). The driver is synchronous and has one connection,
// so transactions are serialised with a promise mutex (Kysely's ConnectionMutex) and run as
// BEGIN IMMEDIATE: no other writer can slip in between a check and its write.
import { errors } from '../../domain/errors.js'
import { guardFailures } from '../sql/failed-statement.js'
import { migrate, sequenceFrom } from '../sql/migrate.js'
import type { Dialect, SqlConnection, SqlValue } from '../sql/sql-connection.js'
import { dueTimes, ScheduleListeners } from '../sql/schedule-listeners.js'
import { sqlTx } from '../sql/sql-tx.js'
import type { Store, TransactionOptions, Tx } from '../store.js'

/** The driver surface this adapter needs (better-sqlite3's Database satisfies it). */
export interface SqliteDatabase {
  prepare(sql: string): {
    all(...params: unknown[]): unknown[]
    run(...params: unknown[]): { changes: number }
  }
  exec(sql: string): unknown
  pragma(sql: string): unknown
  close(): unknown
  /** better-sqlite3 reports whether a transaction is open (a failed COMMIT may have ended it). */
  readonly inTransaction?: boolean
}

export type SqliteSynchronous = 'full' | 'normal'

const DIALECT: Dialect = { forUpdate: '', forUpdateSkipLocked: '' }

function translate(e: unknown): never {
  const code = (e as { code?: unknown }).code
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    throw errors.operationConflict({ cause: e })
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    throw errors.dependencyViolation('dependent resources', { cause: e })
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    throw errors.serviceUnavailable({ cause: e })
  }
  throw e
}

/** `exec` with driver errors translated (BEGIN IMMEDIATE may meet another process's lock). */
function exec(db: SqliteDatabase, sql: string): void {
  try {
    db.exec(sql)
  } catch (e: unknown) {
    translate(e)
  }
}

export class SqliteStore implements Store {
  readonly engine = 'sqlite'
  readonly #db: SqliteDatabase
  readonly #statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>()
  readonly #conn: SqlConnection
  readonly #seq = sequenceFrom(Date.now)
  readonly #scheduled = new ScheduleListeners()
  readonly #synchronous: SqliteSynchronous
  #queue: Promise<unknown> = Promise.resolve()

  private constructor(db: SqliteDatabase, synchronous: SqliteSynchronous) {
    this.#db = db
    this.#synchronous = synchronous
    const stmt = (sql: string) => {
      let s = this.#statements.get(sql)
      if (!s) {
        s = db.prepare(sql)
        this.#statements.set(sql, s)
      }
      return s
    }
    this.#conn = {
      async all<T>(sql: string, params: readonly SqlValue[] = []) {
        try {
          return stmt(sql).all(...params) as T[]
        } catch (e: unknown) {
          return translate(e)
        }
      },
      async run(sql: string, params: readonly SqlValue[] = []) {
        try {
          return stmt(sql).run(...params).changes
        } catch (e: unknown) {
          return translate(e)
        }
      },
    }
  }

  /** Opens (and migrates) a database on an open better-sqlite3 handle. */
  static async open(
    db: SqliteDatabase,
    opts: { synchronous?: SqliteSynchronous } = {},
  ): Promise<SqliteStore> {
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${opts.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`)
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    const store = new SqliteStore(db, opts.synchronous ?? 'full')
    await store.transaction((_tx) => migrate(store.#conn))
    return store
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    // Relaxed: this one commit without an fsync (WAL with synchronous=NORMAL survives a crash
    // of the process, not of the machine); the connection's setting is restored after it.
    const relax = opts.durability === 'relaxed' && this.#synchronous === 'full'
    const run = async (): Promise<T> => {
      if (relax) this.#db.pragma('synchronous = NORMAL')
      try {
        exec(this.#db, 'BEGIN IMMEDIATE')
        const due = dueTimes()
        try {
          const guarded = guardFailures(this.#conn)
          const result = await fn(sqlTx(guarded.conn, DIALECT, this.#seq, due.add))
          const failed = guarded.failure()
          if (failed) throw failed.error
          exec(this.#db, 'COMMIT')
          const earliest = due.earliest()
          if (earliest !== undefined) this.#scheduled.emit(earliest)
          return result
        } catch (e: unknown) {
          if (this.#db.inTransaction !== false) this.#db.exec('ROLLBACK')
          throw e
        }
      } finally {
        if (relax) this.#db.pragma('synchronous = FULL')
      }
    }
    const next = this.#queue.then(run, run)
    this.#queue = next.catch(() => undefined)
    return next
  }

  onOperationsScheduled(listener: (dueAt: Date) => void): () => void {
    return this.#scheduled.add(listener)
  }

  async close(): Promise<void> {
    await this.#queue
    this.#db.close()
  }
}
