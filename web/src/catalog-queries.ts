// Whole lists for pickers and pictures (vSwitches, VPCs, security groups, instances, the ENIs of
// one vSwitch), read page by page with each API's own paging. Loops are bounded.
import type { RpcParams } from '../../src/client/flatten-params.js'
import { callAction } from './console-api.js'
import type {
  DescribeInstancesResponse,
  DescribeNetworkInterfacesResponse,
  DescribeSecurityGroupsResponse,
  DescribeVSwitchesResponse,
  DescribeVpcsResponse,
  Instance,
  NetworkInterface,
  SecurityGroup,
  VSwitch,
  Vpc,
} from './wire-types.js'

const MAX_PAGES = 200

/** PageNumber/PageSize paging until `TotalCount` rows (or a short page) arrived. */
async function byPageNumber<R extends { TotalCount?: number }, T>(
  action: string,
  params: RpcParams,
  pageSize: number,
  items: (res: R) => readonly T[],
): Promise<T[]> {
  const out: T[] = []
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await callAction<R>(action, { ...params, PageNumber: page, PageSize: pageSize })
    const batch = items(res)
    out.push(...batch)
    if (batch.length < pageSize || out.length >= (res.TotalCount ?? Infinity)) break
  }
  return out
}

/** NextToken/MaxResults paging until the token comes back empty. */
async function byNextToken<R extends { NextToken?: string }, T>(
  action: string,
  params: RpcParams,
  maxResults: number,
  items: (res: R) => readonly T[],
): Promise<T[]> {
  const out: T[] = []
  let token = ''
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await callAction<R>(action, {
      ...params,
      MaxResults: maxResults,
      NextToken: token === '' ? undefined : token,
    })
    out.push(...items(res))
    token = res.NextToken ?? ''
    if (token === '') break
  }
  return out
}

export function listVSwitches(
  filter: { VpcId?: string; VSwitchId?: string } = {},
): Promise<VSwitch[]> {
  return byPageNumber<DescribeVSwitchesResponse, VSwitch>(
    'DescribeVSwitches',
    filter,
    50,
    (res) => res.VSwitches.VSwitch,
  )
}

export async function findVSwitch(vswitchId: string): Promise<VSwitch | undefined> {
  const res = await callAction<DescribeVSwitchesResponse>('DescribeVSwitches', {
    VSwitchId: vswitchId,
  })
  return res.VSwitches.VSwitch.find((v) => v.VSwitchId === vswitchId)
}

export function listVpcs(): Promise<Vpc[]> {
  return byPageNumber<DescribeVpcsResponse, Vpc>('DescribeVpcs', {}, 50, (res) => res.Vpcs.Vpc)
}

export function listSecurityGroups(vpcId: string): Promise<SecurityGroup[]> {
  return byPageNumber<DescribeSecurityGroupsResponse, SecurityGroup>(
    'DescribeSecurityGroups',
    { VpcId: vpcId },
    50,
    (res) => res.SecurityGroups.SecurityGroup,
  )
}

export function listInstances(filter: { VpcId?: string } = {}): Promise<Instance[]> {
  return byNextToken<DescribeInstancesResponse, Instance>(
    'DescribeInstances',
    filter,
    100,
    (res) => res.Instances.Instance,
  )
}

export async function findInstance(instanceId: string): Promise<Instance | undefined> {
  const res = await callAction<DescribeInstancesResponse>('DescribeInstances', {
    InstanceIds: JSON.stringify([instanceId]),
  })
  return res.Instances.Instance.find((i) => i.InstanceId === instanceId)
}

export function listVSwitchEnis(vswitchId: string): Promise<NetworkInterface[]> {
  return byNextToken<DescribeNetworkInterfacesResponse, NetworkInterface>(
    'DescribeNetworkInterfaces',
    { VSwitchId: vswitchId },
    500,
    (res) => res.NetworkInterfaceSets.NetworkInterfaceSet,
  )
}
