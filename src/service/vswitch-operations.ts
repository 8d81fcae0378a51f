// DescribeVSwitches (with the exact AvailableIpAddressCount) and DeleteVSwitch.
import { parseCidr, usableCount } from '../allocator/cidr.js'
import { errors } from '../domain/errors.js'
import type { VSwitch } from '../domain/resources.js'
import type { Tagged } from '../domain/tags.js'
import type { PageResult, VSwitchFilter } from '../storage/store.js'
import type { Caller, ServiceContext } from './context.js'
import { requireRegion, requireVSwitch } from './lookups.js'
import type { PageRequest } from './paging.js'
import { toStorePage } from './paging.js'
import { withTags } from './resource-tags.js'
import { runTransaction } from './run-transaction.js'

export interface VSwitchView extends VSwitch, Tagged {
  readonly availableIpAddressCount: number
  /** the system route table of the vSwitch's VPC */
  readonly routeTableId: string
}

export async function describeVSwitches(
  ctx: ServiceContext,
  caller: Caller,
  input: VSwitchFilter & PageRequest,
): Promise<PageResult<VSwitchView> & { pageNumber: number; pageSize: number }> {
  if (input.regionId === undefined && input.vpcId === undefined) {
    throw errors.missingParameter('RegionId')
  }
  if (input.regionId !== undefined) requireRegion(ctx, input.regionId)
  const { page, pageNumber, pageSize } = toStorePage(input, 10)
  if (pageSize < 1 || pageSize > 50) throw errors.invalidParameter('PageSize')
  const result = await runTransaction(ctx, async (tx) => {
    const list = await tx.listVSwitches(caller.accountId, input, page)
    // One grouped count for the page, and each VPC of the page read once.
    const used = await tx.countUsedAddressesIn(list.items.map((v) => v.id))
    const routeTables = new Map<string, string>()
    for (const vpcId of new Set(list.items.map((v) => v.vpcId))) {
      routeTables.set(vpcId, (await tx.getVpc(caller.accountId, vpcId))?.routeTableId ?? '')
    }
    const tagged = await withTags(tx, caller, 'vswitch', list.items)
    const items = tagged.map((v): VSwitchView => ({
      ...v,
      availableIpAddressCount: usableCount(parseCidr(v.cidrBlock)!) - (used.get(v.id) ?? 0),
      routeTableId: routeTables.get(v.vpcId) ?? '',
    }))
    return { ...list, items }
  })
  return { ...result, pageNumber, pageSize }
}

export async function deleteVSwitch(
  ctx: ServiceContext,
  caller: Caller,
  input: { regionId: string; vswitchId: string },
): Promise<void> {
  requireRegion(ctx, input.regionId)
  await runTransaction(ctx, async (tx) => {
    const vsw = await requireVSwitch(tx, caller, input.regionId, input.vswitchId)
    if ((await tx.countEnisOfVSwitch(vsw.id)) > 0) throw errors.dependencyViolation('ENIs')
    if ((await tx.countInstancesOfVSwitch(vsw.id)) > 0)
      throw errors.dependencyViolation('instances')
    await tx.deleteOperationsFor(vsw.id)
    await tx.deleteVSwitch(caller.accountId, vsw.id)
  })
  ctx.pools.forget(input.vswitchId)
}
