// Terway's ECS client (AliyunContainerService/terway `pkg/aliyun/client/{ecs.go,options.go,
// vpc.go,limit.go,types.go}`, spec/extensions.md §8.2): the requests its options build, the loops
// and the codes it treats as success, reading only the fields `FromCreateResp`/`FromDescribeResp`
// and `getInstanceType` read. Terway's Go SDK signs V1; the test passes pop-core (V1) or, for the
// newer SDK generation, the tea client. Its backoffs are kept in shape (initial delay, factor,
// steps) with the delays scaled down by the caller.
import type { Json, Rpc } from './recorded-rpc.js'
import { failureOf, sleep } from './recorded-rpc.js'
import { type Backoff, scaleBackoff, withBackoff } from './terway-backoff.js'
import { type Limits, limitsOf } from './terway-limits.js'

export const ENI_DESCRIPTION = 'interface create by terway'
const MAX_SINGLE_PAGE_SIZE = 500

type IpSet = { PrivateIpAddress: string; Primary: boolean }
/** The ENI answer fields Terway reads (CreateNetworkInterface and DescribeNetworkInterfaces). */
export interface TerwayEni {
  Status: string
  MacAddress: string
  NetworkInterfaceId: string
  VSwitchId: string
  PrivateIpAddress: string
  PrivateIpSets: { PrivateIpSet: IpSet[] }
  ZoneId: string
  SecurityGroupIds: { SecurityGroupId: string[] }
  ResourceGroupId?: string
  Ipv6Sets: { Ipv6Set: { Ipv6Address: string }[] }
  Tags: { Tag: { TagKey: string; TagValue: string }[] }
  Type: string
  Ipv4PrefixSets: { Ipv4PrefixSet: { Ipv4Prefix: string }[] }
  Ipv6PrefixSets: { Ipv6PrefixSet: { Ipv6Prefix: string }[] }
  InstanceId?: string
  Attachment?: { InstanceId: string; TrunkNetworkInterfaceId: string; DeviceIndex: number }
  NetworkInterfaceTrafficMode?: string
  CreationTime?: string
  Description?: string
  SourceDestCheck?: boolean
}

export interface CreateOptions {
  readonly vswitchId: string
  readonly securityGroupIds: readonly string[]
  readonly resourceGroupId?: string
  /** IPs including the primary: `SecondaryPrivateIpAddressCount = ipCount − 1` when > 1 */
  readonly ipCount?: number
  readonly ipv6Count?: number
  readonly ipv4PrefixCount?: number
  readonly ipv6PrefixCount?: number
  readonly deleteOnRelease?: boolean
  readonly tags: Readonly<Record<string, string>>
}

export interface DescribeFilter {
  readonly vpcId?: string
  readonly eniIds?: readonly string[]
  readonly instanceId?: string
  readonly type?: string
  readonly status?: string
  readonly tags?: Readonly<Record<string, string>>
}

/** What a tolerant call (Unassign, Detach, Delete) met: nothing, or the code it took as success. */
export type Tolerated = string | undefined

export class TerwayEcs {
  constructor(
    private readonly ecs: Rpc,
    private readonly vpc: Rpc,
    private readonly scaleMs: number,
  ) {}

  /** `DescribeInstanceTypes(InstanceTypes.N, MaxResults=100)` until NextToken is `""`. */
  async describeInstanceTypes(types: readonly string[]): Promise<Json[]> {
    const all: Json[] = []
    let nextToken = ''
    for (let page = 0; page < 20; page++) {
      const r = await this.ecs.call<{
        NextToken?: string
        InstanceTypes: { InstanceType: Json[] }
      }>('DescribeInstanceTypes', {
        ...(nextToken === '' ? {} : { NextToken: nextToken }),
        MaxResults: 100,
        ...(types.length > 0 ? { InstanceTypes: [...types] } : {}),
      })
      all.push(...r.InstanceTypes.InstanceType)
      if ((r.NextToken ?? '') === '') return all
      nextToken = r.NextToken ?? ''
    }
    throw new Error('DescribeInstanceTypes still paging after 20 pages')
  }

  async getLimit(instanceType: string): Promise<Limits | undefined> {
    const found = (await this.describeInstanceTypes([instanceType])).map(limitsOf)
    return found.find((l) => l.instanceTypeId === instanceType)
  }

  /** `DescribeVSwitchByID`: the first item, or undefined (Terway's ErrNotFound). */
  async describeVSwitchById(id: string): Promise<Json | undefined> {
    const r = await this.vpc.call<{ VSwitches: { VSwitch: Json[] } }>('DescribeVSwitches', {
      VSwitchId: id,
    })
    return r.VSwitches.VSwitch[0]
  }

