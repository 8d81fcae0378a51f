// A service context whose store hands each transaction's Tx through `wrap` first: a test changes
// or watches one Tx method (a failing insert, a counted read) and leaves the rest as they are.
import type { ServiceContext } from '../service/context.js'
import type { Store, Tx } from '../storage/store.js'

export function withWrappedTx(ctx: ServiceContext, wrap: (tx: Tx) => Tx): ServiceContext {
  const inner = ctx.store
  const store: Store = {
    engine: inner.engine,
    onOperationsScheduled: (l) => inner.onOperationsScheduled(l),
    close: () => inner.close(),
    transaction: (fn, opts) => inner.transaction((tx) => fn(wrap(tx)), opts),
  }
  return { ...ctx, store }
}
