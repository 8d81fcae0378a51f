// The Cilium operator's Alibaba Cloud IPAM calls (cilium/cilium `pkg/alibabacloud/api/api.go`,
// spec/extensions.md §8.1), one method per function there, with the same parameters, paging and
// stop conditions, reading only the fields Cilium reads. Sent through pop-core (V1, POST form),
// as Cilium's Go SDK signs them; the region-bound client adds `RegionId` to every call.
import type { Json, Rpc } from './recorded-rpc.js'
import { sleep } from './recorded-rpc.js'

export interface Subnet {
  readonly id: string
  readonly name: string
  readonly cidr: string
  readonly zoneId: string
  readonly vpcId: string
  readonly availableAddresses: number
  readonly tags: Readonly<Record<string, string>>
}

export interface VirtualNetwork {
  readonly id: string
  readonly primaryCidr: string
  readonly cidrs: readonly string[]
}

export interface CiliumSecurityGroup {
  readonly id: string
  readonly vpcId: string
  readonly tags: Readonly<Record<string, string>>
}

export interface CiliumEni {
  readonly networkInterfaceId: string
  readonly type: string
  readonly instanceId: string
  readonly securityGroupIds: readonly string[]
  readonly vpcId: string
  readonly zoneId: string
  readonly vswitchId: string
  readonly privateIpSets: readonly {
    readonly privateIpAddress: string
    readonly primary: boolean
  }[]
  readonly tags: Readonly<Record<string, string>>
  readonly primaryIpAddress: string
  readonly macAddress: string
}

type Tag = { TagKey: string; TagValue: string }
type PrivateIpSet = { PrivateIpAddress: string; Primary: boolean }
/** The fields of an ENI answer Cilium reads (`parseENI`, `CreateNetworkInterface`). */
export interface WireEni {
  NetworkInterfaceId: string
  Type: string
  InstanceId?: string
  Status?: string
  SecurityGroupIds: { SecurityGroupId: string[] }
  VpcId: string
  ZoneId: string
  VSwitchId: string
  PrivateIpSets: { PrivateIpSet: PrivateIpSet[] }
  Tags: { Tag: Tag[] }
  PrivateIpAddress: string
  MacAddress: string
}
type Paged = { TotalCount: number; PageNumber: number; PageSize: number }
type Tokened = { NextToken?: string }

function ecsTags(tags: readonly Tag[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.TagKey, t.TagValue]))
}

export function parseEni(e: WireEni): CiliumEni {
  return {
    networkInterfaceId: e.NetworkInterfaceId,
    type: e.Type,
    instanceId: e.InstanceId ?? '',
    securityGroupIds: e.SecurityGroupIds.SecurityGroupId,
    vpcId: e.VpcId,
    zoneId: e.ZoneId,
    vswitchId: e.VSwitchId,
    privateIpSets: e.PrivateIpSets.PrivateIpSet.map((p) => ({
      privateIpAddress: p.PrivateIpAddress,
      primary: p.Primary,
    })),
    tags: ecsTags(e.Tags.Tag),
    primaryIpAddress: e.PrivateIpAddress,
    macAddress: e.MacAddress,
  }
}

/** `for i := 1; ; { PageNumber=i, PageSize=n; stop on an empty page or TotalCount < i*n }`. */
async function pageNumbered<T>(
  fetch: (pageNumber: number) => Promise<Paged & { items: T[] }>,
  maxPages: number,
): Promise<T[]> {
  const all: T[] = []
  for (let i = 1; i <= maxPages; i++) {
    const page = await fetch(i)
    if (page.items.length === 0) return all
    all.push(...page.items)
    if (page.TotalCount < page.PageNumber * page.PageSize) return all
  }
  throw new Error(`still paging after ${maxPages} pages`)
}

