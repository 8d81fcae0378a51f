// One request, one transaction; a transaction that lost a race on a unique key or a lock
// (OperationConflict from the adapters) is retried with fresh reads a few times.
// In-memory side effects taken inside a transaction (the allocator's reserved picks) register an
// undo with `onRollback`; it runs when that transaction does not commit.
import { isApiError } from '../domain/errors.js'
import type { Tx } from '../storage/store.js'
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
  for (let attempt = 1; ; attempt++) {
    const undos: (() => void)[] = []
    try {
      return await ctx.store.transaction((tx) => {
        undoLists.set(tx, undos)
        return fn(tx)
      })
    } catch (e: unknown) {
      for (const undo of undos.reverse()) undo()
      if (attempt >= ATTEMPTS || !isApiError(e) || e.code !== 'OperationConflict') throw e
    }
  }
}
