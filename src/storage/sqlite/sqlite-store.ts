// SQLite adapter (better-sqlite3 12, WAL). The driver is synchronous and has one connection,
// so transactions are serialised with a promise mutex (Kysely's ConnectionMutex) and run as
// BEGIN IMMEDIATE: no other writer can slip in between a check and its write.
//
// Durability (`synchronous: 'full'`, the default) is a group commit. SQLite runs with
// synchronous=NORMAL, so COMMIT writes the WAL without an fsync and does not block the one
// thread; the adapter then fdatasyncs the WAL file itself, off the thread, and a transaction's
// promise settles only once a sync that began after its COMMIT has finished. Transactions that
// commit while a sync is running share the next one. A transaction that only read (or failed)
// still waits for every commit before its end to be synced, so no answer rests on data that a
// power cut could take back; relaxed commits (signature nonces) are the exception: nothing
// waits for them. `synchronous: 'normal'` skips the sync (a process crash loses nothing, a
// machine crash can lose the last commits). The Tx is built once (TxSession) and reused.
import { open, type FileHandle } from 'node:fs/promises'
import { errors } from '../../domain/errors.js'
import { migrate, sequenceFrom } from '../sql/migrate.js'
import type { Dialect, SqlConnection, SqlValue } from '../sql/sql-connection.js'
import { ScheduleListeners } from '../sql/schedule-listeners.js'
import { TxSession } from '../sql/tx-session.js'
import type { Store, TransactionOptions, Tx } from '../store.js'

/** The driver surface this adapter needs (better-sqlite3's Database satisfies it). */
export interface SqliteStatement {
  all(...params: unknown[]): unknown[]
  run(...params: unknown[]): { changes: number }
  /** rows as arrays of values instead of objects (better-sqlite3's `raw`) */
  raw(toggle: boolean): SqliteStatement
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement
  exec(sql: string): unknown
  pragma(sql: string): unknown
  close(): unknown
  /** better-sqlite3 reports whether a transaction is open (a failed COMMIT may have ended it). */
  readonly inTransaction?: boolean
  /** the database file's path */
  readonly name: string
  /** true for `:memory:` (nothing to sync) */
  readonly memory: boolean
}

/** Flushes the WAL file at `path` to stable storage (the default: fdatasync on a kept handle). */
export type SyncWal = (path: string) => Promise<void>

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

export class SqliteStore implements Store {
  readonly engine = 'sqlite'
  readonly #db: SqliteDatabase
  readonly #statements = new Map<string, SqliteStatement>()
  readonly #rawStatements = new Map<string, SqliteStatement>()
  readonly #conn: SqlConnection
  readonly #session = new TxSession(DIALECT, sequenceFrom(Date.now))
  readonly #scheduled = new ScheduleListeners()
  #queue: Promise<unknown> = Promise.resolve()
  /** undefined when answers need not wait for a sync (`normal`, or `:memory:`) */
  readonly #syncWal: (() => Promise<void>) | undefined
  #walHandle: FileHandle | undefined
  /** whether the running transaction changed a row */
  #wrote = false
  /** transactions that committed a change; the last one a finished sync covers */
  #committed = 0
  #synced = 0
  /** the last committing transaction that was not relaxed: what later answers may rest on */
  #lastDurable = 0
  #syncing: Promise<void> | undefined

  private constructor(db: SqliteDatabase, durable: boolean, syncWal: SyncWal | undefined) {
    this.#db = db
    const walPath = `${db.name}-wal`
    const sync = syncWal ?? ((path: string) => this.#fdatasync(path))
    this.#syncWal = durable ? () => sync(walPath) : undefined
    this.#conn = {
      all: async <T>(sql: string, params: readonly SqlValue[] = []) => {
        try {
          return this.#stmt(sql).all(...params) as T[]
        } catch (e: unknown) {
          return translate(e)
        }
      },
      rows: async (sql: string, params: readonly SqlValue[] = []) => {
        try {
          return this.#rawStmt(sql).all(...params) as unknown[][]
        } catch (e: unknown) {
          return translate(e)
        }
      },
      run: async (sql: string, params: readonly SqlValue[] = []) => {
        try {
          const changes = this.#stmt(sql).run(...params).changes
          if (changes > 0) this.#wrote = true
          return changes
        } catch (e: unknown) {
          return translate(e)
        }
      },
    }
  }

