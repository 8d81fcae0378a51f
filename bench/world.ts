// The resources a bench run needs, made through the API of a running server.
import { RpcClient } from '../src/client/rpc-client.js'
import type { RpcParams } from '../src/client/flatten-params.js'
import { BENCH_KEY } from './serve-process.js'

export interface Network {
  readonly vpcId: string
  readonly vswitchIds: string[]
  readonly securityGroupId: string
}

export function apiOf(url: string): (action: string, params: RpcParams) => Promise<unknown> {
  const client = new RpcClient({
    endpoint: url,
    accessKeyId: BENCH_KEY.id,
    accessKeySecret: BENCH_KEY.secret,
  })
  return (action, params) => client.call(action, { RegionId: 'cn-hangzhou', ...params })
}

async function waitAvailable(read: () => Promise<unknown>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!JSON.stringify(await read()).includes('"Status":"Available"')) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** A VPC 10.0.0.0/8 with one vSwitch per CIDR given, and a security group. */
export async function createNetwork(
  url: string,
  vswitchCidrs: readonly string[],
): Promise<Network> {
  const call = apiOf(url)
  const vpc = (await call('CreateVpc', { CidrBlock: '10.0.0.0/8' })) as { VpcId: string }
  await waitAvailable(() => call('DescribeVpcs', { VpcId: vpc.VpcId }), 'VPC')
  const vswitchIds: string[] = []
  for (const cidr of vswitchCidrs) {
    const vsw = (await call('CreateVSwitch', {
      VpcId: vpc.VpcId,
      ZoneId: 'cn-hangzhou-h',
      CidrBlock: cidr,
    })) as { VSwitchId: string }
    await waitAvailable(() => call('DescribeVSwitches', { VSwitchId: vsw.VSwitchId }), 'vSwitch')
    vswitchIds.push(vsw.VSwitchId)
  }
  const sg = (await call('CreateSecurityGroup', { VpcId: vpc.VpcId })) as {
    SecurityGroupId: string
  }
  return { vpcId: vpc.VpcId, vswitchIds, securityGroupId: sg.SecurityGroupId }
}

/** Another security group in the VPC, of the given type. */
export async function createGroup(
  url: string,
  vpcId: string,
  type: 'normal' | 'enterprise',
): Promise<string> {
  const sg = (await apiOf(url)('CreateSecurityGroup', {
    VpcId: vpcId,
    SecurityGroupType: type,
  })) as { SecurityGroupId: string }
  return sg.SecurityGroupId
}

/**
 * Fills the security group with about `addresses` private IPs: ENIs of its own (each 1 primary
 * + 49 secondaries) in `vswitchId`. Returns how many addresses it added.
 */
export async function fillGroup(
  url: string,
  vswitchId: string,
  securityGroupId: string,
  addresses: number,
): Promise<number> {
  const call = apiOf(url)
  const enis = await createEnis(url, vswitchId, securityGroupId, Math.floor(addresses / 50))
  for (const id of enis) {
    await call('AssignPrivateIpAddresses', {
      NetworkInterfaceId: id,
      SecondaryPrivateIpAddressCount: 49,
    })
  }
  return enis.length * 50
}

export async function createEnis(
  url: string,
  vswitchId: string,
  securityGroupId: string,
  count: number,
): Promise<string[]> {
  const call = apiOf(url)
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const eni = (await call('CreateNetworkInterface', {
      VSwitchId: vswitchId,
      SecurityGroupId: securityGroupId,
    })) as { NetworkInterfaceId: string }
    ids.push(eni.NetworkInterfaceId)
  }
  return ids
}
