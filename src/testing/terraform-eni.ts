// terraform-provider-alicloud's `alicloud_ecs_network_interface` (spec/extensions.md §8.3): the
// request maps its Create/Update/Delete build and the state its Read sets, field by field, with
// the provider's type assertions (terraform-ecs-rpc.ts).
import type { Json, Rpc, RpcParams } from './recorded-rpc.js'
import { failureOf, sleep } from './recorded-rpc.js'
import { formatInt, list, NOT_FOUND_CODES, TerraformEcsRpc } from './terraform-ecs-rpc.js'

/** Terraform's `tags` are plain maps; these keys are the cloud's own and are hidden on Read. */
const IGNORED_TAG = /^(aliyun|acs:|https?:\/\/)/

/** The `alicloud_ecs_network_interface` arguments this test sets. */
export interface EniConfig {
  readonly vswitchId: string
  readonly securityGroupIds: readonly string[]
  readonly description?: string
  readonly networkInterfaceName?: string
  readonly primaryIpAddress?: string
  readonly privateIpAddresses?: readonly string[]
  readonly secondaryPrivateIpAddressCount?: number
  readonly queueNumber?: number
  readonly resourceGroupId?: string
  readonly ipv6AddressCount?: number
  readonly ipv4PrefixCount?: number
  readonly instanceType?: string
  readonly networkInterfaceTrafficMode?: string
  readonly sourceDestCheck?: boolean
  readonly deleteOnRelease?: boolean
  readonly tags?: Readonly<Record<string, string>>
}

/** What Read puts in the state (`d.Set(...)`), by Terraform attribute name. */
export interface EniState {
  readonly description: unknown
  readonly mac: unknown
  readonly network_interface_name: unknown
  readonly primary_ip_address: unknown
  readonly private_ip_addresses: string[]
  readonly secondary_private_ip_address_count: number
  readonly ipv6_addresses: string[]
  readonly ipv6_address_count: number
  readonly ipv4_prefixes: string[]
  readonly ipv4_prefix_count: number
  readonly queue_number: number
  readonly resource_group_id: unknown
  readonly security_group_ids: unknown
  readonly status: unknown
  readonly tags: Record<string, string>
  readonly vswitch_id: unknown
  readonly instance_type: unknown
  readonly network_interface_traffic_mode: unknown
  readonly source_dest_check: unknown
  readonly delete_on_release: unknown
}

export class TerraformEni extends TerraformEcsRpc {
  constructor(
    rpc: Rpc,
    regionId: string,
    pollMs: number,
    /** `buildClientToken(action)` */
    private readonly clientToken: (action: string) => string,
  ) {
    super(rpc, regionId, pollMs)
  }

  async createEni(c: EniConfig): Promise<string> {
    const request: RpcParams = {
      ...(c.description === undefined ? {} : { Description: c.description }),
      ...(c.networkInterfaceName === undefined
        ? {}
        : { NetworkInterfaceName: c.networkInterfaceName }),
      ...(c.primaryIpAddress === undefined ? {} : { PrimaryIpAddress: c.primaryIpAddress }),
      ...(c.privateIpAddresses === undefined
        ? {}
        : { PrivateIpAddress: [...c.privateIpAddresses] }),
      ...(c.queueNumber === undefined ? {} : { QueueNumber: c.queueNumber }),
      RegionId: this.regionId,
      ...(c.resourceGroupId === undefined ? {} : { ResourceGroupId: c.resourceGroupId }),
      ...(c.secondaryPrivateIpAddressCount === undefined
        ? {}
        : { SecondaryPrivateIpAddressCount: c.secondaryPrivateIpAddressCount }),
      SecurityGroupIds: [...c.securityGroupIds],
      VSwitchId: c.vswitchId,
      ...(c.ipv6AddressCount === undefined ? {} : { Ipv6AddressCount: c.ipv6AddressCount }),
      ...(c.ipv4PrefixCount === undefined ? {} : { Ipv4PrefixCount: c.ipv4PrefixCount }),
      ...(c.instanceType === undefined ? {} : { InstanceType: c.instanceType }),
      ...(c.networkInterfaceTrafficMode === undefined
        ? {}
        : { NetworkInterfaceTrafficMode: c.networkInterfaceTrafficMode }),
      ...(c.sourceDestCheck === undefined ? {} : { SourceDestCheck: c.sourceDestCheck }),
      ...(c.deleteOnRelease === undefined ? {} : { DeleteOnRelease: c.deleteOnRelease }),
    }
    // tags from a Go map: `Tag.%d.Key` numbered in map order
    Object.entries(c.tags ?? {}).forEach(([k, v], i) => {
      request[`Tag.${i + 1}.Key`] = k
      request[`Tag.${i + 1}.Value`] = v
    })
    const r = await this.retry(
      () => this.post<{ NetworkInterfaceId: string }>('CreateNetworkInterface', request),
      ['IncorrectVSwitchStatus'],
    )
    const id = String(r.NetworkInterfaceId)
    await this.waitFor(id, 'Available')
    return id
  }

