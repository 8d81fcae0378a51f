// One request, one transaction; a transaction that lost a race on a unique key or a lock
// (OperationConflict from the adapters) is retried with fresh reads a few times. The call's
// pending event (audit.ts), if any, is written by this transaction, so it commits with the effect.
// In-memory side effects taken inside a transaction (the allocator's reserved picks) register an
// undo with `onRollback`; it runs when that transaction does not commit.
import { isApiError } from '../domain/errors.js'
import type { Tx } from '../storage/store.js'
import { eventRow } from './audit.js'
import { failedExecutions } from './idempotency.js'
import type { ServiceContext } from './context.js'

const ATTEMPTS = 4

const undoLists = new WeakMap<Tx, (() => void)[]>()

/** Runs `undo` if the transaction `tx` rolls back (or its commit fails). */
export function onRollback(tx: Tx, undo: () => void): void {
  undoLists.get(tx)?.push(undo)
}

export async function runTransaction<T>(
  ctx: ServiceContext,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const pending = ctx.audit?.take()
  const body =
    pending === undefined
      ? fn
      : async (tx: Tx) => {
          const result = await fn(tx)
          const row = eventRow(ctx, pending, {
            code: 'Success',
            httpStatus: 200,
            kind: 'success',
            result,
          })
          await tx.insertEvent(row)
          return result
        }
  for (let attempt = 1; ; attempt++) {
    const undos: (() => void)[] = []
    try {
      return await ctx.store.transaction((tx) => {
        undoLists.set(tx, undos)
        return body(tx)
      })
    } catch (e: unknown) {
      for (const undo of undos.reverse()) undo()
      if (attempt >= ATTEMPTS || !isApiError(e) || e.code !== 'OperationConflict') {
        if (pending !== undefined) ctx.audit?.putBack(pending)
        await rememberFailure(ctx, e)
        throw e
      }
    }
  }
}

/** A ClientToken whose execution failed for good answers IdempotentFailed from now on. */
async function rememberFailure(ctx: ServiceContext, e: unknown): Promise<void> {
  const record = typeof e === 'object' && e !== null ? failedExecutions.get(e) : undefined
  if (record === undefined) return
  // A concurrent call may have recorded the token first: its record stands.
  await ctx.store.transaction((tx) => tx.insertIdempotency(record)).catch(() => undefined)
}
