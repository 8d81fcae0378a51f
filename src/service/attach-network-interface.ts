import {
  attachDetachStatuses,
  checkIpv6Cap,
  ipv4SlotsOf,
  ipv6SlotsOf,
  privateIpLimit,
  requireEniStatus,
  requireInstanceStatus,
} from '../domain/eni-rules.js'
import { checkEriAttach, checkQueueNumberFits } from '../domain/eni-traffic.js'
import { errors } from '../domain/errors.js'
import { findInstanceType } from '../domain/instance-types.js'
import type { Caller, ServiceContext } from './context.js'
import { requireEcs, requireEni, requireRegion } from './lookups.js'
import { runTransaction } from './run-transaction.js'
import { schedule } from './schedule.js'

export interface AttachNetworkInterfaceInput {
  readonly regionId: string
  readonly instanceId: string
  readonly networkInterfaceId: string
}

/** Checks in the spec's order (§7.6), then `Attaching`; the worker makes it `InUse`. */
export async function attachNetworkInterface(
  ctx: ServiceContext,
  caller: Caller,
  input: AttachNetworkInterfaceInput,
): Promise<void> {
  requireRegion(ctx, input.regionId)
  await runTransaction(ctx, async (tx) => {
    // The spec checks the ENI first (§7.6); locks are still taken instance → ENI.
    await requireEni(tx, caller, input.regionId, input.networkInterfaceId)
    const instance = await requireEcs(tx, caller, input.regionId, input.instanceId, true)
    const eni = await requireEni(tx, caller, input.regionId, input.networkInterfaceId, true)
    if (eni.type !== 'Secondary') throw errors.invalidEniType('Secondary', eni.type)
    requireEniStatus(eni, ['Available'])
    if (instance.networkType !== 'vpc') throw errors.instanceNotInVpc()
    const type = findInstanceType(instance.instanceType)
    if (!type) throw errors.internalError()
    requireInstanceStatus(instance, attachDetachStatuses(type))
    if (eni.vpcId !== instance.vpcId) throw errors.vpcMismatch()
    if (eni.zoneId !== instance.zoneId) throw errors.availabilityZoneMismatch()
    if (ctx.profile.attachRequiresSameVSwitch && eni.vswitchId !== instance.vswitchId) {
      throw errors.vSwitchMismatch()
    }
    const attached = await tx.enisOfInstance(instance.id)
    if (attached.length + 1 > type.eniQuantity) throw errors.eniPerInstanceLimitExceeded()
    // An ERI needs a type with room for one more (extensions.md §7); its queues must fit the type.
    if (eni.trafficMode === 'HighPerformance') {
      checkEriAttach(type, attached.filter((e) => e.trafficMode === 'HighPerformance').length)
    }
    if (eni.queueNumber !== null) checkQueueNumberFits(eni.queueNumber, type)
    const limit = privateIpLimit(ctx.profile, { instanceId: instance.id, type })
    const secondaries = ipv4SlotsOf(eni) - 1
    if (secondaries > limit.maxSecondary) {
      throw errors.ipv4CountExceededOnAttach({
        eniId: eni.id,
        instanceId: instance.id,
        ...limit,
        secondaries,
        prefixes: eni.ipv4Prefixes.length,
      })
    }
    // IPv6 the ENI already carries must fit the type (spec §5.2); 0 IPv6 always fits.
    if (ipv6SlotsOf(eni) > 0) checkIpv6Cap(eni, type, 0)
    const taken = new Set(attached.map((e) => e.deviceIndex))
    let deviceIndex = 1
    while (taken.has(deviceIndex)) deviceIndex++
    await tx.updateEni(eni.id, { status: 'Attaching', instanceId: instance.id, deviceIndex })
    await schedule(tx, ctx, 'eni.attached', caller.accountId, eni.id)
  })
}