/** `for { …; if NextToken == "" break; req.NextToken = resp.NextToken }`. */
async function pageTokened<T>(
  fetch: (nextToken: string | undefined) => Promise<Tokened & { items: T[] }>,
  maxPages: number,
): Promise<T[]> {
  const all: T[] = []
  let token: string | undefined
  for (let i = 0; i < maxPages; i++) {
    const page = await fetch(token)
    all.push(...page.items)
    if ((page.NextToken ?? '') === '') return all
    token = page.NextToken
  }
  throw new Error(`still paging after ${maxPages} pages`)
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export interface CiliumApiOptions {
  /** `maxAttachRetries`: 2.5 s × 1 (jitter 0.1), 6 steps; the test scales the interval down */
  readonly attachPollMs: number
  readonly maxPages?: number
}

export class CiliumApi {
  private readonly maxPages: number

  constructor(
    private readonly ecs: Rpc,
    private readonly vpc: Rpc,
    private readonly opts: CiliumApiOptions,
  ) {
    this.maxPages = opts.maxPages ?? 50
  }

  async getVSwitches(): Promise<Map<string, Subnet>> {
    type VSwitch = {
      VSwitchId: string
      VSwitchName: string
      CidrBlock: string
      ZoneId: string
      VpcId: string
      AvailableIpAddressCount: number
      Tags: { Tag: { Key: string; Value: string }[] }
    }
    const items = await pageNumbered(async (i) => {
      const r = await this.vpc.call<Paged & { VSwitches: { VSwitch: VSwitch[] } }>(
        'DescribeVSwitches',
        { PageNumber: i, PageSize: 50 },
      )
      return { ...r, items: r.VSwitches.VSwitch }
    }, this.maxPages)
    return new Map(
      items.map((v) => [
        v.VSwitchId,
        {
          id: v.VSwitchId,
          name: v.VSwitchName,
          cidr: v.CidrBlock,
          zoneId: v.ZoneId,
          vpcId: v.VpcId,
          availableAddresses: v.AvailableIpAddressCount,
          tags: Object.fromEntries(v.Tags.Tag.map((t) => [t.Key, t.Value])),
        },
      ]),
    )
  }

  async getVPCs(): Promise<Map<string, VirtualNetwork>> {
    type Vpc = {
      VpcId: string
      CidrBlock: string
      SecondaryCidrBlocks: { SecondaryCidrBlock: string[] }
    }
    const items = await pageNumbered(async (i) => {
      const r = await this.vpc.call<Paged & { Vpcs: { Vpc: Vpc[] } }>('DescribeVpcs', {
        PageNumber: i,
        PageSize: 50,
      })
      return { ...r, items: r.Vpcs.Vpc }
    }, this.maxPages)
    return new Map(
      items.map((v) => [
        v.VpcId,
        {
          id: v.VpcId,
          primaryCidr: v.CidrBlock,
          cidrs: v.SecondaryCidrBlocks.SecondaryCidrBlock,
        },
      ]),
    )
  }

  /** Keyed by VPC, as Cilium's `SecurityGroupMap` is. */
  async getSecurityGroups(): Promise<Map<string, CiliumSecurityGroup>> {
    type Group = { SecurityGroupId: string; VpcId: string; Tags: { Tag: Tag[] } }
    const items = await pageNumbered(async (i) => {
      const r = await this.ecs.call<Paged & { SecurityGroups: { SecurityGroup: Group[] } }>(
        'DescribeSecurityGroups',
        { PageNumber: i, PageSize: 50 },
      )
      return { ...r, items: r.SecurityGroups.SecurityGroup }
    }, this.maxPages)
    return new Map(
      items.map((g) => [
        g.VpcId,
        { id: g.SecurityGroupId, vpcId: g.VpcId, tags: ecsTags(g.Tags.Tag) },
      ]),
    )
  }

  async getInstanceTypes(): Promise<Json[]> {
    return pageTokened(async (token) => {
      const r = await this.ecs.call<Tokened & { InstanceTypes: { InstanceType: Json[] } }>(
        'DescribeInstanceTypes',
        { MaxResults: 100, ...(token === undefined ? {} : { NextToken: token }) },
      )
      return { ...r, items: r.InstanceTypes.InstanceType }
    }, this.maxPages)
  }

  /** Without instance filters: every ENI of the region, 500 a page. */
  async describeNetworkInterfaces(): Promise<CiliumEni[]> {
    const items = await pageTokened(async (token) => {
      const r = await this.ecs.call<
        Tokened & { NetworkInterfaceSets: { NetworkInterfaceSet: WireEni[] } }
      >('DescribeNetworkInterfaces', {
        MaxResults: 500,
        ...(token === undefined ? {} : { NextToken: token }),
      })
      return { ...r, items: r.NetworkInterfaceSets.NetworkInterfaceSet }
    }, this.maxPages)
    return items.map(parseEni)
  }

  /** ListTagResources(instance, Tag.N) → DescribeInstances by 100 → DescribeNetworkInterfaces. */
  async describeNetworkInterfacesFromInstances(
    filters: Readonly<Record<string, string>>,
  ): Promise<CiliumEni[]> {
    type Row = { ResourceId: string; ResourceType: string; TagKey: string; TagValue: string }
    const rows = await pageTokened(async (token) => {
      const r = await this.ecs.call<Tokened & { TagResources: { TagResource: Row[] } }>(
        'ListTagResources',
        {
          ResourceType: 'instance',
          Tag: Object.entries(filters).map(([Key, Value]) => ({ Key, Value })),
          ...(token === undefined ? {} : { NextToken: token }),
        },
      )
      return { ...r, items: r.TagResources.TagResource }
    }, this.maxPages)
    const instanceIds = [...new Set(rows.map((r) => r.ResourceId))]
    if (instanceIds.length === 0) return []
    type Instance = { NetworkInterfaces: { NetworkInterface: { NetworkInterfaceId: string }[] } }
    const described = await Promise.all(
      chunks(instanceIds, 100).map((batch) =>
        this.ecs.call<{ Instances: { Instance: Instance[] } }>('DescribeInstances', {
          InstanceIds: `[${batch.map((id) => `"${id}"`).join(',')}]`,
          PageSize: 100,
        }),
      ),
    )
    const eniIds = described.flatMap((r) =>
      r.Instances.Instance.flatMap((i) =>
        i.NetworkInterfaces.NetworkInterface.map((n) => n.NetworkInterfaceId),
      ),
    )
    if (eniIds.length === 0) return []
    const enis = await Promise.all(
      chunks(eniIds, 100).map((batch) =>
        this.ecs.call<{ NetworkInterfaceSets: { NetworkInterfaceSet: WireEni[] } }>(
          'DescribeNetworkInterfaces',
          { NetworkInterfaceId: batch, PageSize: 100 },
        ),
      ),
    )
    return enis.flatMap((r) => r.NetworkInterfaceSets.NetworkInterfaceSet.map(parseEni))
  }

  /** `GetInstance`: one instance's ENIs, PageSize 1000 by page number. */
  async describeNetworkInterfacesByInstance(instanceId: string): Promise<CiliumEni[]> {
    const items = await pageNumbered(async (i) => {
      const r = await this.ecs.call<
        Paged & { NetworkInterfaceSets: { NetworkInterfaceSet: WireEni[] } }
      >('DescribeNetworkInterfaces', { PageNumber: i, PageSize: 1000, InstanceId: instanceId })
      return { ...r, items: r.NetworkInterfaceSets.NetworkInterfaceSet }
    }, this.maxPages)
    return items.map(parseEni)
  }

  async createNetworkInterface(
    secondaryPrivateIpCount: number,
    vswitchId: string,
    groups: readonly string[],
    tags: Readonly<Record<string, string>>,
  ): Promise<CiliumEni> {
    const r = await this.ecs.call<WireEni>('CreateNetworkInterface', {
      ...(secondaryPrivateIpCount > 0
        ? { SecondaryPrivateIpAddressCount: secondaryPrivateIpCount }
        : {}),
      VSwitchId: vswitchId,
      SecurityGroupIds: [...groups],
      Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    })
    return parseEni(r)
  }

  async attachNetworkInterface(instanceId: string, eniId: string): Promise<void> {
    await this.ecs.call('AttachNetworkInterface', {
      InstanceId: instanceId,
      NetworkInterfaceId: eniId,
    })
  }

  /** `DescribeNetworkInterface`: NetworkInterfaceId.1, the first item. */
  async describeNetworkInterface(eniId: string): Promise<WireEni> {
    const r = await this.ecs.call<{ NetworkInterfaceSets: { NetworkInterfaceSet: WireEni[] } }>(
      'DescribeNetworkInterfaces',
      { NetworkInterfaceId: [eniId] },
    )
    const first = r.NetworkInterfaceSets.NetworkInterfaceSet[0]
    if (first === undefined) throw new Error(`failed to find eni ${eniId}`)
    return first
  }

  /**
   * `WaitENIAttached`: up to 6 reads, a fixed interval apart, until `Status == "InUse"`; answers
   * the attached instance and every status seen. Undefined instance: it never got there.
   */
  async waitEniAttached(eniId: string): Promise<{ instanceId?: string; statuses: string[] }> {
    const statuses: string[] = []
    for (let step = 1; step <= 6; step++) {
      const eni = await this.describeNetworkInterface(eniId)
      statuses.push(eni.Status ?? '')
      if (eni.Status === 'InUse') return { instanceId: eni.InstanceId ?? '', statuses }
      if (step < 6) await sleep(this.opts.attachPollMs)
    }
    return { statuses }
  }

  async deleteNetworkInterface(eniId: string): Promise<void> {
    await this.ecs.call('DeleteNetworkInterface', { NetworkInterfaceId: eniId })
  }

  async assignPrivateIpAddresses(eniId: string, toAllocate: number): Promise<string[]> {
    const r = await this.ecs.call<{
      AssignedPrivateIpAddressesSet: { PrivateIpSet: { PrivateIpAddress: string[] } }
    }>('AssignPrivateIpAddresses', {
      NetworkInterfaceId: eniId,
      SecondaryPrivateIpAddressCount: toAllocate,
    })
    return r.AssignedPrivateIpAddressesSet.PrivateIpSet.PrivateIpAddress
  }

  async unassignPrivateIpAddresses(eniId: string, addresses: readonly string[]): Promise<void> {
    await this.ecs.call('UnassignPrivateIpAddresses', {
      NetworkInterfaceId: eniId,
      PrivateIpAddress: [...addresses],
    })
  }
}
