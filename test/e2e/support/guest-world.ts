// Builds a world through the real API (signed RpcClient against an in-process server) for the
// guest-side tests, with bounded polling for the asynchronous states.
import { DEFAULT_SERVER_CONFIG } from '../../../src/config/server-config.js'
import type { ServerConfig } from '../../../src/config/server-config.js'
import { RpcClient } from '../../../src/client/rpc-client.js'
import type { RunningServer } from '../../../src/main.js'
import { startServer } from '../../../src/main.js'

export const GUEST_AK = 'LTAIguestguestguest01'
export const GUEST_SECRET = 'guest-secret-guest-secret-0001'
export const REGION = 'cn-hangzhou'
export const ZONE = 'cn-hangzhou-h'
export const UBUNTU = 'ubuntu_22_04_x64_20G_alibase_20240926.vhd'

export async function startGuestServer(more: Partial<ServerConfig> = {}): Promise<RunningServer> {
  return startServer(
    {
      ...DEFAULT_SERVER_CONFIG,
      db: ':memory:',
      port: 0,
      asyncDelayMs: 0,
      logLevel: 'silent',
      ...more,
    },
    { ENIPLANE_ACCESS_KEY_ID: GUEST_AK, ENIPLANE_ACCESS_KEY_SECRET: GUEST_SECRET },
    () => undefined,
  )
}

/** The environment a spawned `eniplane` client command needs to reach `url`. */
export function clientEnv(url: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ENIPLANE_ENDPOINT: url,
    ENIPLANE_ACCESS_KEY_ID: GUEST_AK,
    ENIPLANE_ACCESS_KEY_SECRET: GUEST_SECRET,
  }
}

/** Polls `probe` until it yields a value; fails after `timeoutMs` (never hangs). */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

type Json = Record<string, unknown>
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {})
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : [])

export interface EniFacts {
  readonly id: string
  readonly status: string
  readonly mac: string
  readonly primaryIp: string
  readonly ips: string[]
  readonly instanceId: string
  readonly deviceIndex: number | undefined
}

export class GuestWorld {
  constructor(readonly client: RpcClient) {}

  static at(url: string): GuestWorld {
    return new GuestWorld(
      new RpcClient({ endpoint: url, accessKeyId: GUEST_AK, accessKeySecret: GUEST_SECRET }),
    )
  }

  call(action: string, params: Record<string, string | number | string[]>): Promise<Json> {
    return this.client.call(action, { RegionId: REGION, ...params })
  }

  /**
   * VPC + vSwitch (both Available) + security group; with `ipv6Index`, a dual-stack VPC and the
   * vSwitch's /64 at that index (`ipv6Cidr`).
   */
  async network(vpcCidr: string, vswitchCidr: string, ipv6Index?: number) {
    const v6 = ipv6Index !== undefined
    const vpcId = String(
      (await this.call('CreateVpc', { CidrBlock: vpcCidr, ...(v6 ? { EnableIpv6: 'true' } : {}) }))[
        'VpcId'
      ],
    )
    await until('VPC Available', async () => {
      const r = await this.call('DescribeVpcs', { VpcId: vpcId })
      const vpc = list(obj(r['Vpcs'])['Vpc'])[0]
      return vpc?.['Status'] === 'Available' ? true : undefined
    })
    const vswitchId = String(
      (
        await this.call('CreateVSwitch', {
          VpcId: vpcId,
          ZoneId: ZONE,
          CidrBlock: vswitchCidr,
          ...(v6 ? { Ipv6CidrBlock: ipv6Index } : {}),
        })
      )['VSwitchId'],
    )
    const ipv6Cidr = await until('vSwitch Available', async () => {
      const r = await this.call('DescribeVSwitchAttributes', { VSwitchId: vswitchId })
      const v6 = r['Ipv6CidrBlock']
      return r['Status'] === 'Available' ? (typeof v6 === 'string' ? v6 : '') : undefined
    })
    const sgId = String(
      (await this.call('CreateSecurityGroup', { VpcId: vpcId }))['SecurityGroupId'],
    )
    return { vpcId, vswitchId, sgId, ipv6Cidr }
  }

  async assignIpv6(eniId: string, ips: string[]): Promise<void> {
    const params: Record<string, string> = { NetworkInterfaceId: eniId }
    ips.forEach((ip, i) => (params[`Ipv6Address.${i + 1}`] = ip))
    await this.call('AssignIpv6Addresses', params)
  }

