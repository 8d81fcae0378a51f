// One request, one transaction; a transaction that lost a race on a unique key or a lock
// (OperationConflict from the adapters) is retried with fresh reads a few times.
import { isApiError } from '../domain/errors.js'
import type { Tx } from '../storage/store.js'
import type { ServiceContext } from './context.js'

const ATTEMPTS = 4

export async function runTransaction<T>(
  ctx: ServiceContext,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.store.transaction(fn)
    } catch (e: unknown) {
      if (attempt >= ATTEMPTS || !isApiError(e) || e.code !== 'OperationConflict') throw e
    }
  }
}