  #stmt(sql: string): SqliteStatement {
    let s = this.#statements.get(sql)
    if (!s) {
      s = this.#db.prepare(sql)
      this.#statements.set(sql, s)
    }
    return s
  }

  /** The statement in raw mode (rows as arrays); kept apart from the object-mode one. */
  #rawStmt(sql: string): SqliteStatement {
    let s = this.#rawStatements.get(sql)
    if (!s) {
      s = this.#db.prepare(sql).raw(true)
      this.#rawStatements.set(sql, s)
    }
    return s
  }

  /** BEGIN IMMEDIATE, COMMIT (prepared once), with driver errors translated. */
  #control(sql: 'BEGIN IMMEDIATE' | 'COMMIT'): void {
    try {
      this.#stmt(sql).run()
    } catch (e: unknown) {
      translate(e)
    }
  }

  /** Opens (and migrates) a database on an open better-sqlite3 handle. */
  static async open(
    db: SqliteDatabase,
    opts: { synchronous?: SqliteSynchronous; syncWal?: SyncWal } = {},
  ): Promise<SqliteStore> {
    db.pragma('journal_mode = WAL')
    // FULL durability comes from the group commit below, not from an fsync inside COMMIT.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    const durable = opts.synchronous !== 'normal' && !db.memory
    const store = new SqliteStore(db, durable, opts.syncWal)
    await store.transaction((_tx) => migrate(store.#conn))
    return store
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    // Relaxed: this answer does not wait for the group commit's sync (WAL with synchronous=NORMAL
    // survives a crash of the process, not of the machine); a later sync covers it, and no
    // later answer waits for it either (what a relaxed transaction writes is harmless to lose).
    const relax = opts.durability === 'relaxed'
    /** the committing transaction whose sync this answer waits for */
    let restsOn = 0
    const run = async (): Promise<T> => {
      this.#control('BEGIN IMMEDIATE')
      this.#wrote = false
      const tx = this.#session.begin(this.#conn)
      try {
        const result = await fn(tx)
        const failed = this.#session.failure()
        if (failed) throw failed.error
        this.#control('COMMIT')
        if (this.#wrote) {
          this.#committed++
          if (!relax) this.#lastDurable = this.#committed
        }
        restsOn = this.#lastDurable
        const earliest = this.#session.earliestDue()
        if (earliest !== undefined) this.#scheduled.emit(earliest)
        return result
      } catch (e: unknown) {
        restsOn = this.#lastDurable
        if (this.#db.inTransaction !== false) this.#stmt('ROLLBACK').run()
        throw e
      } finally {
        this.#session.end()
      }
    }
    const next = this.#queue.then(run, run)
    // The next transaction starts at once; only this one's answer waits for the sync.
    this.#queue = next.catch(() => undefined)
    if (this.#syncWal === undefined || relax) return next
    const settle = async (): Promise<void> => this.#durable(restsOn)
    return next.then(
      async (value) => {
        await settle()
        return value
      },
      async (e: unknown) => {
        await settle()
        throw e
      },
    )
  }

  /** Resolves once every transaction up to the `seq`-th committing one is on disk. */
  async #durable(seq: number): Promise<void> {
    while (this.#synced < seq) {
      this.#syncing ??= this.#syncOnce().finally(() => (this.#syncing = undefined))
      await this.#syncing
    }
  }

  async #syncOnce(): Promise<void> {
    const covers = this.#committed
    await this.#syncWal?.()
    this.#synced = Math.max(this.#synced, covers)
  }

  async #fdatasync(path: string): Promise<void> {
    this.#walHandle ??= await open(path, 'r')
    await this.#walHandle.datasync()
  }

  onOperationsScheduled(listener: (dueAt: Date) => void): () => void {
    return this.#scheduled.add(listener)
  }

  async close(): Promise<void> {
    await this.#queue
    await this.#syncing?.catch(() => undefined)
    await this.#walHandle?.close()
    this.#walHandle = undefined
    this.#db.close()
  }
}
