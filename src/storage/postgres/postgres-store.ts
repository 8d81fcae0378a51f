// PostgreSQL adapter (pg). Each transaction checks out one pooled connection; row locks
// (FOR UPDATE, SKIP LOCKED for the worker) and the unique constraint give correctness across
// replicas. SQL is written with `?` placeholders and numbered here.
import { errors, isApiError } from '../../domain/errors.js'
import { migrate, sequenceFrom } from '../sql/migrate.js'
import type { Dialect, SqlConnection, SqlValue } from '../sql/sql-connection.js'
import { ScheduleListeners } from '../sql/schedule-listeners.js'
import { TxSession } from '../sql/tx-session.js'
import type { Store, TransactionOptions, Tx } from '../store.js'

/** The driver surface this adapter needs (pg's Pool and PoolClient satisfy it). */
export interface PgClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>
  /**
   * `name`: a named (server-side prepared) statement, parsed once per connection;
   * `rowMode: 'array'`: each row as an array of values.
   */
  query(config: {
    text: string
    values: unknown[]
    name?: string | undefined
    rowMode?: 'array' | undefined
  }): Promise<{ rows: unknown[]; rowCount: number | null }>
  release(err?: Error | boolean): void
  /** pg's PoolClient is an EventEmitter: `notification` for LISTEN, `error` when cut off. */
  on?(event: 'notification' | 'error', listener: (...args: never[]) => void): unknown
}
export interface PgPool {
  connect(): Promise<PgClient>
  end(): Promise<void>
}

const DIALECT: Dialect = {
  forUpdate: ' FOR UPDATE',
  forUpdateSkipLocked: ' FOR UPDATE SKIP LOCKED',
  idSet: 'in-list',
  row: (columns) => columns,
  writesInWith: true,
}

/** A statement as PostgreSQL runs it: `$n` placeholders, and its name once it has one. */
interface PgStatement {
  readonly text: string
  name?: string
}

/**
 * How many distinct statement texts get a name (a server-side prepared statement): each pooled
 * connection parses a named text once and then only binds and executes it, as SQLite reuses its
 * prepared statements (PostgreSQL pairs at 32 connections: about half again as many a second).
 * The first texts a process runs by name are named (every request's hot ones come first; the
 * migrations' never are); the rest (IN lists of rare lengths) run unnamed, so a connection never
 * holds more than this many.
 */
const MAX_NAMED_STATEMENTS = 256

const statements = new Map<string, PgStatement>()
let named = 0

function toPg(sql: string): PgStatement {
  let out = statements.get(sql)
  if (out === undefined) {
    let n = 0
    out = { text: sql.replace(/\?/g, () => `$${++n}`) }
    statements.set(sql, out)
  }
  return out
}

/** The statement's name, given on its first named run while names are left; else undefined. */
function nameOf(statement: PgStatement): string | undefined {
  if (statement.name === undefined && named < MAX_NAMED_STATEMENTS) {
    statement.name = `eniplane_${named++}`
  }
  return statement.name
}

/** The channel on which transactions announce scheduled operations (payload: due ms). */
export const SCHEDULED_CHANNEL = 'eniplane_operations'

const NODE_CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
])

/**
 * The database is unreachable or going away: class 08 (connection exception), 57P01–57P03
 * (admin/crash shutdown, cannot connect now), 53300 (too many connections), a socket error, or
 * pg's own "Connection terminated" / "not queryable" errors.
 */
export function isUnavailable(e: unknown): boolean {
  const code = (e as { code?: unknown }).code
  if (typeof code === 'string') {
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') {
      return true
    }
    if (code === '53300' || NODE_CONNECTION_ERRORS.has(code)) return true
  }
  const message = e instanceof Error ? e.message : ''
  return /Connection terminated|not queryable|timeout exceeded when trying to connect/i.test(
    message,
  )
}

