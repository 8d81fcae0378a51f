// SQLite adapter (better-sqlite3 12, WAL). The driver is synchronous and has one connection,
// so transactions run one at a time, in order, as BEGIN IMMEDIATE: no other writer (another
// process on the file) can slip in between a check and its write.
//
// Group commit. The transactions waiting their turn run together in one SQLite transaction,
// each inside its own SAVEPOINT: one that fails is rolled back to its savepoint alone, and the
// group ends with one COMMIT. Most of a small transaction's cost is its COMMIT (writing its pages
// to the WAL), and pages that several transactions of a group touch are written once, so under
// concurrency a transaction costs a fraction of one COMMIT; alone, it costs what it always did.
// Every transaction of a group answers after that COMMIT (and a failed COMMIT fails them all);
// a group holds at most MAX_GROUP transactions.
//
// Durability (`synchronous: 'full'`, the default) is a group commit too (wal-sync.ts): SQLite runs
// with synchronous=NORMAL and the adapter fdatasyncs the WAL itself, off the thread; an answer
// waits for a sync that began after the commit it rests on. A transaction that only read (or
// failed) still waits for every commit before its end to be synced, so no answer rests on data
// that a power cut could take back; relaxed commits (signature nonces) are the exception: nothing
// waits for them. `synchronous: 'normal'` skips the sync (a process crash loses nothing, a machine
// crash can lose the last commits). The Tx is built once (TxSession) and reused.
import { errors } from '../../domain/errors.js'
import { migrate, sequenceFrom } from '../sql/migrate.js'
import type { Dialect, SqlConnection, SqlValue } from '../sql/sql-connection.js'
import { ScheduleListeners } from '../sql/schedule-listeners.js'
import { TxSession } from '../sql/tx-session.js'
import type { Store, TransactionOptions, Tx } from '../store.js'
import {
  FALLBACK_PAGES,
  startCheckpointer,
  type Checkpointer,
  type CheckpointerOptions,
} from './checkpointer.js'
import { WalSync, type SyncWal } from './wal-sync.js'

export type { SyncWal } from './wal-sync.js'

/** The driver surface this adapter needs (better-sqlite3's Database satisfies it). */
export interface SqliteStatement {
  all(...params: unknown[]): unknown[]
  run(...params: unknown[]): { changes: number }
  /** each row as its first column's value instead of an object (better-sqlite3's `pluck`) */
  pluck(toggle: boolean): SqliteStatement
  /** false for a statement that writes (e.g. INSERT … RETURNING) */
  readonly readonly: boolean
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

export type SqliteSynchronous = 'full' | 'normal'

const DIALECT: Dialect = {
  forUpdate: '',
  forUpdateSkipLocked: '',
  idSet: 'values',
  row: (columns) => `json_array(${columns})`,
  writesInWith: false,
}

const parseRow = (packed: string): unknown[] => JSON.parse(packed) as unknown[]

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

/** The page cache's bound, in KiB (`PRAGMA cache_size` takes a negative number as KiB). */
export const CACHE_KIB = 64 * 1024

/** Transactions in one SQLite transaction at most (bounds the wait of a group's first one). */
const MAX_GROUP = 64

interface Job {
  readonly fn: (tx: Tx) => Promise<unknown>
  readonly relaxed: boolean
  resolve(value: unknown): void
  reject(e: unknown): void
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

export class SqliteStore implements Store {
  readonly engine = 'sqlite'
  readonly #db: SqliteDatabase
  readonly #statements = new Map<string, SqliteStatement>()
  readonly #packedStatements = new Map<string, SqliteStatement>()
  readonly #conn: SqlConnection
  readonly #session = new TxSession(DIALECT, sequenceFrom(Date.now))
  readonly #scheduled = new ScheduleListeners()
  readonly #wal: WalSync
  /** transactions waiting for their turn */
  readonly #jobs: Job[] = []
  /** the running drain of #jobs, if any */
  #draining: Promise<void> | undefined
  /** whether the running transaction changed a row */
  #wrote = false
  #checkpointer: Checkpointer | undefined
  /** how a group begins: BEGIN IMMEDIATE (the writer), BEGIN (a reader: one snapshot) */
  readonly #begin: string

