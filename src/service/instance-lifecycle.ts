// StartInstance, StopInstance, DeleteInstance.
import { errors } from '../domain/errors.js'
import { addressesHeldBy } from './allocate-prefixes.js'
import type { Caller, ServiceContext } from './context.js'
import { requireInstance, requireRegion } from './lookups.js'
import { runTransaction } from './run-transaction.js'
import { schedule } from './schedule.js'

interface InstanceRef {
  readonly regionId: string
  readonly instanceId: string
  readonly dryRun?: boolean | undefined
}

export async function startInstance(ctx: ServiceContext, caller: Caller, input: InstanceRef) {
  requireRegion(ctx, input.regionId)
  await runTransaction(ctx, async (tx) => {
    const instance = await requireInstance(tx, caller, input.regionId, input.instanceId)
    if (instance.status !== 'Stopped') throw errors.incorrectInstanceStatus()
    if (input.dryRun === true) throw errors.dryRunOperation()
    await tx.setInstanceStatus(instance.id, 'Starting')
    await schedule(tx, ctx, 'instance.started', caller.accountId, instance.id)
  })
}

export async function stopInstance(ctx: ServiceContext, caller: Caller, input: InstanceRef) {
  requireRegion(ctx, input.regionId)
  await runTransaction(ctx, async (tx) => {
    const instance = await requireInstance(tx, caller, input.regionId, input.instanceId)
    if (instance.status !== 'Running') throw errors.incorrectInstanceStatus()
    if (input.dryRun === true) throw errors.dryRunOperation()
    await tx.setInstanceStatus(instance.id, 'Stopping')
    await schedule(tx, ctx, 'instance.stopped', caller.accountId, instance.id)
  })
}

/**
 * `Stopped` (or `Running` with Force). The primary ENI and its addresses go with the instance;
 * secondary ENIs are released when `DeleteOnRelease`, else detached back to `Available`.
 */
export async function deleteInstance(
  ctx: ServiceContext,
  caller: Caller,
  input: InstanceRef & { force?: boolean | undefined },
) {
  requireRegion(ctx, input.regionId)
  const freed = await runTransaction(ctx, async (tx) => {
    const instance = await requireInstance(tx, caller, input.regionId, input.instanceId)
    if (instance.status === 'Pending' || instance.status === 'Starting') {
      throw errors.incorrectInstanceStatusInitializing()
    }
    const allowed = input.force === true ? ['Stopped', 'Running'] : ['Stopped']
    if (!allowed.includes(instance.status)) throw errors.incorrectInstanceStatus()
    if (input.dryRun === true) throw errors.dryRunOperation()
    const released: { vswitchId: string; addresses: string[] }[] = []
    for (const eni of await tx.enisOfInstance(instance.id)) {
      await tx.deleteOperationsFor(eni.id)
      if (eni.type === 'Primary' || eni.deleteOnRelease) {
        released.push({ vswitchId: eni.vswitchId, addresses: addressesHeldBy(eni) })
        if (eni.ipv6Addresses.length + eni.ipv6Prefixes.length > 0) {
          ctx.ipv6Blocks.forget(eni.vswitchId)
        }
        await tx.deleteEni(eni.id)
      } else {
        await tx.updateEni(eni.id, { status: 'Available', instanceId: null, deviceIndex: null })
      }
    }
    await tx.deleteOperationsFor(instance.id)
    await tx.deleteInstance(caller.accountId, instance.id)
    return released
  })
  for (const r of freed) ctx.pools.markFree(r.vswitchId, r.addresses)
}
