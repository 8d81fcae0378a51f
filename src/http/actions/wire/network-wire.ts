// Vpc and VSwitchView → VPC 2016-04-28 items. What a VPC row does not hold (its vSwitch ids, a
// vSwitch's route table) is passed in by the caller.
import type { WireVSwitch, WireVpc } from '../../../api/wire/network.js'
import { defaultResourceGroupId } from '../../../domain/resource-group.js'
import type { Vpc } from '../../../domain/resources.js'
import type { Tagged } from '../../../domain/tags.js'
import type { VSwitchView } from '../../../service/vswitch-operations.js'
import { wrap } from '../../list-wrapper.js'
import { vpcTags } from './tag-wire.js'
import { formatSeconds } from './time-format.js'

export function toWireVpc(vpc: Vpc & Tagged, vswitchIds: readonly string[]): WireVpc {
  return {
    VpcId: vpc.id,
    RegionId: vpc.regionId,
    Status: vpc.status,
    VpcName: vpc.name,
    Description: vpc.description,
    CidrBlock: vpc.cidrBlock,
    Ipv6CidrBlock: vpc.ipv6CidrBlock ?? '',
    EnabledIpv6: vpc.ipv6CidrBlock !== null,
    ...wrap(
      'Ipv6CidrBlocks',
      'Ipv6CidrBlock',
      vpc.ipv6CidrBlock === null
        ? []
        : [{ Ipv6CidrBlock: vpc.ipv6CidrBlock, Ipv6Isp: vpc.ipv6Isp ?? 'BGP' }],
    ),
    VRouterId: vpc.vRouterId,
    IsDefault: false,
    CreationTime: formatSeconds(vpc.createdAt),
    ResourceGroupId: defaultResourceGroupId(vpc.accountId),
    CenStatus: 'Detached',
    DhcpOptionsSetId: '',
    DhcpOptionsSetStatus: '',
    ...wrap('VSwitchIds', 'VSwitchId', vswitchIds),
    ...wrap('RouterTableIds', 'RouterTableIds', [vpc.routeTableId]),
    ...wrap('UserCidrs', 'UserCidr', []),
    ...wrap('NatGatewayIds', 'NatGatewayIds', []),
    ...wrap('SecondaryCidrBlocks', 'SecondaryCidrBlock', []),
    ...vpcTags(vpc.tags),
  }
}

/** `routeTableId`: the system route table of the vSwitch's VPC (`''` if unknown). */
export function toWireVSwitch(vsw: VSwitchView, routeTableId: string): WireVSwitch {
  return {
    VSwitchId: vsw.id,
    VpcId: vsw.vpcId,
    ZoneId: vsw.zoneId,
    CidrBlock: vsw.cidrBlock,
    Ipv6CidrBlock: vsw.ipv6CidrBlock ?? '',
    EnabledIpv6: vsw.ipv6CidrBlock !== null,
    Status: vsw.status,
    AvailableIpAddressCount: vsw.availableIpAddressCount,
    VSwitchName: vsw.name,
    Description: vsw.description,
    IsDefault: false,
    CreationTime: formatSeconds(vsw.createdAt),
    ResourceGroupId: defaultResourceGroupId(vsw.accountId),
    NetworkAclId: '',
    ShareType: '',
    RouteTable: { RouteTableId: routeTableId, RouteTableType: 'System' },
    ...vpcTags(vsw.tags),
  }
}