  private constructor(
    db: SqliteDatabase,
    durable: boolean,
    syncWal: SyncWal | undefined,
    begin = 'BEGIN IMMEDIATE',
  ) {
    this.#db = db
    this.#begin = begin
    this.#wal = new WalSync(`${db.name}-wal`, durable, syncWal)
    this.#conn = {
      all: async <T>(sql: string, params: readonly SqlValue[] = []) => {
        try {
          return this.#read(this.#stmt(sql), params) as T[]
        } catch (e: unknown) {
          return translate(e)
        }
      },
      rows: async (sql: string, params: readonly SqlValue[] = []) => {
        try {
          // each row one JSON array (DIALECT.row)
          return (this.#read(this.#packedStmt(sql), params) as string[]).map(parseRow)
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

  /** Rows of a query, or of a write's RETURNING clause (one per row it changed). */
  #read(stmt: SqliteStatement, params: readonly SqlValue[]): unknown[] {
    const rows = stmt.all(...params)
    if (!stmt.readonly && rows.length > 0) this.#wrote = true
    return rows
  }

  #stmt(sql: string): SqliteStatement {
    let s = this.#statements.get(sql)
    if (!s) {
      s = this.#db.prepare(sql)
      this.#statements.set(sql, s)
    }
    return s
  }

  /** The statement giving its first column only (a packed row); kept apart from the others. */
  #packedStmt(sql: string): SqliteStatement {
    let s = this.#packedStatements.get(sql)
    if (!s) {
      s = this.#db.prepare(sql).pluck(true)
      this.#packedStatements.set(sql, s)
    }
    return s
  }

  /** A transaction-control statement (prepared once), with driver errors translated. */
  #control(sql: string): void {
    try {
      this.#stmt(sql).run()
    } catch (e: unknown) {
      translate(e)
    }
  }