  /** `ecsService.ListTagResources(id, "eni")`: one page (the loop reads an unassigned variable). */
  async listTags(id: string): Promise<Json[]> {
    const r = await this.retry(
      () =>
        this.post('ListTagResources', {
          RegionId: this.regionId,
          'ResourceId.1': id,
          ResourceType: 'eni',
        }),
      [],
    )
    return list(r, 'TagResources', 'TagResource')
  }

  /** Read: undefined when the ENI is gone (Terraform drops it from the state). */
  async readEni(id: string): Promise<EniState | undefined> {
    const o = await this.describe(id)
    if (o === undefined) return undefined
    const ips = list(o, 'PrivateIpSets', 'PrivateIpSet')
    const secondary = ips
      .filter((p) => {
        if (typeof p['Primary'] !== 'boolean') throw new Error('panic: Primary is not a bool')
        return !p['Primary']
      })
      .map((p) => String(p['PrivateIpAddress']))
    const ipv6 = list(o, 'Ipv6Sets', 'Ipv6Set').map((p) => String(p['Ipv6Address']))
    const prefixes = list(o, 'Ipv4PrefixSets', 'Ipv4PrefixSet').map((p) => String(p['Ipv4Prefix']))
    const tags = Object.fromEntries(
      (await this.listTags(id))
        .map((t) => [String(t['TagKey']), String(t['TagValue'])] as const)
        .filter(([k]) => !IGNORED_TAG.test(k)),
    )
    return {
      description: o['Description'],
      mac: o['MacAddress'],
      network_interface_name: o['NetworkInterfaceName'],
      primary_ip_address: o['PrivateIpAddress'],
      private_ip_addresses: secondary,
      secondary_private_ip_address_count: secondary.length,
      ipv6_addresses: ipv6,
      ipv6_address_count: ipv6.length,
      ipv4_prefixes: prefixes,
      ipv4_prefix_count: prefixes.length,
      queue_number: formatInt(o['QueueNumber']),
      resource_group_id: o['ResourceGroupId'],
      security_group_ids: (o['SecurityGroupIds'] as { SecurityGroupId?: unknown })?.SecurityGroupId,
      status: o['Status'],
      tags,
      vswitch_id: o['VSwitchId'],
      instance_type: o['Type'],
      network_interface_traffic_mode: o['NetworkInterfaceTrafficMode'],
      source_dest_check: o['SourceDestCheck'],
      delete_on_release: o['DeleteOnRelease'],
    }
  }

  /** Update's ModifyNetworkInterfaceAttribute with the changed attributes only. */
  async modify(id: string, changed: Partial<EniConfig>): Promise<void> {
    const request: RpcParams = { NetworkInterfaceId: id, RegionId: this.regionId }
    if (changed.description !== undefined) request['Description'] = changed.description
    if (changed.networkInterfaceName !== undefined) {
      request['NetworkInterfaceName'] = changed.networkInterfaceName
    }
    if (changed.queueNumber !== undefined) request['QueueNumber'] = changed.queueNumber
    if (changed.securityGroupIds !== undefined) {
      request['SecurityGroupId'] = [...changed.securityGroupIds]
    }
    if (changed.sourceDestCheck !== undefined) request['SourceDestCheck'] = changed.sourceDestCheck
    if (changed.deleteOnRelease !== undefined) request['DeleteOnRelease'] = changed.deleteOnRelease
    await this.retry(() => this.post('ModifyNetworkInterfaceAttribute', request), [])
  }

  /** `SetResourceTags`: UntagResources(removed keys), then TagResources(added or changed). */
  async setTags(
    id: string,
    before: Readonly<Record<string, string>>,
    after: Readonly<Record<string, string>>,
  ): Promise<void> {
    const removed = Object.keys(before).filter((k) => !(k in after))
    const added = Object.entries(after).filter(([k, v]) => before[k] !== v)
    const base = { RegionId: this.regionId, ResourceType: 'eni', 'ResourceId.1': id }
    if (removed.length > 0) {
      const request: RpcParams = { ...base }
      removed.forEach((k, i) => (request[`TagKey.${i + 1}`] = k))
      await this.retry(() => this.post('UntagResources', request), [])
    }
    if (added.length > 0) {
      const request: RpcParams = { ...base }
      added.forEach(([k, v], i) => {
        request[`Tag.${i + 1}.Key`] = k
        request[`Tag.${i + 1}.Value`] = v
      })
      await this.retry(() => this.post('TagResources', request), [])
    }
  }

  private static readonly IP_RETRY = [
    'InternalError',
    'InvalidOperation.InvalidEcsState',
    'InvalidOperation.InvalidEniState',
    'OperationConflict',
    'ServiceUnavailable',
  ]

