// DescribeInstances item (eni-api.md §8.8). `Memory` is MiB; times have minute precision.
import type { WirePrivateIpSet } from './network-interface.js'
import type { WireEcsTag, Wrapped } from './list.js'

export type WireInstanceNetworkInterface = {
  NetworkInterfaceId: string
  Type: string
  MacAddress: string
  PrimaryIpAddress: string
  PrivateIpSets: Wrapped<'PrivateIpSet', WirePrivateIpSet>
  Ipv6Sets: Wrapped<'Ipv6Set', { Ipv6Address: string; Primary: boolean }>
  Ipv4PrefixSets: Wrapped<'Ipv4PrefixSet', { Ipv4Prefix: string }>
  Ipv6PrefixSets: Wrapped<'Ipv6PrefixSet', { Ipv6Prefix: string }>
}

export type WireInstance = {
  InstanceId: string
  InstanceName: string
  HostName: string
  Description: string
  Status: string
  InstanceType: string
  InstanceTypeFamily: string
  Cpu: number
  Memory: number
  ImageId: string
  OSName: string
  OSType: string
  RegionId: string
  ZoneId: string
  InstanceNetworkType: string
  InstanceChargeType: string
  InternetChargeType: string
  InternetMaxBandwidthOut: number
  /** `YYYY-MM-DDTHH:MMZ` */
  CreationTime: string
  /** `''` until first started. */
  StartTime: string
  ExpiredTime: string
  DeletionProtection: boolean
  VpcAttributes: {
    VpcId: string
    VSwitchId: string
    NatIpAddress: string
    PrivateIpAddress: Wrapped<'IpAddress', string>
  }
  InnerIpAddress: Wrapped<'IpAddress', string>
  PublicIpAddress: Wrapped<'IpAddress', string>
  EipAddress: { AllocationId: string; IpAddress: string; InternetChargeType: string }
  SecurityGroupIds: Wrapped<'SecurityGroupId', string>
  NetworkInterfaces: Wrapped<'NetworkInterface', WireInstanceNetworkInterface>
  OperationLocks: Wrapped<'LockReason', { LockReason: string; LockMsg: string }>
  Tags: Wrapped<'Tag', WireEcsTag>
}
