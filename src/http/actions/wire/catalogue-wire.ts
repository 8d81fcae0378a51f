// Catalogue entries → DescribeRegions / DescribeZones / DescribeImages / DescribeInstanceTypes
// items. Fields the catalogue does not model get the values a plain pay-as-you-go world shows.
import type {
  WireImage,
  WireInstanceType,
  WireRegion,
  WireZone,
} from '../../../api/wire/catalogue.js'
import type { Image, OsFamily } from '../../../domain/images.js'
import type { InstanceType } from '../../../domain/instance-types.js'
import type { Region } from '../../../domain/regions.js'
import { wrap } from '../../list-wrapper.js'

export function toWireRegion(region: Region, endpoint: string): WireRegion {
  return {
    RegionId: region.regionId,
    LocalName: region.localName,
    RegionEndpoint: endpoint,
    Status: 'available',
  }
}

/** `cn-hangzhou-h` in China (Hangzhou) → `China (Hangzhou) Zone H`. */
export function toWireZone(
  region: Region,
  zoneId: string,
  instanceTypeIds: readonly string[],
): WireZone {
  const suffix = zoneId.startsWith(`${region.regionId}-`)
    ? zoneId.slice(region.regionId.length + 1)
    : zoneId
  return {
    ZoneId: zoneId,
    LocalName: `${region.localName} Zone ${suffix.toUpperCase()}`,
    ZoneType: 'AvailabilityZone',
    ...wrap('AvailableResourceCreation', 'ResourceTypes', ['VSwitch', 'IoOptimized', 'Instance']),
    ...wrap('AvailableInstanceTypes', 'InstanceTypes', instanceTypeIds),
    ...wrap('AvailableDiskCategories', 'DiskCategories', ['cloud_essd', 'cloud_efficiency']),
    ...wrap('AvailableVolumeCategories', 'VolumeCategories', []),
    ...wrap('AvailableDedicatedHostTypes', 'DedicatedHostType', []),
    ...wrap('AvailableResources', 'ResourcesInfo', []),
  }
}

const PLATFORMS: Readonly<Record<OsFamily, string>> = {
  aliyun: 'Aliyun',
  centos: 'CentOS',
  ubuntu: 'Ubuntu',
  debian: 'Debian',
  sles: 'SUSE',
  windows: 'Windows Server 2022',
}

/** Alibaba's system image ids carry their size and build date: `…_x64_20G_alibase_20240819.vhd`. */
function sizeGiB(imageId: string): number {
  const match = /_(\d+)G_/.exec(imageId)
  return match?.[1] === undefined ? 20 : Number(match[1])
}

function buildTime(imageId: string): string {
  const match = /_(\d{4})(\d{2})(\d{2})\.vhd$/.exec(imageId)
  return match ? `${match[1]}-${match[2]}-${match[3]}T00:00:00Z` : ''
}

export function toWireImage(image: Image): WireImage {
  return {
    ImageId: image.imageId,
    ImageName: image.imageId,
    ImageOwnerAlias: 'system',
    OSName: image.osName,
    OSNameEn: image.osName,
    OSType: image.osType,
    Platform: PLATFORMS[image.family],
    Architecture: 'x86_64',
    Status: 'Available',
    Usage: 'instance',
    Progress: '100%',
    Size: sizeGiB(image.imageId),
    BootMode: 'BIOS',
    IsSupportCloudinit: true,
    IsSupportIoOptimized: true,
    CreationTime: buildTime(image.imageId),
    Description: '',
    ...wrap('DiskDeviceMappings', 'DiskDeviceMapping', []),
    ...wrap('Tags', 'Tag', []),
  }
}

export function toWireInstanceType(type: InstanceType): WireInstanceType {
  return {
    InstanceTypeId: type.instanceTypeId,
    InstanceTypeFamily: type.family,
    CpuCoreCount: type.cpuCoreCount,
    MemorySize: type.memoryGiB,
    EniQuantity: type.eniQuantity,
    EniPrivateIpAddressQuantity: type.eniPrivateIpAddressQuantity,
    EniIpv6AddressQuantity: type.eniIpv6AddressQuantity,
    EniTotalQuantity: type.eniQuantity,
    EniTrunkSupported: false,
    EriQuantity: type.eriQuantity,
    ...networkFigures(type),
    NetworkCardQuantity: 1,
    ...wrap('NetworkCards', 'NetworkCardInfo', [{ NetworkCardIndex: 0 }]),
    CpuArchitecture: 'X86',
    GPUAmount: 0,
    GPUSpec: '',
    LocalStorageCategory: '',
  }
}

/** The bandwidth and queue figures a source gives for the type; absent ones are left out. */
function networkFigures(
  type: InstanceType,
): Pick<
  WireInstanceType,
  | 'InstanceBandwidthRx'
  | 'InstanceBandwidthTx'
  | 'MaximumQueueNumberPerEni'
  | 'PrimaryEniQueueNumber'
  | 'SecondaryEniQueueNumber'
> {
  const figures = {
    InstanceBandwidthRx: type.instanceBandwidthRx,
    InstanceBandwidthTx: type.instanceBandwidthTx,
    MaximumQueueNumberPerEni: type.maximumQueueNumberPerEni,
    PrimaryEniQueueNumber: type.primaryEniQueueNumber,
    SecondaryEniQueueNumber: type.secondaryEniQueueNumber,
  }
  return Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined))
}
