// The API's response shapes as the console reads them. Items are the project's wire types
// (src/api/wire, the same ones the server renders); the list envelopes around them are here.
import type { WireInstance } from '../../src/api/wire/instance.js'
import type { Wrapped } from '../../src/api/wire/list.js'
import type { WireVSwitch, WireVpc } from '../../src/api/wire/network.js'
import type {
  WireAssignedPrivateIpAddressesSet,
  WireNetworkInterface,
} from '../../src/api/wire/network-interface.js'
import type { WireSecurityGroup } from '../../src/api/wire/security-group.js'
import { compareIpv6 } from '../../src/guest/render/ipv6.js'

export type NetworkInterface = WireNetworkInterface
export type Instance = WireInstance
export type VSwitch = WireVSwitch
export type Vpc = WireVpc
export type SecurityGroup = WireSecurityGroup

interface TokenPage {
  readonly TotalCount?: number
  readonly NextToken?: string
}

interface NumberedPage {
  readonly TotalCount: number
  readonly PageNumber: number
  readonly PageSize: number
}

export type DescribeNetworkInterfacesResponse = TokenPage & {
  readonly NetworkInterfaceSets: Wrapped<'NetworkInterfaceSet', NetworkInterface>
}
export type DescribeInstancesResponse = TokenPage & {
  readonly Instances: Wrapped<'Instance', Instance>
}
export type DescribeVSwitchesResponse = NumberedPage & {
  readonly VSwitches: Wrapped<'VSwitch', VSwitch>
}
export type DescribeVpcsResponse = NumberedPage & { readonly Vpcs: Wrapped<'Vpc', Vpc> }
export type DescribeSecurityGroupsResponse = NumberedPage & {
  readonly SecurityGroups: Wrapped<'SecurityGroup', SecurityGroup>
}
export interface AssignPrivateIpAddressesResponse {
  readonly AssignedPrivateIpAddressesSet: WireAssignedPrivateIpAddressesSet
}

/** The ENI's secondary private IPs in address order (192.168.1.9 before 192.168.1.10). */
export function secondaryIpsOf(eni: NetworkInterface): string[] {
  return eni.PrivateIpSets.PrivateIpSet.filter((ip) => !ip.Primary)
    .map((ip) => ip.PrivateIpAddress)
    .sort(compareIpv4)
}

/** The ENI's IPv6 addresses in address order. */
export function ipv6AddressesOf(eni: NetworkInterface): string[] {
  return eni.Ipv6Sets.Ipv6Set.map((s) => s.Ipv6Address).sort(compareIpv6)
}

/** The ENI's IPv4 /28 prefixes in address order. */
export function ipv4PrefixesOf(eni: NetworkInterface): string[] {
  return eni.Ipv4PrefixSets.Ipv4PrefixSet.map((s) => s.Ipv4Prefix).sort(comparePrefix(compareIpv4))
}

/** The ENI's IPv6 /80 prefixes in address order. */
export function ipv6PrefixesOf(eni: NetworkInterface): string[] {
  return eni.Ipv6PrefixSets.Ipv6PrefixSet.map((s) => s.Ipv6Prefix).sort(comparePrefix(compareIpv6))
}

function comparePrefix(compare: (a: string, b: string) => number) {
  return (a: string, b: string) => compare(a.split('/')[0] ?? '', b.split('/')[0] ?? '')
}

export function compareIpv4(a: string, b: string): number {
  const key = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)
  return key(a) - key(b)
}

/** The instance an ENI is attached to, or `''`. */
export function eniInstanceId(eni: NetworkInterface): string {
  return eni.Attachment?.InstanceId ?? eni.InstanceId
}

export const ENI_TRANSITIONAL: ReadonlySet<string> = new Set(['Attaching', 'Detaching', 'Deleting'])
export const INSTANCE_TRANSITIONAL: ReadonlySet<string> = new Set([
  'Pending',
  'Starting',
  'Stopping',
])
