// Seeds a VPC, a vSwitch, a security group and a running instance through the signed API, as a
// user of the SDK would, waiting (with bounded polls) for the asynchronous states to settle.
import type { WireInstance } from '../../../src/api/wire/instance.js'
import type { Wrapped } from '../../../src/api/wire/list.js'
import type { WireVSwitch, WireVpc } from '../../../src/api/wire/network.js'
import type { WireNetworkInterface } from '../../../src/api/wire/network-interface.js'
import type { RpcParams } from '../../../src/client/flatten-params.js'
import type { RpcClient } from '../../../src/client/rpc-client.js'

export const REGION = 'cn-hangzhou'
export const ZONE = 'cn-hangzhou-h'
export const VPC_CIDR = '192.168.0.0/16'
export const VSWITCH_CIDR = '192.168.1.0/24'

export interface ConsoleWorld {
  readonly vpcId: string
  readonly vswitchId: string
  readonly securityGroupId: string
  readonly instanceId: string
  readonly instancePrimaryIp: string
}

/** One call with `RegionId`, its body typed as the caller says. */
export async function callAs<T>(
  api: RpcClient,
  action: string,
  params: RpcParams = {},
): Promise<T> {
  return (await api.call(action, { RegionId: REGION, ...params })) as unknown as T
}

/** Polls `read` every 100 ms until `done` holds; fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export async function seedWorld(api: RpcClient): Promise<ConsoleWorld> {
  const { VpcId: vpcId } = await callAs<{ VpcId: string }>(api, 'CreateVpc', {
    CidrBlock: VPC_CIDR,
    VpcName: 'console-vpc',
  })
  await waitFor(
    'the VPC',
    () => callAs<{ Vpcs: Wrapped<'Vpc', WireVpc> }>(api, 'DescribeVpcs', { VpcId: vpcId }),
    (r) => r.Vpcs.Vpc[0]?.Status === 'Available',
  )
  const { VSwitchId: vswitchId } = await callAs<{ VSwitchId: string }>(api, 'CreateVSwitch', {
    VpcId: vpcId,
    ZoneId: ZONE,
    CidrBlock: VSWITCH_CIDR,
    VSwitchName: 'console-vsw',
  })
  await waitFor(
    'the vSwitch',
    () =>
      callAs<{ VSwitches: Wrapped<'VSwitch', WireVSwitch> }>(api, 'DescribeVSwitches', {
        VSwitchId: vswitchId,
      }),
    (r) => r.VSwitches.VSwitch[0]?.Status === 'Available',
  )
  const { SecurityGroupId: securityGroupId } = await callAs<{ SecurityGroupId: string }>(
    api,
    'CreateSecurityGroup',
    { VpcId: vpcId, SecurityGroupName: 'console-sg' },
  )
  const run = await callAs<{ InstanceIdSets: Wrapped<'InstanceIdSet', string> }>(
    api,
    'RunInstances',
    {
      InstanceType: 'ecs.g7.large',
      ImageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
      VSwitchId: vswitchId,
      SecurityGroupId: securityGroupId,
      InstanceName: 'console-vm',
    },
  )
  const instanceId = run.InstanceIdSets.InstanceIdSet[0] ?? ''
  const described = await waitFor(
    'the instance',
    () =>
      callAs<{ Instances: Wrapped<'Instance', WireInstance> }>(api, 'DescribeInstances', {
        InstanceIds: JSON.stringify([instanceId]),
      }),
    (r) => r.Instances.Instance[0]?.Status === 'Running',
  )
  const instancePrimaryIp =
    described.Instances.Instance[0]?.VpcAttributes.PrivateIpAddress.IpAddress[0] ?? ''
  return { vpcId, vswitchId, securityGroupId, instanceId, instancePrimaryIp }
}

/** The ENI as DescribeNetworkInterfaces returns it (undefined once deleted). */
export async function describeEni(
  api: RpcClient,
  eniId: string,
): Promise<WireNetworkInterface | undefined> {
  const res = await callAs<{
    NetworkInterfaceSets: Wrapped<'NetworkInterfaceSet', WireNetworkInterface>
  }>(api, 'DescribeNetworkInterfaces', { 'NetworkInterfaceId.1': eniId })
  return res.NetworkInterfaceSets.NetworkInterfaceSet[0]
}

export function secondaryIps(eni: WireNetworkInterface | undefined): string[] {
  return (eni?.PrivateIpSets.PrivateIpSet ?? [])
    .filter((ip) => !ip.Primary)
    .map((ip) => ip.PrivateIpAddress)
    .sort()
}
