// VPC 2016-04-28 items: `Vpcs.Vpc[]` and `VSwitches.VSwitch[]` (eni-api.md §8.1–§8.3;
// DescribeVSwitchAttributes returns one vSwitch flattened). Times are `YYYY-MM-DDTHH:MM:SSZ`.
import type { WireVpcTag, Wrapped } from './list.js'

export type WireVpc = {
  VpcId: string
  RegionId: string
  Status: string
  VpcName: string
  Description: string
  CidrBlock: string
  /** the first /56, `''` without IPv6 */
  Ipv6CidrBlock: string
  EnabledIpv6: boolean
  Ipv6CidrBlocks: Wrapped<'Ipv6CidrBlock', { Ipv6CidrBlock: string; Ipv6Isp: string }>
  VRouterId: string
  IsDefault: boolean
  CreationTime: string
  ResourceGroupId: string
  CenStatus: string
  DhcpOptionsSetId: string
  DhcpOptionsSetStatus: string
  VSwitchIds: Wrapped<'VSwitchId', string>
  RouterTableIds: Wrapped<'RouterTableIds', string>
  UserCidrs: Wrapped<'UserCidr', string>
  NatGatewayIds: Wrapped<'NatGatewayIds', string>
  SecondaryCidrBlocks: Wrapped<'SecondaryCidrBlock', string>
  Tags: Wrapped<'Tag', WireVpcTag>
}

export type WireVSwitch = {
  VSwitchId: string
  VpcId: string
  ZoneId: string
  CidrBlock: string
  /** the /64, `''` without IPv6 */
  Ipv6CidrBlock: string
  EnabledIpv6: boolean
  Status: string
  AvailableIpAddressCount: number
  VSwitchName: string
  Description: string
  IsDefault: boolean
  CreationTime: string
  ResourceGroupId: string
  NetworkAclId: string
  ShareType: string
  RouteTable: { RouteTableId: string; RouteTableType: string }
  Tags: Wrapped<'Tag', WireVpcTag>
}