  /** `DescribeNetworkInterface`: MaxResults 500; stops on a short page or an empty NextToken. */
  async describeNetworkInterfaces(f: DescribeFilter): Promise<TerwayEni[]> {
    const all: TerwayEni[] = []
    let nextToken = ''
    for (let page = 0; page < 50; page++) {
      const r = await this.ecs.call<{
        NextToken?: string
        NetworkInterfaceSets: { NetworkInterfaceSet: TerwayEni[] }
      }>('DescribeNetworkInterfaces', {
        ...(nextToken === '' ? {} : { NextToken: nextToken }),
        ...(f.vpcId === undefined ? {} : { VpcId: f.vpcId }),
        ...(f.tags === undefined
          ? {}
          : { Tag: Object.entries(f.tags).map(([Key, Value]) => ({ Key, Value })) }),
        ...(f.eniIds === undefined ? {} : { NetworkInterfaceId: [...f.eniIds] }),
        ...(f.instanceId === undefined ? {} : { InstanceId: f.instanceId }),
        ...(f.type === undefined ? {} : { Type: f.type }),
        ...(f.status === undefined ? {} : { Status: f.status }),
        MaxResults: MAX_SINGLE_PAGE_SIZE,
      })
      const items = r.NetworkInterfaceSets.NetworkInterfaceSet
      all.push(...items)
      if (items.length < MAX_SINGLE_PAGE_SIZE || (r.NextToken ?? '') === '') return all
      nextToken = r.NextToken ?? ''
    }
    throw new Error('DescribeNetworkInterfaces still paging after 50 pages')
  }

  /** The request `CreateNetworkInterfaceOptions.Finish` builds. */
  createRequest(o: CreateOptions, clientToken: string): Json {
    if ((o.ipCount ?? 0) > 1 && (o.ipv4PrefixCount ?? 0) > 0) throw new Error('ErrInvalidArgs')
    return {
      VSwitchId: o.vswitchId,
      InstanceType: 'Secondary',
      SecurityGroupIds: [...o.securityGroupIds],
      ...(o.resourceGroupId === undefined ? {} : { ResourceGroupId: o.resourceGroupId }),
      Description: ENI_DESCRIPTION,
      ...((o.ipCount ?? 0) > 1 ? { SecondaryPrivateIpAddressCount: (o.ipCount ?? 0) - 1 } : {}),
      ...((o.ipv6Count ?? 0) > 0 ? { Ipv6AddressCount: o.ipv6Count } : {}),
      ...((o.ipv4PrefixCount ?? 0) > 0 ? { Ipv4PrefixCount: o.ipv4PrefixCount } : {}),
      ...((o.ipv6PrefixCount ?? 0) > 0 ? { Ipv6PrefixCount: o.ipv6PrefixCount } : {}),
      ...(o.deleteOnRelease === undefined ? {} : { DeleteOnRelease: o.deleteOnRelease }),
      SourceDestCheck: false,
      Tag: Object.entries(o.tags).map(([Key, Value]) => ({ Key, Value })),
      ClientToken: clientToken,
    }
  }

  async createNetworkInterface(o: CreateOptions, clientToken: string): Promise<TerwayEni> {
    return this.ecs.call<TerwayEni>('CreateNetworkInterface', this.createRequest(o, clientToken))
  }

  async attachNetworkInterface(eniId: string, instanceId: string): Promise<void> {
    await this.ecs.call('AttachNetworkInterface', {
      NetworkInterfaceId: eniId,
      InstanceId: instanceId,
    })
  }

  /**
   * `WaitForNetworkInterface`: DescribeNetworkInterfaces(NetworkInterfaceId.1) under the backoff
   * until the status matches; with `ignoreNotExist`, gone counts as done (answers undefined).
   */
  async waitForNetworkInterface(
    eniId: string,
    status: string,
    b: Backoff,
    ignoreNotExist = false,
  ): Promise<TerwayEni | undefined> {
    let found: TerwayEni | undefined
    const ok = await withBackoff(this.scaled(b), async () => {
      const enis = await this.describeNetworkInterfaces({ eniIds: [eniId] })
      if (enis.length === 0 && ignoreNotExist) return true
      found =
        enis.length === 1 && (status === '' || enis[0]?.Status === status) ? enis[0] : undefined
      return found !== undefined
    })
    if (!ok) throw new Error(`error wait for eni ${eniId} to status ${status}`)
    return found
  }

  /** Assign*: under `retry`, `Throttling`, `InternalError` and `Operation.Conflict` are retried. */
  private async retried<T>(send: () => Promise<T>, retry: Backoff | undefined): Promise<T> {
    if (retry === undefined) return send()
    let result: { value: T } | undefined
    let last: unknown
    await withBackoff(this.scaled(retry), async () => {
      try {
        result = { value: await send() }
        return true
      } catch (e: unknown) {
        const { code } = failureOf(e)
        if (!['Throttling', 'InternalError', 'Operation.Conflict'].includes(code)) throw e
        last = e
        return false
      }
    })
    if (result === undefined) throw last
    return result.value
  }

