// A failed statement dooms its transaction. PostgreSQL aborts the transaction on any error:
// later statements fail and COMMIT quietly rolls back, so a caller that caught the error would
// believe it committed. Both adapters therefore wrap each transaction's connection: after the
// first failure, later statements reject with that same error, and the adapter rolls back and
// rejects with it even when the transaction's function resolved.
import type { SqlConnection } from './sql-connection.js'

export interface GuardedConnection {
  readonly conn: SqlConnection
  /** The first statement failure in this transaction, if any. */
  readonly failure: () => { readonly error: unknown } | undefined
}

export function guardFailures(c: SqlConnection): GuardedConnection {
  let failure: { error: unknown } | undefined
  const guard =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (failure) throw failure.error
      try {
        return await f(...args)
      } catch (e: unknown) {
        failure ??= { error: e }
        throw e
      }
    }
  return {
    conn: { all: guard(c.all.bind(c)) as SqlConnection['all'], run: guard(c.run.bind(c)) },
    failure: () => failure,
  }
}
