// The caller's async operations: pending ones (with their failed attempts so far) and those the
// worker gave up on, with the reason. Tenant-scoped like every read.
import type { Operation } from '../domain/resources.js'
import type { Caller, ServiceContext } from './context.js'

export async function describeOperations(
  ctx: ServiceContext,
  caller: Caller,
  input: { readonly resourceId?: string | undefined },
): Promise<Operation[]> {
  return ctx.store.transaction((tx) => tx.listOperations(caller.accountId, input.resourceId))
}