  async assignPrivateIpAddresses(
    eniId: string,
    count: { ipCount?: number; ipv4PrefixCount?: number },
    clientToken: string,
    retry?: Backoff,
  ): Promise<{ ips: string[]; prefixes: string[] }> {
    const r = await this.retried(
      () =>
        this.ecs.call<{
          AssignedPrivateIpAddressesSet: {
            PrivateIpSet: { PrivateIpAddress: string[] }
            Ipv4PrefixSet?: { Ipv4Prefixes: string[] }
          }
        }>('AssignPrivateIpAddresses', {
          NetworkInterfaceId: eniId,
          ...(count.ipCount === undefined ? {} : { SecondaryPrivateIpAddressCount: count.ipCount }),
          ...(count.ipv4PrefixCount === undefined
            ? {}
            : { Ipv4PrefixCount: count.ipv4PrefixCount }),
          ClientToken: clientToken,
        }),
      retry,
    )
    const set = r.AssignedPrivateIpAddressesSet
    return {
      ips: set.PrivateIpSet.PrivateIpAddress,
      prefixes: set.Ipv4PrefixSet?.Ipv4Prefixes ?? [],
    }
  }

  async assignIpv6Addresses(
    eniId: string,
    count: { ipv6Count?: number; ipv6PrefixCount?: number },
    clientToken: string,
  ): Promise<{ ips: string[]; prefixes: string[] }> {
    const r = await this.ecs.call<{
      Ipv6Sets: { Ipv6Address: string[] }
      Ipv6PrefixSets: { Ipv6Prefix: string[] }
    }>('AssignIpv6Addresses', {
      NetworkInterfaceId: eniId,
      ...(count.ipv6Count === undefined ? {} : { Ipv6AddressCount: count.ipv6Count }),
      ...(count.ipv6PrefixCount === undefined ? {} : { Ipv6PrefixCount: count.ipv6PrefixCount }),
      ClientToken: clientToken,
    })
    return { ips: r.Ipv6Sets.Ipv6Address, prefixes: r.Ipv6PrefixSets.Ipv6Prefix }
  }

  /** Unassign*: `InvalidIp.IpUnassigned` and `InvalidEniId.NotFound` are success. */
  private async tolerant(p: Promise<unknown>, codes: readonly string[]): Promise<Tolerated> {
    try {
      await p
      return undefined
    } catch (e: unknown) {
      const { code } = failureOf(e)
      if (codes.includes(code)) return code
      throw e
    }
  }

  unassignPrivateIpAddresses(eniId: string, ips: readonly string[]): Promise<Tolerated> {
    return this.tolerant(
      this.ecs.call('UnassignPrivateIpAddresses', {
        NetworkInterfaceId: eniId,
        PrivateIpAddress: [...ips],
      }),
      ['InvalidIp.IpUnassigned', 'InvalidEniId.NotFound'],
    )
  }

  unassignIpv4Prefixes(eniId: string, prefixes: readonly string[]): Promise<Tolerated> {
    return this.tolerant(
      this.ecs.call('UnassignPrivateIpAddresses', {
        NetworkInterfaceId: eniId,
        Ipv4Prefix: [...prefixes],
      }),
      ['InvalidIp.IpUnassigned', 'InvalidEniId.NotFound'],
    )
  }

  unassignIpv6Addresses(
    eniId: string,
    which: { ips?: readonly string[]; prefixes?: readonly string[] },
  ): Promise<Tolerated> {
    return this.tolerant(
      this.ecs.call('UnassignIpv6Addresses', {
        NetworkInterfaceId: eniId,
        ...(which.ips === undefined ? {} : { Ipv6Address: [...which.ips] }),
        ...(which.prefixes === undefined ? {} : { Ipv6Prefix: [...which.prefixes] }),
      }),
      ['InvalidIp.IpUnassigned', 'InvalidEniId.NotFound'],
    )
  }

  detachNetworkInterface(eniId: string, instanceId: string): Promise<Tolerated> {
    return this.tolerant(
      this.ecs.call('DetachNetworkInterface', {
        NetworkInterfaceId: eniId,
        InstanceId: instanceId,
      }),
      ['InvalidEniId.NotFound', 'InvalidEcsId.NotFound'],
    )
  }

  /** Delete, then ENIDeleteConfirm (1 s, then 2 s ×1.5 capped at 4 s, 4 steps) until gone. */
  async deleteNetworkInterface(eniId: string): Promise<Tolerated> {
    const tolerated = await this.tolerant(
      this.ecs.call('DeleteNetworkInterface', { NetworkInterfaceId: eniId }),
      ['InvalidEniId.NotFound'],
    )
    if (tolerated !== undefined) return tolerated
    await sleep(1000 * this.scaleMs)
    const gone = await withBackoff(
      this.scaled({ initialMs: 2000, factor: 1.5, capMs: 4000, steps: 4 }),
      async () => (await this.describeNetworkInterfaces({ eniIds: [eniId] })).length === 0,
    )
    if (!gone) throw new Error(`timeout waiting for eni ${eniId} to be deleted`)
    return undefined
  }

  /** Terway's delays in milliseconds, times the test's scale (e.g. 0.02 → 3 s becomes 60 ms). */
  scaled(b: Backoff): Backoff {
    return scaleBackoff(b, this.scaleMs)
  }
}
