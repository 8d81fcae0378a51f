// Durable async transitions: a row in `operations`, due after the transition's duration (the
// latency model, or the fixed `asyncDelayMs`), plus any delay or failure a fault rule injects.
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
  const fault = ctx.faults?.forTransition(kind, accountId, resourceId)
  const duration = (ctx.latency?.durationMs(kind) ?? ctx.asyncDelayMs) + (fault?.delayMs ?? 0)
  await tx.insertOperation({
    id: ctx.ids.newId('op'),
    accountId,
    kind,
    resourceId,
    dueAt: new Date(ctx.clock.now().getTime() + duration),
    ...(fault?.fail ? { fail: true } : {}),
  })
}
