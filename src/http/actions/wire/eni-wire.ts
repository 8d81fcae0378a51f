// EniView → the ENI item of DescribeNetworkInterfaces; CreateNetworkInterface and
// DescribeNetworkInterfaceAttribute return the same fields flattened (eni-api.md §7.1–§7.4).
import type {
  WireAssociatedPublicIp,
  WireNetworkInterface,
  WirePrivateIpSet,
  WireTrafficConfig,
} from '../../../api/wire/network-interface.js'
import { effectiveQueueNumber } from '../../../domain/eni-traffic.js'
import { findInstanceType } from '../../../domain/instance-types.js'
import type { EniView, PrivateIp } from '../../../domain/resources.js'
import type { Tagged } from '../../../domain/tags.js'
import { wrap } from '../../list-wrapper.js'
import { toWireEcsTag } from './tag-wire.js'
import { formatSeconds } from './time-format.js'

// A Describe page carries hundreds of these items: each is built as one object literal (no
// spreads, no copies of the stored lists), and the parts that never vary are shared, frozen
// constants.
const NO_PUBLIC_IP: WireAssociatedPublicIp = Object.freeze({
  PublicIpAddress: '',
  AllocationId: '',
})

export function toWirePrivateIpSet(ip: PrivateIp): WirePrivateIpSet {
  return {
    PrivateIpAddress: ip.address,
    Primary: ip.primary,
    PrivateDnsName: '',
    AssociatedPublicIp: NO_PUBLIC_IP,
  }
}

const toIpv6Set = (a: string) => ({ Ipv6Address: a, Primary: false })
const toIpv4PrefixSet = (p: string) => ({ Ipv4Prefix: p })
const toIpv6PrefixSet = (p: string) => ({ Ipv6Prefix: p })

/** IPv6 addresses and prefixes in the Describe shapes (objects; `[]` when none, never absent). */
export function ipv6AndPrefixSets(
  eni: Pick<EniView, 'ipv6Addresses' | 'ipv4Prefixes' | 'ipv6Prefixes'>,
): Pick<WireNetworkInterface, 'Ipv6Sets' | 'Ipv4PrefixSets' | 'Ipv6PrefixSets'> {
  return {
    Ipv6Sets: { Ipv6Set: eni.ipv6Addresses.map(toIpv6Set) },
    Ipv4PrefixSets: { Ipv4PrefixSet: eni.ipv4Prefixes.map(toIpv4PrefixSet) },
    Ipv6PrefixSets: { Ipv6PrefixSet: eni.ipv6Prefixes.map(toIpv6PrefixSet) },
  }
}

export function toWireNetworkInterface(eni: EniView & Tagged): WireNetworkInterface {
  const traffic = trafficFields(eni)
  const item: WireNetworkInterface = {
    NetworkInterfaceId: eni.id,
    NetworkInterfaceName: eni.name,
    Description: eni.description,
    Status: eni.status,
    Type: eni.type,
    VpcId: eni.vpcId,
    VSwitchId: eni.vswitchId,
    ZoneId: eni.zoneId,
    PrivateIpAddress: eni.primaryIp,
    MacAddress: eni.macAddress,
    InstanceId: eni.instanceId ?? '',
    CreationTime: formatSeconds(eni.createdAt),
    ResourceGroupId: eni.resourceGroupId,
    OwnerId: eni.accountId,
    ServiceID: 0,
    ServiceManaged: false,
    DeleteOnRelease: eni.deleteOnRelease,
    SourceDestCheck: eni.sourceDestCheck,
    NetworkInterfaceTrafficMode: traffic.NetworkInterfaceTrafficMode,
    QueueNumber: traffic.QueueNumber,
    QueuePairNumber: traffic.QueuePairNumber,
    AssociatedPublicIp: NO_PUBLIC_IP,
    SecurityGroupIds: { SecurityGroupId: [...eni.securityGroupIds] },
    PrivateIpSets: { PrivateIpSet: eni.privateIps.map(toWirePrivateIpSet) },
    Ipv6Sets: { Ipv6Set: eni.ipv6Addresses.map(toIpv6Set) },
    Ipv4PrefixSets: { Ipv4PrefixSet: eni.ipv4Prefixes.map(toIpv4PrefixSet) },
    Ipv6PrefixSets: { Ipv6PrefixSet: eni.ipv6Prefixes.map(toIpv6PrefixSet) },
    Tags: { Tag: eni.tags.map(toWireEcsTag) },
  }
  if (eni.instanceId !== null) {
    item.Attachment = {
      InstanceId: eni.instanceId,
      DeviceIndex: eni.deviceIndex ?? 0,
      NetworkCardIndex: 0,
      TrunkNetworkInterfaceId: '',
    }
  }
  return item
}

/**
 * The traffic fields (extensions.md §7). `QueueNumber` is always a number (Terraform reads it
 * with formatInt): the one set, else the attached type's default, else 0.
 */
function trafficFields(eni: EniView): Pick<WireNetworkInterface, keyof WireTrafficConfig> {
  const attachedType =
    eni.attachedInstanceType === null ? undefined : findInstanceType(eni.attachedInstanceType)
  return {
    NetworkInterfaceTrafficMode: eni.trafficMode,
    QueueNumber: effectiveQueueNumber(eni.queueNumber, eni.type === 'Primary', attachedType),
    QueuePairNumber: eni.queuePairNumber ?? 0,
  }
}

/** DescribeNetworkInterfaceAttribute: the item plus the attribute-only sub-fields. */
export function toWireNetworkInterfaceAttribute(eni: EniView & Tagged): WireNetworkInterface {
  const item = toWireNetworkInterface(eni)
  item.NetworkInterfaceTrafficConfig = {
    NetworkInterfaceTrafficMode: item.NetworkInterfaceTrafficMode,
    QueueNumber: item.QueueNumber,
    QueuePairNumber: item.QueuePairNumber,
  }
  if (item.Attachment) {
    item.Attachment = {
      ...item.Attachment,
      ...wrap('MemberNetworkInterfaceIds', 'MemberNetworkInterfaceId', []),
    }
  }
  return item
}