  /** Opens (and migrates) a database on an open better-sqlite3 handle. */
  static async open(
    db: SqliteDatabase,
    opts: {
      synchronous?: SqliteSynchronous
      syncWal?: SyncWal
      /** WAL checkpoints on a worker thread (checkpointer.ts) instead of inside COMMITs */
      backgroundCheckpoints?: boolean | CheckpointerOptions
    } = {},
  ): Promise<SqliteStore> {
    db.pragma('journal_mode = WAL')
    // FULL durability comes from the group commit below, not from an fsync inside COMMIT.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // The page cache holds up to 64 MiB of the database (better-sqlite3 builds SQLite with 16 MB).
    // It grows only as pages are read, so a small database costs only what it holds; a NextToken
    // walk over 100,000 ENIs touches about 56 MiB, which a smaller cache reads back from the file
    // (pread) on every walk: about 70 reads a page of 500.
    db.pragma(`cache_size = -${CACHE_KIB}`)
    const durable = opts.synchronous !== 'normal' && !db.memory
    const store = new SqliteStore(db, durable, opts.syncWal)
    await store.transaction((_tx) => migrate(store.#conn))
    const background = opts.backgroundCheckpoints ?? false
    if (background !== false && !db.memory) {
      db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`)
      store.#checkpointer = startCheckpointer(db.name, background === true ? {} : background)
    }
    return store
  }

  /**
   * A reader: a second connection to a database that another store, on another thread, opens
   * and writes (a read worker's, read-pool.ts). No migration and no sync of its own; each group
   * of transactions reads one snapshot (a deferred BEGIN, so it never waits for the writer), and
   * the connection refuses every write (`query_only`), so a Tx used to write fails loudly.
   */
  static openReader(db: SqliteDatabase): SqliteStore {
    db.pragma('query_only = ON')
    db.pragma('busy_timeout = 5000')
    db.pragma(`cache_size = -${CACHE_KIB}`)
    return new SqliteStore(db, false, undefined, 'BEGIN')
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    // Relaxed: this answer does not wait for the sync (WAL with synchronous=NORMAL survives a
    // crash of the process, not of the machine); a later sync covers it, and no later answer
    // waits for it either (what a relaxed transaction writes is harmless to lose).
    const relaxed = opts.durability === 'relaxed'
    return new Promise<T>((resolve, reject) => {
      this.#jobs.push({ fn, relaxed, resolve, reject })
      if (this.#draining === undefined) this.#draining = this.#drain()
    })
  }

  /**
   * Runs groups until no transaction waits; it stops in the same turn as it finds none. It
   * starts after the event loop has handled the I/O that is ready (setImmediate), so the
   * transactions of every request that arrived meanwhile form the first group.
   */
  async #drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve))
    while (this.#jobs.length > 0) await this.#runGroup()
    this.#draining = undefined
  }

  /** Runs the waiting transactions (up to MAX_GROUP) in one SQLite transaction, then answers. */
  async #runGroup(): Promise<void> {
    try {
      this.#control(this.#begin)
    } catch (e: unknown) {
      // Another process holds the database: this transaction fails, the next ones try again.
      this.#jobs.shift()?.reject(e)
      return
    }
    const group: { job: Job; outcome: Outcome }[] = []
    let wroteDurably = false
    let wroteAny = false
    let earliest: Date | undefined
    let lost: { error: unknown } | undefined
    while (this.#jobs.length > 0 && group.length < MAX_GROUP && lost === undefined) {
      const job = this.#jobs.shift()!
      const entry: { job: Job; outcome: Outcome } = { job, outcome: { ok: false, error: null } }
      group.push(entry)
      try {
        this.#control('SAVEPOINT tx')
      } catch (e: unknown) {
        entry.outcome = { ok: false, error: e }
        lost = { error: e }
        break
      }
      this.#wrote = false
      const tx = this.#session.begin(this.#conn)
      try {
        const value = await job.fn(tx)
        const failed = this.#session.failure()
        if (failed) throw failed.error
        this.#control('RELEASE tx')
        entry.outcome = { ok: true, value }
        if (this.#wrote) {
          wroteAny = true
          if (!job.relaxed) wroteDurably = true
        }
        const due = this.#session.earliestDue()
        if (due !== undefined && (earliest === undefined || due < earliest)) earliest = due
      } catch (e: unknown) {
        entry.outcome = { ok: false, error: e }
        lost = this.#rollbackTo(e)
      } finally {
        this.#session.end()
      }
    }
    if (lost === undefined) {
      try {
        this.#control('COMMIT')
      } catch (e: unknown) {
        lost = { error: e }
      }
    }
    if (lost !== undefined) {
      try {
        if (this.#db.inTransaction !== false) this.#stmt('ROLLBACK').run()
      } catch {
        // the transaction is over either way
      }
      for (const g of group) if (g.outcome.ok) g.outcome = { ok: false, error: lost.error }
    } else if (wroteAny) {
      this.#wal.committed(!wroteDurably)
    }
    const restsOn = this.#wal.restsOn()
    for (const { job, outcome } of group) void this.#answer(job, outcome, restsOn)
    if (lost === undefined && earliest !== undefined) this.#emitScheduled(earliest)
  }

  /** Wakes the listeners (the worker); a hint only, so a listener's error stays its own. */
  #emitScheduled(dueAt: Date): void {
    try {
      this.#scheduled.emit(dueAt)
    } catch {
      // the worker's poll covers a missed wake-up
    }
  }

  /**
   * Undoes a failed transaction of the group back to its savepoint. Some errors (disk full, I/O)
   * end the whole SQLite transaction instead: then the group is lost, with that error.
   */
  #rollbackTo(error: unknown): { error: unknown } | undefined {
    if (this.#db.inTransaction === false) return { error }
    try {
      this.#control('ROLLBACK TO tx')
      this.#control('RELEASE tx')
      return undefined
    } catch {
      return { error }
    }
  }

  /** Settles a transaction's promise, once the commits its answer rests on are synced. */
  async #answer(job: Job, outcome: Outcome, restsOn: number): Promise<void> {
    if (this.#wal.durable && !job.relaxed) {
      try {
        await this.#wal.wait(restsOn)
      } catch (e: unknown) {
        job.reject(e)
        return
      }
    }
    if (outcome.ok) job.resolve(outcome.value)
    else job.reject(outcome.error)
  }

  onOperationsScheduled(listener: (dueAt: Date) => void): () => void {
    return this.#scheduled.add(listener)
  }

  async close(): Promise<void> {
    while (this.#draining !== undefined) await this.#draining
    await this.#checkpointer?.stop()
    await this.#wal.close()
    this.#db.close()
  }
}