function translate(e: unknown): never {
  const code = (e as { code?: unknown }).code
  // 23505 unique_violation; 40001 serialization_failure; 40P01 deadlock_detected
  if (code === '23505' || code === '40001' || code === '40P01') {
    throw errors.operationConflict({ cause: e })
  }
  // 23503 foreign_key_violation: a row still refers to the one being removed (or a referenced
  // row went away concurrently).
  if (code === '23503') throw errors.dependencyViolation('dependent resources', { cause: e })
  if (isUnavailable(e) || isStalePlan(e)) throw errors.serviceUnavailable({ cause: e })
  throw e
}

/**
 * A named statement's plan no longer fits its tables (0A000 "cached plan must not change result
 * type": another version's migration changed a table a `SELECT *` reads). The connection is
 * dropped like a lost one, and the next parses the statement afresh.
 */
function isStalePlan(e: unknown): boolean {
  const code = (e as { code?: unknown }).code
  return code === '0A000' && e instanceof Error && /cached plan/i.test(e.message)
}

const quieted = new WeakSet<PgClient>()

/**
 * A checked-out client whose connection dies emits `error` (pg's pool only listens on idle
 * ones); unhandled, that would end the process. The failed query rejects anyway and the client
 * is released as broken, so the event itself needs no action.
 */
function quietOnError(client: PgClient): void {
  if (quieted.has(client)) return
  quieted.add(client)
  client.on?.('error', () => undefined)
}

async function query(client: PgClient, sql: string, params?: unknown[]): Promise<void> {
  try {
    await client.query(sql, params)
  } catch (e: unknown) {
    translate(e)
  }
}

/**
 * A connection for the shared SQL code. `prepared`: statements run by name (toPg); migrations
 * run unnamed, since their DDL changes the very tables a named plan rests on.
 */
function connection(client: PgClient, prepared: boolean): SqlConnection {
  const send = (sql: string, params: readonly SqlValue[], rowMode?: 'array') => {
    const statement = toPg(sql)
    const name = prepared ? nameOf(statement) : undefined
    return client.query({ text: statement.text, name, values: [...params], rowMode })
  }
  return {
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      try {
        return (await send(sql, params)).rows as T[]
      } catch (e: unknown) {
        return translate(e)
      }
    },
    async rows(sql: string, params: readonly SqlValue[] = []) {
      try {
        return (await send(sql, params, 'array')).rows as unknown[][]
      } catch (e: unknown) {
        return translate(e)
      }
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      try {
        return (await send(sql, params)).rowCount ?? 0
      } catch (e: unknown) {
        return translate(e)
      }
    },
  }
}

interface ClientSession {
  readonly tx: TxSession
  readonly conn: SqlConnection
}

export class PostgresStore implements Store {
  readonly engine = 'postgres'
  readonly #pool: PgPool
  /** named statements for the transactions' SQL (toPg), unless a pooler cannot keep them */
  readonly #prepared: boolean
  readonly #seq = sequenceFrom(Date.now)
  readonly #scheduled = new ScheduleListeners()
  /** one reusable Tx per pooled client (TxSession), dropped with the client */
  readonly #sessions = new WeakMap<PgClient, ClientSession>()
  #listener: PgClient | undefined
  #listening = false
  #closed = false

  private constructor(pool: PgPool, prepared: boolean) {
    this.#pool = pool
    this.#prepared = prepared
  }