  /** private_ip_addresses changed: Unassign the removed, Assign the added, wait for the list. */
  async updatePrivateIpList(id: string, before: readonly string[], after: readonly string[]) {
    const removed = before.filter((ip) => !after.includes(ip))
    const added = after.filter((ip) => !before.includes(ip))
    const base = { NetworkInterfaceId: id, RegionId: this.regionId }
    if (removed.length > 0) {
      await this.retry(
        () => this.post('UnassignPrivateIpAddresses', { ...base, PrivateIpAddress: removed }),
        TerraformEni.IP_RETRY,
      )
    }
    if (added.length > 0) {
      await this.retry(
        () => this.post('AssignPrivateIpAddresses', { ...base, PrivateIpAddress: added }),
        TerraformEni.IP_RETRY,
      )
    }
    await this.waitForState(
      id,
      (s) => [...s.private_ip_addresses].sort().join() === [...after].sort().join(),
    )
  }

  /** secondary_private_ip_address_count changed: Assign the difference or Unassign the first ones. */
  async updatePrivateIpCount(id: string, state: EniState, count: number): Promise<void> {
    const diff = count - state.secondary_private_ip_address_count
    const base = { NetworkInterfaceId: id, RegionId: this.regionId }
    if (diff > 0) {
      await this.retry(
        () =>
          this.post('AssignPrivateIpAddresses', { ...base, SecondaryPrivateIpAddressCount: diff }),
        TerraformEni.IP_RETRY,
      )
    } else if (diff < 0) {
      const unassign = state.private_ip_addresses.slice(0, -diff)
      await this.retry(
        () => this.post('UnassignPrivateIpAddresses', { ...base, PrivateIpAddress: unassign }),
        TerraformEni.IP_RETRY,
      )
    }
    await this.waitForState(id, (s) => s.secondary_private_ip_address_count === count)
  }

  /** ipv6_address_count changed: AssignIpv6Addresses / UnassignIpv6Addresses with ClientToken. */
  async updateIpv6Count(id: string, state: EniState, count: number): Promise<void> {
    const diff = count - state.ipv6_address_count
    const base = { RegionId: this.regionId, NetworkInterfaceId: id }
    if (diff > 0) {
      const token = this.clientToken('AssignIpv6Addresses')
      await this.retry(
        () =>
          this.post('AssignIpv6Addresses', { ...base, ClientToken: token, Ipv6AddressCount: diff }),
        ['OperationConflict'],
      )
    } else if (diff < 0) {
      const request: RpcParams = { ...base, ClientToken: this.clientToken('UnassignIpv6Addresses') }
      state.ipv6_addresses.slice(0, -diff).forEach((a, i) => (request[`Ipv6Address.${i + 1}`] = a))
      await this.retry(() => this.post('UnassignIpv6Addresses', request), ['OperationConflict'])
    }
    await this.waitForState(id, (s) => s.ipv6_address_count === count)
  }

  /** ipv4_prefix_count changed: prefix Assign/Unassign on the private-IP Actions, with ClientToken. */
  async updateIpv4PrefixCount(id: string, state: EniState, count: number): Promise<void> {
    const diff = count - state.ipv4_prefix_count
    const base = { RegionId: this.regionId, NetworkInterfaceId: id }
    if (diff > 0) {
      const token = this.clientToken('AssignPrivateIpAddresses')
      await this.retry(
        () =>
          this.post('AssignPrivateIpAddresses', {
            ...base,
            ClientToken: token,
            Ipv4PrefixCount: diff,
          }),
        ['OperationConflict'],
      )
    } else if (diff < 0) {
      const request: RpcParams = {
        ...base,
        ClientToken: this.clientToken('UnassignPrivateIpAddresses'),
      }
      state.ipv4_prefixes.slice(0, -diff).forEach((p, i) => (request[`Ipv4Prefix.${i + 1}`] = p))
      await this.retry(
        () => this.post('UnassignPrivateIpAddresses', request),
        ['OperationConflict'],
      )
    }
    await this.waitForState(id, (s) => s.ipv4_prefix_count === count)
  }

  private async waitForState(id: string, done: (s: EniState) => boolean, steps = 40) {
    for (let i = 0; i < steps; i++) {
      const s = await this.readEni(id)
      if (s !== undefined && done(s)) return
      await sleep(this.pollMs)
    }
    throw new Error(`${id}: the update never showed on Read`)
  }

  /** Delete: retried on the conflict/state codes, NotFound codes = done, then Read until gone. */
  async deleteEni(id: string): Promise<void> {
    try {
      await this.retry(
        () =>
          this.post('DeleteNetworkInterface', { NetworkInterfaceId: id, RegionId: this.regionId }),
        [
          'InvalidOperation.Conflict',
          'InternalError',
          'InvalidOperation.InvalidEcsState',
          'InvalidOperation.InvalidEniState',
          'InvalidOperation.InvalidEniType',
          'OperationConflict',
          'ServiceUnavailable',
        ],
      )
    } catch (e: unknown) {
      if (NOT_FOUND_CODES.includes(failureOf(e).code)) return
      throw e
    }
    await this.waitFor(id, '')
  }
}
