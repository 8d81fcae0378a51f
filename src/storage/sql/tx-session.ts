// One Tx per connection, built once: the query objects (a few hundred closures) are made when the
// session is, and each transaction only points them at its connection. The adapters keep one
// session for SQLite's single connection and one per pooled PostgreSQL client.
//
// A failed statement dooms its transaction. PostgreSQL aborts the transaction on any error:
// later statements fail and COMMIT quietly rolls back, so a caller that caught the error would
// believe it committed. The session therefore remembers the first failure: later statements
// reject with that same error, and the adapter rolls back and rejects with it even when the
// transaction's function resolved.
import type { Tx } from '../store.js'
import type { Dialect, SqlConnection, SqlValue } from './sql-connection.js'
import { sqlTx } from './sql-tx.js'

function outsideTransaction(): never {
  throw new Error('a Tx was used after its transaction ended')
}

const CLOSED: SqlConnection = {
  all: async () => outsideTransaction(),
  rows: async () => outsideTransaction(),
  run: async () => outsideTransaction(),
}

export class TxSession {
  readonly tx: Tx
  #conn: SqlConnection = CLOSED
  #failure: { error: unknown } | undefined
  #earliest: Date | undefined

  constructor(d: Dialect, nextSeq: () => number) {
    const conn: SqlConnection = {
      all: <T>(sql: string, params?: readonly SqlValue[]) =>
        this.#guard(() => this.#conn.all<T>(sql, params)),
      rows: (sql: string, params?: readonly SqlValue[]) =>
        this.#guard(() => this.#conn.rows(sql, params)),
      run: (sql: string, params?: readonly SqlValue[]) =>
        this.#guard(() => this.#conn.run(sql, params)),
    }
    this.tx = sqlTx(conn, d, nextSeq, (dueAt) => {
      if (this.#earliest === undefined || dueAt < this.#earliest) this.#earliest = dueAt
    })
  }

  /** Points the session's Tx at `conn` for one transaction. */
  begin(conn: SqlConnection): Tx {
    this.#conn = conn
    this.#failure = undefined
    this.#earliest = undefined
    return this.tx
  }

  /** The Tx refuses every statement until the next `begin`. */
  end(): void {
    this.#conn = CLOSED
  }

  /** The first statement failure in this transaction, if any. */
  failure(): { readonly error: unknown } | undefined {
    return this.#failure
  }

  /** The earliest due time of the operations this transaction inserted or rescheduled. */
  earliestDue(): Date | undefined {
    return this.#earliest
  }

  async #guard<R>(statement: () => Promise<R>): Promise<R> {
    if (this.#failure) throw this.#failure.error
    try {
      return await statement()
    } catch (e: unknown) {
      this.#failure ??= { error: e }
      throw e
    }
  }
}
