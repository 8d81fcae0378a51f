// InstanceView → the DescribeInstances item (eni-api.md §8.8): `Memory` in MiB, minute-precision
// times, the primary ENI first in `NetworkInterfaces`, its security groups as the instance's.
import type { WireInstance, WireInstanceNetworkInterface } from '../../../api/wire/instance.js'
import { findImage } from '../../../domain/images.js'
import { findInstanceType } from '../../../domain/instance-types.js'
import type { EniView } from '../../../domain/resources.js'
import type { InstanceView } from '../../../service/describe-instances.js'
import { wrap } from '../../list-wrapper.js'
import { ipv6AndPrefixSets, toWirePrivateIpSet } from './eni-wire.js'
import { ecsTags } from './tag-wire.js'
import { formatMinutes } from './time-format.js'

/** Pay-as-you-go instances never expire; Alibaba reports this far-future instant. */
const NEVER_EXPIRES = '2099-12-31T15:59Z'

function toWireInstanceNetworkInterface(eni: EniView): WireInstanceNetworkInterface {
  return {
    NetworkInterfaceId: eni.id,
    Type: eni.type,
    MacAddress: eni.macAddress,
    PrimaryIpAddress: eni.primaryIp,
    ...wrap('PrivateIpSets', 'PrivateIpSet', eni.privateIps.map(toWirePrivateIpSet)),
    ...ipv6AndPrefixSets(eni),
  }
}

export function toWireInstance(instance: InstanceView): WireInstance {
  const type = findInstanceType(instance.instanceType)
  const image = findImage(instance.imageId)
  const primary = instance.networkInterfaces.find((e) => e.type === 'Primary')
  return {
    InstanceId: instance.id,
    InstanceName: instance.name,
    HostName: instance.hostName,
    Description: instance.description,
    Status: instance.status,
    InstanceType: instance.instanceType,
    InstanceTypeFamily: type?.family ?? '',
    Cpu: type?.cpuCoreCount ?? 0,
    Memory: Math.round((type?.memoryGiB ?? 0) * 1024),
    ImageId: instance.imageId,
    OSName: image?.osName ?? '',
    OSType: image?.osType ?? '',
    RegionId: instance.regionId,
    ZoneId: instance.zoneId,
    InstanceNetworkType: instance.networkType,
    InstanceChargeType: 'PostPaid',
    InternetChargeType: 'PayByTraffic',
    InternetMaxBandwidthOut: 0,
    CreationTime: formatMinutes(instance.createdAt),
    StartTime: instance.startedAt === null ? '' : formatMinutes(instance.startedAt),
    ExpiredTime: NEVER_EXPIRES,
    DeletionProtection: false,
    VpcAttributes: {
      VpcId: instance.vpcId ?? '',
      VSwitchId: instance.vswitchId ?? '',
      NatIpAddress: '',
      ...wrap('PrivateIpAddress', 'IpAddress', primary?.primaryIp ? [primary.primaryIp] : []),
    },
    ...wrap('InnerIpAddress', 'IpAddress', []),
    ...wrap('PublicIpAddress', 'IpAddress', []),
    EipAddress: { AllocationId: '', IpAddress: '', InternetChargeType: '' },
    ...wrap('SecurityGroupIds', 'SecurityGroupId', primary?.securityGroupIds ?? []),
    ...wrap(
      'NetworkInterfaces',
      'NetworkInterface',
      instance.networkInterfaces.map(toWireInstanceNetworkInterface),
    ),
    ...wrap('OperationLocks', 'LockReason', []),
    ...ecsTags(instance.tags),
  }
}
