// Reads that every operation repeats, each failing with the code the spec gives.
import { errors } from '../domain/errors.js'
import type { Region } from '../domain/regions.js'
import type { EniView, Instance, SecurityGroup, VSwitch, Vpc } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'
import type { Caller, ServiceContext } from './context.js'

export function requireRegion(ctx: ServiceContext, regionId: string | undefined): Region {
  if (regionId === undefined || regionId === '') throw errors.missingRegionId()
  const region = ctx.regions.find((r) => r.regionId === regionId)
  if (!region) throw errors.invalidRegionIdNotFound(regionId)
  return region
}

export async function requireEni(
  tx: Tx,
  caller: Caller,
  regionId: string,
  id: string,
  forUpdate = false,
): Promise<EniView> {
  const eni = await tx.getEni(caller.accountId, id, forUpdate)
  if (!eni || eni.regionId !== regionId) throw errors.invalidEniIdNotFound(id)
  return eni
}

/** ENI actions report a missing instance as InvalidEcsId.NotFound (spec §7). */
export async function requireEcs(
  tx: Tx,
  caller: Caller,
  regionId: string,
  id: string,
  forUpdate = false,
): Promise<Instance> {
  const instance = await tx.getInstance(caller.accountId, id, forUpdate)
  if (!instance || instance.regionId !== regionId) throw errors.invalidEcsIdNotFound(id)
  return instance
}

export async function requireInstance(
  tx: Tx,
  caller: Caller,
  regionId: string,
  id: string,
): Promise<Instance> {
  const instance = await tx.getInstance(caller.accountId, id, true)
  if (!instance || instance.regionId !== regionId) throw errors.invalidInstanceIdNotFound(id)
  return instance
}

export async function requireVpc(
  tx: Tx,
  caller: Caller,
  regionId: string,
  id: string,
): Promise<Vpc> {
  const vpc = await tx.getVpc(caller.accountId, id)
  if (!vpc || vpc.regionId !== regionId) throw errors.invalidVpcIdNotFound(id)
  return vpc
}

export async function requireVSwitch(
  tx: Tx,
  caller: Caller,
  regionId: string,
  id: string,
): Promise<VSwitch> {
  const vsw = await tx.getVSwitch(caller.accountId, id)
  if (!vsw || vsw.regionId !== regionId) throw errors.invalidVSwitchIdNotFound(id)
  return vsw
}

/** Security groups for an ENI: 1..quota, distinct, existing, all in `vpcId`. */
export async function requireSecurityGroups(
  tx: Tx,
  ctx: ServiceContext,
  caller: Caller,
  ids: readonly string[],
  vpcId: string,
): Promise<SecurityGroup[]> {
  if (ids.length === 0) throw errors.missingParameter('SecurityGroupIds')
  if (new Set(ids).size !== ids.length) throw errors.invalidParameter('SecurityGroupIds')
  if (ids.length > ctx.quotas.securityGroupsPerEni) {
    throw errors.joinedGroupLimitExceed(ctx.quotas.securityGroupsPerEni)
  }
  const groups = await tx.getSecurityGroups(caller.accountId, ids)
  const missing = ids.find((id) => !groups.some((g) => g.id === id))
  if (missing !== undefined) throw errors.invalidSecurityGroupIdNotFound(missing)
  if (groups.some((g) => g.vpcId !== vpcId)) throw errors.vpcMismatch()
  return groups
}
