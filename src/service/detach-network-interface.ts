import {
  attachDetachStatuses,
  requireEniStatus,
  requireInstanceStatus,
} from '../domain/eni-rules.js'
import { errors } from '../domain/errors.js'
import { findInstanceType } from '../domain/instance-types.js'
import type { Caller, ServiceContext } from './context.js'
import { requireEcs, requireEni, requireRegion } from './lookups.js'
import { runTransaction } from './run-transaction.js'
import { schedule } from './schedule.js'

export interface DetachNetworkInterfaceInput {
  readonly regionId: string
  readonly instanceId: string
  readonly networkInterfaceId: string
}

/** `InUse` (or a re-issue while `Detaching`) → `Detaching`; the worker makes it `Available`. */
export async function detachNetworkInterface(
  ctx: ServiceContext,
  caller: Caller,
  input: DetachNetworkInterfaceInput,
): Promise<void> {
  requireRegion(ctx, input.regionId)
  await runTransaction(ctx, async (tx) => {
    const instance = await requireEcs(tx, caller, input.regionId, input.instanceId, true)
    const eni = await requireEni(tx, caller, input.regionId, input.networkInterfaceId, true)
    if (eni.type === 'Primary') throw errors.detachPrimaryEniNotAllowed()
    if (eni.instanceId !== instance.id) {
      throw errors.eniNotAttachedTo(eni.id, instance.id, eni.instanceId, eni.status)
    }
    requireEniStatus(eni, ['InUse', 'Detaching'])
    requireInstanceStatus(instance, attachDetachStatuses(findInstanceType(instance.instanceType)))
    await tx.updateEni(eni.id, { status: 'Detaching' })
    await schedule(tx, ctx, 'eni.detached', caller.accountId, eni.id)
  })
}
