import { requireEniStatus, requireInstanceStatus } from '../domain/eni-rules.js'
import {
  checkQueueNumberFits,
  checkQueueNumberRange,
  checkQueuePairsAllowed,
  checkTrafficMode,
} from '../domain/eni-traffic.js'
import { errors } from '../domain/errors.js'
import type { EniView } from '../domain/resources.js'
import type { EniPatch, Tx } from '../storage/store.js'
import { attachmentOf } from './attached-type.js'
import type { Caller, ServiceContext } from './context.js'
import { requireEni, requireRegion, requireSecurityGroups } from './lookups.js'
import { checkDescription, checkName } from './names.js'
import { runTransaction } from './run-transaction.js'
import { checkSecurityGroupCapacity } from './security-group-capacity.js'

export interface ModifyNetworkInterfaceAttributeInput {
  readonly regionId: string
  readonly networkInterfaceId: string
  readonly securityGroupIds?: readonly string[] | undefined
  readonly name?: string | undefined
  readonly description?: string | undefined
  readonly deleteOnRelease?: boolean | undefined
  readonly sourceDestCheck?: boolean | undefined
  /** extensions.md §7 (Terraform `queue_number`) */
  readonly queueNumber?: number | undefined
  readonly trafficMode?: string | undefined
  /** HighPerformance ENIs only */
  readonly queuePairNumber?: number | undefined
}

/**
 * Only the given fields change; a new security-group set is checked like a create. `QueueNumber`
 * changes only on a secondary ENI that is Available or whose instance is Stopped (spec §4.4) and
 * must fit the instance type; the traffic mode changes only while the ENI is Available (ours).
 */
export async function modifyNetworkInterfaceAttribute(
  ctx: ServiceContext,
  caller: Caller,
  input: ModifyNetworkInterfaceAttributeInput,
): Promise<void> {
  requireRegion(ctx, input.regionId)
  const patch: { -readonly [K in keyof EniPatch]: EniPatch[K] } = {}
  if (input.name !== undefined) {
    patch.name = checkName(
      input.name,
      'NetworkInterfaceName',
      'InvalidNetworkInterfaceName.Malformed',
    )
  }
  if (input.description !== undefined) patch.description = checkDescription(input.description)
  if (input.deleteOnRelease !== undefined) patch.deleteOnRelease = input.deleteOnRelease
  if (input.sourceDestCheck !== undefined) patch.sourceDestCheck = input.sourceDestCheck
  if (input.queueNumber !== undefined) {
    checkQueueNumberRange(input.queueNumber, 'QueueNumber')
    patch.queueNumber = input.queueNumber
  }
  const trafficMode = checkTrafficMode(input.trafficMode, 'NetworkInterfaceTrafficMode')
  if (input.queuePairNumber !== undefined) {
    checkQueueNumberRange(input.queuePairNumber, 'QueuePairNumber')
    patch.queuePairNumber = input.queuePairNumber
  }

  await runTransaction(ctx, async (tx) => {
    const eni = await requireEni(tx, caller, input.regionId, input.networkInterfaceId, true)
    requireEniStatus(eni, ['Available', 'InUse'])
    if (input.queueNumber !== undefined) await checkQueueChange(tx, eni, input.queueNumber)
    if (trafficMode !== undefined && trafficMode !== eni.trafficMode) {
      requireEniStatus(eni, ['Available'])
      patch.trafficMode = trafficMode
    }
    if (patch.queuePairNumber !== undefined) {
      checkQueuePairsAllowed(patch.trafficMode ?? eni.trafficMode)
    }
    if (input.securityGroupIds !== undefined) {
      const groups = await requireSecurityGroups(tx, ctx, caller, input.securityGroupIds, eni.vpcId)
      const joining = groups.filter((g) => !eni.securityGroupIds.includes(g.id))
      await checkSecurityGroupCapacity(tx, ctx, joining, eni.privateIps.length)
      await tx.setEniSecurityGroups(eni.id, caller.accountId, input.securityGroupIds)
    }
    await tx.updateEni(eni.id, patch)
  })
}

async function checkQueueChange(tx: Tx, eni: EniView, queueNumber: number): Promise<void> {
  if (eni.type !== 'Secondary') throw errors.invalidEniType('Secondary', eni.type)
  const attached = await attachmentOf(tx, eni)
  if (attached === undefined) return
  requireInstanceStatus(attached.instance, ['Stopped'])
  checkQueueNumberFits(queueNumber, attached.type)
}
