// Durable async transitions: a row in `operations`, due after the configured delay.
import type { OperationKind } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'
import type { ServiceContext } from './context.js'

export async function schedule(
  tx: Tx,
  ctx: ServiceContext,
  kind: OperationKind,
  accountId: string,
  resourceId: string,
): Promise<void> {
  await tx.deleteOperationsFor(resourceId)
  await tx.insertOperation({
    id: ctx.ids.newId('op'),
    accountId,
    kind,
    resourceId,
    dueAt: new Date(ctx.clock.now().getTime() + ctx.asyncDelayMs),
  })
}
