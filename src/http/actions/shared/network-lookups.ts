// What a VPC-product item shows that its own row does not hold, read through the services: the
// vSwitch ids of a VPC, and the route table of a vSwitch's VPC.
import type { Caller, ServiceContext } from '../../../service/context.js'
import type { Vpc, VSwitch } from '../../../domain/resources.js'
import { describeVpcs } from '../../../service/vpc-operations.js'
import { describeVSwitches } from '../../../service/vswitch-operations.js'

const VSWITCH_PAGE = 50

export async function vswitchIdsOf(
  ctx: ServiceContext,
  caller: Caller,
  vpc: Vpc,
): Promise<string[]> {
  const ids: string[] = []
  let nextToken: string | undefined
  do {
    const page = await describeVSwitches(ctx, caller, {
      regionId: vpc.regionId,
      vpcId: vpc.id,
      maxResults: VSWITCH_PAGE,
      nextToken,
    })
    ids.push(...page.items.map((v) => v.id))
    nextToken = page.nextToken
  } while (nextToken !== '')
  return ids
}

/** VPC id → its system route table id, for the VPCs of `vswitches`. */
export async function routeTablesOf(
  ctx: ServiceContext,
  caller: Caller,
  vswitches: readonly VSwitch[],
): Promise<Map<string, string>> {
  const vpcsByRegion = new Map<string, Set<string>>()
  for (const v of vswitches) {
    const vpcIds = vpcsByRegion.get(v.regionId) ?? new Set<string>()
    vpcIds.add(v.vpcId)
    vpcsByRegion.set(v.regionId, vpcIds)
  }
  const routeTables = new Map<string, string>()
  for (const [regionId, vpcIds] of vpcsByRegion) {
    const ids = [...vpcIds]
    const page = await describeVpcs(ctx, caller, { regionId, ids, pageSize: ids.length })
    for (const vpc of page.items) routeTables.set(vpc.id, vpc.routeTableId)
  }
  return routeTables
}
