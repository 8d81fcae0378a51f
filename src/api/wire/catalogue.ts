// The read-only catalogue: DescribeRegions, DescribeZones, DescribeImages, DescribeInstanceTypes
// (eni-api.md §7.12). `MemorySize` is GiB here (DescribeInstances' `Memory` is MiB).
import type { WireEcsTag, Wrapped } from './list.js'

export type WireRegion = {
  RegionId: string
  LocalName: string
  RegionEndpoint: string
  Status: string
}

export type WireZone = {
  ZoneId: string
  LocalName: string
  ZoneType: string
  AvailableResourceCreation: Wrapped<'ResourceTypes', string>
  AvailableInstanceTypes: Wrapped<'InstanceTypes', string>
  AvailableDiskCategories: Wrapped<'DiskCategories', string>
  AvailableVolumeCategories: Wrapped<'VolumeCategories', string>
  AvailableDedicatedHostTypes: Wrapped<'DedicatedHostType', string>
  AvailableResources: Wrapped<'ResourcesInfo', never>
}

export type WireImage = {
  ImageId: string
  ImageName: string
  ImageOwnerAlias: string
  OSName: string
  OSNameEn: string
  OSType: string
  Platform: string
  Architecture: string
  Status: string
  Usage: string
  Progress: string
  Size: number
  BootMode: string
  IsSupportCloudinit: boolean
  IsSupportIoOptimized: boolean
  CreationTime: string
  Description: string
  DiskDeviceMappings: Wrapped<'DiskDeviceMapping', never>
  Tags: Wrapped<'Tag', WireEcsTag>
}

export type WireInstanceType = {
  InstanceTypeId: string
  InstanceTypeFamily: string
  CpuCoreCount: number
  MemorySize: number
  EniQuantity: number
  EniPrivateIpAddressQuantity: number
  EniIpv6AddressQuantity: number
  EniTotalQuantity: number
  EniTrunkSupported: boolean
  EriQuantity: number
  /** kbit/s; absent when no source gives the type's figure (instance-type-network.json) */
  InstanceBandwidthRx?: number
  InstanceBandwidthTx?: number
  MaximumQueueNumberPerEni?: number
  PrimaryEniQueueNumber?: number
  SecondaryEniQueueNumber?: number
  NetworkCardQuantity: number
  NetworkCards: Wrapped<'NetworkCardInfo', { NetworkCardIndex: number }>
  CpuArchitecture: string
  GPUAmount: number
  GPUSpec: string
  LocalStorageCategory: string
}