  async unassignIpv6(eniId: string, ips: string[]): Promise<void> {
    const params: Record<string, string> = { NetworkInterfaceId: eniId }
    ips.forEach((ip, i) => (params[`Ipv6Address.${i + 1}`] = ip))
    await this.call('UnassignIpv6Addresses', params)
  }

  async runInstance(
    net: { vswitchId: string; sgId: string },
    imageId = UBUNTU,
    privateIp?: string,
  ): Promise<string> {
    const r = await this.call('RunInstances', {
      ImageId: imageId,
      InstanceType: 'ecs.g7.large',
      VSwitchId: net.vswitchId,
      SecurityGroupId: net.sgId,
      ...(privateIp === undefined ? {} : { PrivateIpAddress: privateIp }),
    })
    const ids = obj(r['InstanceIdSets'])['InstanceIdSet']
    const id: unknown = Array.isArray(ids) ? ids[0] : undefined
    if (typeof id !== 'string') throw new Error('RunInstances returned no id')
    await until(`${id} Running`, async () => {
      const d = await this.call('DescribeInstances', { InstanceIds: JSON.stringify([id]) })
      const inst = list(obj(d['Instances'])['Instance'])[0]
      return inst?.['Status'] === 'Running' ? true : undefined
    })
    return id
  }

  async eni(id: string): Promise<EniFacts> {
    const r = await this.call('DescribeNetworkInterfaceAttribute', { NetworkInterfaceId: id })
    const sets = list(obj(r['PrivateIpSets'])['PrivateIpSet'])
    const index = obj(r['Attachment'])['DeviceIndex']
    return {
      id,
      status: String(r['Status']),
      mac: String(r['MacAddress']),
      primaryIp: String(r['PrivateIpAddress']),
      ips: sets.map((s) => String(s['PrivateIpAddress'])),
      instanceId: typeof r['InstanceId'] === 'string' ? r['InstanceId'] : '',
      deviceIndex: r['Type'] === 'Primary' ? 0 : typeof index === 'number' ? index : undefined,
    }
  }

  async primaryEniOf(instanceId: string): Promise<string> {
    const r = await this.call('DescribeNetworkInterfaces', {
      InstanceId: instanceId,
      Type: 'Primary',
    })
    const eni = list(obj(r['NetworkInterfaceSets'])['NetworkInterfaceSet'])[0]
    if (eni === undefined) throw new Error(`no primary ENI for ${instanceId}`)
    return String(eni['NetworkInterfaceId'])
  }

  async assign(eniId: string, ips: string[]): Promise<void> {
    const params: Record<string, string> = { NetworkInterfaceId: eniId }
    ips.forEach((ip, i) => (params[`PrivateIpAddress.${i + 1}`] = ip))
    await this.call('AssignPrivateIpAddresses', params)
  }

  async unassign(eniId: string, ips: string[]): Promise<void> {
    const params: Record<string, string> = { NetworkInterfaceId: eniId }
    ips.forEach((ip, i) => (params[`PrivateIpAddress.${i + 1}`] = ip))
    await this.call('UnassignPrivateIpAddresses', params)
  }

  async createEni(net: { vswitchId: string; sgId: string }, primaryIp?: string): Promise<string> {
    const r = await this.call('CreateNetworkInterface', {
      VSwitchId: net.vswitchId,
      SecurityGroupId: net.sgId,
      ...(primaryIp === undefined ? {} : { PrimaryIpAddress: primaryIp }),
    })
    return String(r['NetworkInterfaceId'])
  }

  async waitEni(eniId: string, status: string): Promise<EniFacts> {
    return until(`${eniId} ${status}`, async () => {
      const eni = await this.eni(eniId)
      return eni.status === status ? eni : undefined
    })
  }

  async attach(eniId: string, instanceId: string): Promise<EniFacts> {
    await this.call('AttachNetworkInterface', { NetworkInterfaceId: eniId, InstanceId: instanceId })
    return this.waitEni(eniId, 'InUse')
  }

  async detach(eniId: string, instanceId: string): Promise<EniFacts> {
    await this.call('DetachNetworkInterface', { NetworkInterfaceId: eniId, InstanceId: instanceId })
    return this.waitEni(eniId, 'Available')
  }
}
