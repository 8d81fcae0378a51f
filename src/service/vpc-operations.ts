// DescribeVpcs and DeleteVpc.
import { errors } from '../domain/errors.js'
import type { Vpc } from '../domain/resources.js'
import type { Tagged } from '../domain/tags.js'
import type { PageResult, VpcFilter } from '../storage/store.js'
import type { Caller, ServiceContext } from './context.js'
import { requireRegion, requireVpc } from './lookups.js'
import type { PageRequest } from './paging.js'
import { toStorePage } from './paging.js'
import { withTags } from './resource-tags.js'
import { runTransaction } from './run-transaction.js'

export interface VpcView extends Vpc, Tagged {
  /** the VPC's vSwitches, oldest first */
  readonly vswitchIds: readonly string[]
}

/** One page of VPCs with their vSwitch ids, read in one transaction. */
export async function describeVpcs(
  ctx: ServiceContext,
  caller: Caller,
  input: VpcFilter & PageRequest,
): Promise<PageResult<VpcView> & { pageNumber: number; pageSize: number }> {
  requireRegion(ctx, input.regionId)
  const { page, pageNumber, pageSize } = toStorePage(input, 10)
  const result = await runTransaction(ctx, async (tx) => {
    const list = await tx.listVpcs(caller.accountId, input, page)
    const items: VpcView[] = []
    for (const vpc of await withTags(tx, caller, 'vpc', list.items)) {
      items.push({ ...vpc, vswitchIds: (await tx.vswitchesOfVpc(vpc.id)).map((v) => v.id) })
    }
    return { ...list, items }
  })
  return { ...result, pageNumber, pageSize }
}

export async function deleteVpc(
  ctx: ServiceContext,
  caller: Caller,
  input: { regionId: string; vpcId: string },
): Promise<void> {
  requireRegion(ctx, input.regionId)
  await runTransaction(ctx, async (tx) => {
    const vpc = await requireVpc(tx, caller, input.regionId, input.vpcId)
    if ((await tx.vswitchesOfVpc(vpc.id)).length > 0) throw errors.dependencyViolation('vSwitches')
    if ((await tx.countSecurityGroupsOfVpc(vpc.id)) > 0) {
      throw errors.dependencyViolation('security groups')
    }
    await tx.deleteOperationsFor(vpc.id)
    await tx.deleteVpc(caller.accountId, vpc.id)
  })
}
