// A small world for the failure-path compatibility tests, built through pop-core (V1): a VPC, a
// vSwitch, a security group, one running instance and one ENI attached to it (`InUse`).
import type RPCClient from '@alicloud/pop-core'
import { eventually } from './sdk-harness.js'

type Json = Record<string, unknown>

export const REGION = 'cn-hangzhou'

export interface CompatWorld {
  readonly vpcId: string
  readonly vswitchId: string
  readonly sgId: string
  readonly instanceId: string
  readonly eniId: string
}

export async function buildCompatWorld(
  ecs: RPCClient,
  vpc: RPCClient,
  opts: { attach?: boolean } = {},
): Promise<CompatWorld> {
  const post = { method: 'POST' }
  const { VpcId: vpcId } = await vpc.request<{ VpcId: string }>(
    'CreateVpc',
    { RegionId: REGION, CidrBlock: '192.168.0.0/16' },
    post,
  )
  await eventually(
    'VPC Available',
    () => vpc.request<Json>('DescribeVpcs', { RegionId: REGION, VpcId: vpcId }),
    (r) => JSON.stringify(r).includes('"Status":"Available"'),
  )
  const { VSwitchId: vswitchId } = await vpc.request<{ VSwitchId: string }>(
    'CreateVSwitch',
    { RegionId: REGION, VpcId: vpcId, ZoneId: 'cn-hangzhou-h', CidrBlock: '192.168.1.0/24' },
    post,
  )
  await eventually(
    'vSwitch Available',
    () => vpc.request<Json>('DescribeVSwitches', { RegionId: REGION, VSwitchId: vswitchId }),
    (r) => JSON.stringify(r).includes('"Status":"Available"'),
  )
  const { SecurityGroupId: sgId } = await ecs.request<{ SecurityGroupId: string }>(
    'CreateSecurityGroup',
    { RegionId: REGION, VpcId: vpcId },
    post,
  )
  const run = await ecs.request<{ InstanceIdSets: { InstanceIdSet: string[] } }>(
    'RunInstances',
    {
      RegionId: REGION,
      InstanceType: 'ecs.g7.large',
      ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
      VSwitchId: vswitchId,
      SecurityGroupId: sgId,
    },
    post,
  )
  const instanceId = run.InstanceIdSets.InstanceIdSet[0] ?? ''
  await eventually(
    'instance Running',
    () => ecs.request<Json>('DescribeInstances', { RegionId: REGION }),
    (r) => JSON.stringify(r).includes('"Status":"Running"'),
  )
  const { NetworkInterfaceId: eniId } = await ecs.request<{ NetworkInterfaceId: string }>(
    'CreateNetworkInterface',
    { RegionId: REGION, VSwitchId: vswitchId, SecurityGroupId: sgId },
    post,
  )
  if (opts.attach !== false) {
    await ecs.request(
      'AttachNetworkInterface',
      { RegionId: REGION, NetworkInterfaceId: eniId, InstanceId: instanceId },
      post,
    )
    await eniStatus(ecs, eniId, 'InUse')
  }
  return { vpcId, vswitchId, sgId, instanceId, eniId }
}

/** Waits until the ENI shows `status`. */
export async function eniStatus(ecs: RPCClient, eniId: string, status: string): Promise<void> {
  await eventually(
    `ENI ${status}`,
    () =>
      ecs.request<Json>('DescribeNetworkInterfaceAttribute', {
        RegionId: REGION,
        NetworkInterfaceId: eniId,
      }),
    (r) => r['Status'] === status,
  )
}

/** Secondary private IPs of the ENI. */
export async function secondaryIps(ecs: RPCClient, eniId: string): Promise<string[]> {
  const r = await ecs.request<{
    PrivateIpSets: { PrivateIpSet: { PrivateIpAddress: string; Primary: boolean }[] }
  }>('DescribeNetworkInterfaceAttribute', { RegionId: REGION, NetworkInterfaceId: eniId })
  return r.PrivateIpSets.PrivateIpSet.filter((p) => !p.Primary).map((p) => p.PrivateIpAddress)
}

/** pop-core's error: `code` plus the HTTP status from its request log. */
export async function popError(p: Promise<unknown>): Promise<{ code: string; status: number }> {
  try {
    await p
  } catch (e: unknown) {
    const err = e as { code?: string; entry?: { response?: { statusCode?: number } } }
    return { code: err.code ?? '', status: err.entry?.response?.statusCode ?? 0 }
  }
  throw new Error('expected the pop-core call to fail')
}