  /**
   * Opens a store on a pool and migrates the schema (serialised by an exclusive table lock). The
   * store owns `pool`: it ends it on close, or when opening fails. `preparedStatements: false`
   * runs every statement unnamed (a pooler in front that cannot keep prepared statements).
   */
  static async open(
    pool: PgPool,
    opts: { preparedStatements?: boolean } = {},
  ): Promise<PostgresStore> {
    const store = new PostgresStore(pool, opts.preparedStatements ?? true)
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
        if (!raced || attempt >= 5) {
          // Its idle connections would keep a process that gives up (`serve` exiting 2) alive.
          await pool.end().catch(() => undefined)
          throw e
        }
        await new Promise((r) => setTimeout(r, 20 * attempt))
      }
    }
  }

  async #migrateOnce(): Promise<void> {
    const client = await this.#pool.connect()
    quietOnError(client)
    try {
      await client.query('BEGIN')
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
      )
      await client.query('LOCK TABLE schema_migrations IN EXCLUSIVE MODE')
      await migrate(connection(client, false))
      await client.query('COMMIT')
    } catch (e: unknown) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw e
    } finally {
      client.release()
    }
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    let client: PgClient
    try {
      client = await this.#pool.connect()
    } catch (e: unknown) {
      return translate(e)
    }
    quietOnError(client)
    let broken = false
    const session = this.#sessionOf(client)
    try {
      // Relaxed: COMMIT returns before the WAL is flushed (a crash of the database server may
      // lose the last fraction of a second of these commits; nothing else is affected). Both
      // statements go in one round trip.
      await query(
        client,
        opts.durability === 'relaxed' ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN',
      )
      try {
        const result = await fn(session.tx.begin(session.conn))
        const failed = session.tx.failure()
        if (failed) throw failed.error
        const earliest = session.tx.earliestDue()
        if (earliest !== undefined) {
          await query(client, 'SELECT pg_notify($1, $2)', [
            SCHEDULED_CHANNEL,
            String(earliest.getTime()),
          ])
        }
        await query(client, 'COMMIT')
        if (earliest !== undefined) this.#scheduled.emit(earliest)
        return result
      } catch (e: unknown) {
        await client.query('ROLLBACK').catch(() => {
          broken = true
        })
        throw e
      }
    } catch (e: unknown) {
      if (isApiError(e) && e.code === 'ServiceUnavailable') broken = true
      throw e
    } finally {
      session.tx.end()
      client.release(broken)
    }
  }

  /** The client's reusable Tx (built on its first transaction) and its connection. */
  #sessionOf(client: PgClient): ClientSession {
    let session = this.#sessions.get(client)
    if (session === undefined) {
      session = { tx: new TxSession(DIALECT, this.#seq), conn: connection(client, this.#prepared) }
      this.#sessions.set(client, session)
    }
    return session
  }

  /**
   * Listens on SCHEDULED_CHANNEL on one pooled connection, held while anyone listens. A lost
   * connection is re-established after a pause; the worker's slow poll covers the gap.
   */
  onOperationsScheduled(listener: (dueAt: Date) => void): () => void {
    const remove = this.#scheduled.add(listener)
    if (!this.#listening) {
      this.#listening = true
      void this.#listen()
    }
    return () => {
      remove()
      if (this.#scheduled.size === 0) this.#stopListening()
    }
  }

  async #listen(): Promise<void> {
    while (this.#listening && !this.#closed) {
      try {
        const client = await this.#pool.connect()
        const lost = new Promise<void>((resolve) => {
          client.on?.('error', () => resolve())
          client.on?.('notification', (msg: { channel: string; payload?: string }) => {
            const ms = Number(msg.payload)
            if (msg.channel === SCHEDULED_CHANNEL && Number.isFinite(ms)) {
              this.#scheduled.emit(new Date(ms))
            }
          })
        })
        await client.query(`LISTEN ${SCHEDULED_CHANNEL}`)
        this.#listener = client
        await lost
        if (this.#listener === client) {
          this.#listener = undefined
          client.release(true)
        }
      } catch {
        // the database is away: try again shortly
      }
      if (this.#listening && !this.#closed) await new Promise((r) => setTimeout(r, 500))
    }
  }

  #stopListening(): void {
    this.#listening = false
    const client = this.#listener
    this.#listener = undefined
    client?.release(true)
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#stopListening()
    await this.#pool.end()
  }
}
