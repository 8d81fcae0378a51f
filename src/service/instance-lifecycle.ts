// StartInstance, StopInstance, DeleteInstance.
import { errors } from '../domain/errors.js'
import type { Instance } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'
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
  await runTransaction(ctx, async (tx) => {
    const instance = await instanceOf(tx, ctx, caller, input)
    if (instance.status !== 'Stopped') throw errors.incorrectInstanceStatus()
    if (input.dryRun === true) throw errors.dryRunOperation()
    await tx.setInstanceStatus(instance.id, 'Starting')
    await schedule(tx, ctx, 'instance.started', caller.accountId, instance.id)
  })
}

export async function stopInstance(ctx: ServiceContext, caller: Caller, input: InstanceRef) {
  await runTransaction(ctx, async (tx) => {
    const instance = await instanceOf(tx, ctx, caller, input)
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
  const freed = await runTransaction(ctx, async (tx) => {
    const instance = await instanceOf(tx, ctx, caller, input)
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

/**
 * The instance a Start/Stop/DeleteInstance names. Their SDK request models have no `RegionId`
 * (the real API takes the region from the endpoint host, which here is eniplane's own): without
 * one, the instance's own region applies, as an instance ID names one instance in one region.
 */
async function instanceOf(
  tx: Tx,
  ctx: ServiceContext,
  caller: Caller,
  input: InstanceRef,
): Promise<Instance> {
  if (input.regionId === '') {
    const instance = await tx.getInstance(caller.accountId, input.instanceId, true)
    if (!instance) throw errors.invalidInstanceIdNotFound(input.instanceId)
    return instance
  }
  requireRegion(ctx, input.regionId)
  return requireInstance(tx, caller, input.regionId, input.instanceId)
}
