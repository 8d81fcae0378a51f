import { requireEniStatus } from '../domain/eni-rules.js'
import type { EniPatch } from '../storage/store.js'
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
}

/** Only the given fields change; a new security-group set is checked like a create. */
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

  await runTransaction(ctx, async (tx) => {
    const eni = await requireEni(tx, caller, input.regionId, input.networkInterfaceId, true)
    requireEniStatus(eni, ['Available', 'InUse'])
    if (input.securityGroupIds !== undefined) {
      const groups = await requireSecurityGroups(tx, ctx, caller, input.securityGroupIds, eni.vpcId)
      const joining = groups.filter((g) => !eni.securityGroupIds.includes(g.id))
      await checkSecurityGroupCapacity(tx, ctx, joining, eni.privateIps.length)
      await tx.setEniSecurityGroups(eni.id, caller.accountId, input.securityGroupIds)
    }
    await tx.updateEni(eni.id, patch)
  })
}
