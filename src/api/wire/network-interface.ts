// ENI wire shapes (eni-api.md §7.1, §7.3, §7.4, §7.8; wire-protocol.md §7): one item of
// `NetworkInterfaceSets.NetworkInterfaceSet[]`, which DescribeNetworkInterfaceAttribute and
// CreateNetworkInterface also return flattened beside `RequestId`.
import type { WireEcsTag, Wrapped } from './list.js'

export type WireAssociatedPublicIp = { PublicIpAddress: string; AllocationId: string }

export type WirePrivateIpSet = {
  PrivateIpAddress: string
  Primary: boolean
  PrivateDnsName: string
  AssociatedPublicIp: WireAssociatedPublicIp
}

export type WireAttachment = {
  InstanceId: string
  DeviceIndex: number
  NetworkCardIndex: number
  TrunkNetworkInterfaceId: string
  /** DescribeNetworkInterfaceAttribute only. */
  MemberNetworkInterfaceIds?: Wrapped<'MemberNetworkInterfaceId', string>
}

export type WireTrafficConfig = {
  NetworkInterfaceTrafficMode: string
  QueueNumber: number
  QueuePairNumber: number
}

export type WireNetworkInterface = {
  NetworkInterfaceId: string
  NetworkInterfaceName: string
  Description: string
  Status: string
  Type: string
  VpcId: string
  VSwitchId: string
  ZoneId: string
  /** The primary private IPv4. */
  PrivateIpAddress: string
  MacAddress: string
  /** `''` when not attached. */
  InstanceId: string
  /** `YYYY-MM-DDTHH:MM:SSZ` */
  CreationTime: string
  ResourceGroupId: string
  OwnerId: string
  ServiceID: number
  ServiceManaged: boolean
  DeleteOnRelease: boolean
  SourceDestCheck: boolean
  /** `Standard` or `HighPerformance` (an ERI). */
  NetworkInterfaceTrafficMode: string
  /** Set by the client, or the instance type's default once attached; 0 when neither. */
  QueueNumber: number
  /** RDMA queue pairs of an ERI; 0 when unset. */
  QueuePairNumber: number
  /** DescribeNetworkInterfaceAttribute only: the same traffic fields, grouped. */
  NetworkInterfaceTrafficConfig?: WireTrafficConfig
  AssociatedPublicIp: WireAssociatedPublicIp
  SecurityGroupIds: Wrapped<'SecurityGroupId', string>
  PrivateIpSets: Wrapped<'PrivateIpSet', WirePrivateIpSet>
  Ipv6Sets: Wrapped<'Ipv6Set', { Ipv6Address: string; Primary: boolean }>
  Ipv4PrefixSets: Wrapped<'Ipv4PrefixSet', { Ipv4Prefix: string }>
  Ipv6PrefixSets: Wrapped<'Ipv6PrefixSet', { Ipv6Prefix: string }>
  Tags: Wrapped<'Tag', WireEcsTag>
  /** Present only while attached (Attaching, InUse, Detaching). */
  Attachment?: WireAttachment
}

/**
 * AssignIpv6Addresses (eni-api.md §7.10): the new addresses and /80 prefixes as plain string
 * arrays, unlike the `Ipv6Sets.Ipv6Set[]` objects of Describe responses.
 */
export type WireAssignIpv6Addresses = {
  NetworkInterfaceId: string
  Ipv6Sets: Wrapped<'Ipv6Address', string>
  Ipv6PrefixSets: Wrapped<'Ipv6Prefix', string>
}

/** AssignPrivateIpAddresses: the new addresses as a plain string array. */
export type WireAssignedPrivateIpAddressesSet = {
  NetworkInterfaceId: string
  PrivateIpSet: Wrapped<'PrivateIpAddress', string>
  Ipv4PrefixSet: Wrapped<'Ipv4Prefixes', string>
}
