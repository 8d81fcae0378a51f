// The request parameters of every Action served, as `eniplane call --help ACTION` lists them and
// as `eniplane call` checks names against (a misspelled name is otherwise ignored by the server,
// as Alibaba's is). Names only, as sent on the wire; lists are `Name.N`. Kept in step with the
// handlers in src/http/actions by action-parameters.test.ts.

export interface ActionParameter {
  readonly name: string
  /** `Name.1`, `Name.2`, … on the wire. */
  readonly list?: true
  readonly required?: true
  readonly about: string
}

type Catalogue = Readonly<Record<string, readonly ActionParameter[]>>

const p = (name: string, about: string): ActionParameter => ({ name, about })
const req = (name: string, about: string): ActionParameter => ({ name, about, required: true })
const list = (name: string, about: string): ActionParameter => ({ name, about, list: true })

const REGION = req('RegionId', 'region, e.g. cn-hangzhou (eniplane call sends it for you)')
const TOKEN = p('ClientToken', 'idempotency token: a retry with the same token repeats nothing')
const DRY_RUN = p('DryRun', 'true: only check the request')
const PAGES = [p('PageNumber', 'page, from 1'), p('PageSize', 'rows per page')]
const TOKENS = [p('NextToken', 'from the previous page'), p('MaxResults', 'rows per page')]
const TAGS = list('Tag', 'tags (Tag.N.Key, Tag.N.Value); on Describe actions a filter (AND)')
const TRAFFIC = [
  p(
    'NetworkInterfaceTrafficMode',
    'Standard (default) or HighPerformance (an ERI; needs EriQuantity)',
  ),
  p('QueueNumber', "queues, 1-2048; attached: at most the type's MaximumQueueNumberPerEni"),
  p('QueuePairNumber', 'RDMA queue pairs (HighPerformance only)'),
  p(
    'NetworkInterfaceTrafficConfig',
    'the same three as .NetworkInterfaceTrafficMode, .QueueNumber, .QueuePairNumber',
  ),
]
const SG = [
  p('SecurityGroupId', 'one security group'),
  list('SecurityGroupIds', 'security groups (instead of SecurityGroupId)'),
]
const LAUNCH = [
  REGION,
  p('InstanceType', 'e.g. ecs.g7.large (DescribeInstanceTypes lists them)'),
  p('ImageId', 'e.g. aliyun_3_x64_20G_alibase_20240819.vhd (DescribeImages)'),
  p('VSwitchId', 'the vSwitch of the primary ENI'),
  p('ZoneId', 'zone; implied by the vSwitch'),
  ...SG,
  p('PrivateIpAddress', "the primary ENI's address; random when absent"),
  p('InstanceName', 'name'),
  p('HostName', 'host name'),
  p('Description', 'description'),
  TOKEN,
  DRY_RUN,
  list('NetworkInterface', 'secondary ENIs at launch; not modelled'),
  list('Ipv6Address', 'IPv6 addresses of the primary ENI (one instance; an IPv6 vSwitch)'),
  p('Ipv6AddressCount', 'or: how many random IPv6 addresses on each primary ENI (1–10)'),
  p('NetworkInterfaceQueueNumber', "queues of each primary ENI (1–2048, ≤ the type's maximum)"),
  p('LaunchTemplateId', 'not modelled'),
  p('LaunchTemplateName', 'not modelled'),
  TAGS,
]

export const ACTION_PARAMETERS: Catalogue = {
  CreateNetworkInterface: [
    REGION,
    req('VSwitchId', "the ENI's vSwitch"),
    ...SG,
    p('PrimaryIpAddress', 'primary private IP; random when absent'),
    list('PrivateIpAddress', 'secondary private IPs to assign at creation'),
    p('SecondaryPrivateIpAddressCount', 'or: how many random secondary private IPs'),
    p('NetworkInterfaceName', 'name'),
    p('Description', 'description'),
    p('InstanceType', 'the ENI type (not an instance type): Secondary; Trunk is not modelled'),
    p('DeleteOnRelease', 'delete with the instance it is attached to (default false)'),
    p('SourceDestCheck', 'source/destination check (default false)'),
    ...TRAFFIC,
    p('ResourceGroupId', "resource group (rg-…); default: the account's default group"),
    list('Ipv6Address', 'IPv6 addresses inside the vSwitch /64'),
    p('Ipv6AddressCount', 'or: how many random IPv6 addresses (1–10)'),
    list('Ipv4Prefix', 'IPv4 /28 prefixes, aligned, inside the vSwitch CIDR'),
    p('Ipv4PrefixCount', 'or: how many random /28 prefixes (1–10)'),
    list('Ipv6Prefix', 'IPv6 /80 prefixes inside the vSwitch /64'),
    p('Ipv6PrefixCount', 'or: how many random /80 prefixes (1–10)'),
    TAGS,
    TOKEN,
  ],
  DeleteNetworkInterface: [REGION, req('NetworkInterfaceId', 'the ENI (must be Available)')],
  DescribeNetworkInterfaces: [
    REGION,
    list('NetworkInterfaceId', 'ENI IDs'),
    p('VSwitchId', 'filter'),
    p('VpcId', 'filter'),
    p('InstanceId', 'filter'),
    p('Status', 'filter: Available, Attaching, InUse, Detaching, Deleting'),
    p('Type', 'filter: Primary or Secondary'),
    p('NetworkInterfaceName', 'filter'),
    p('PrimaryIpAddress', 'filter'),
    list('PrivateIpAddress', 'filter: any of these private IPs'),
    p('SecurityGroupId', 'filter'),
    p('ServiceManaged', 'filter'),
    list('Ipv6Address', 'filter'),
    p('ResourceGroupId', "filter: resource group (the account's default group included)"),
    p('NetworkInterfaceTrafficMode', 'filter: Standard or HighPerformance'),
    TAGS,
    ...PAGES,
    ...TOKENS,
  ],
  DescribeNetworkInterfaceAttribute: [REGION, req('NetworkInterfaceId', 'the ENI')],
  ModifyNetworkInterfaceAttribute: [
    REGION,
    req('NetworkInterfaceId', 'the ENI'),
    list('SecurityGroupId', 'the security groups (replaces the list)'),
    p('NetworkInterfaceName', 'name'),
    p('Description', 'description'),
    p('DeleteOnRelease', 'delete with the instance'),
    p('SourceDestCheck', 'source/destination check'),
    ...TRAFFIC,
  ],
  AttachNetworkInterface: [
    REGION,
    req('NetworkInterfaceId', 'the ENI (Available)'),
    req('InstanceId', 'the instance (same VPC and zone; same vSwitch under profile seed)'),
    p('NetworkCardIndex', 'network card'),
    p('TrunkNetworkInstanceId', 'trunk ENI; not modelled'),
  ],
  DetachNetworkInterface: [
    REGION,
    req('NetworkInterfaceId', 'the ENI (InUse)'),
    req('InstanceId', 'the instance it is attached to'),
    p('TrunkNetworkInstanceId', 'trunk ENI; not modelled'),
  ],
  AssignPrivateIpAddresses: [
    REGION,
    req('NetworkInterfaceId', 'the ENI (Available or InUse)'),
    list('PrivateIpAddress', 'addresses inside the vSwitch CIDR'),
    p('SecondaryPrivateIpAddressCount', 'or: how many random addresses'),
    list('Ipv4Prefix', 'or: IPv4 /28 prefixes, aligned, inside the vSwitch CIDR'),
    p('Ipv4PrefixCount', 'or: how many random /28 prefixes'),
    TOKEN,
  ],
  AssignIpv6Addresses: [
    REGION,
    req('NetworkInterfaceId', 'the ENI (its vSwitch has an IPv6 /64)'),
    list('Ipv6Address', 'IPv6 addresses inside the vSwitch /64'),
    p('Ipv6AddressCount', 'or: how many random IPv6 addresses'),
    list('Ipv6Prefix', 'or: IPv6 /80 prefixes inside the vSwitch /64'),
    p('Ipv6PrefixCount', 'or: how many random /80 prefixes'),
    TOKEN,
  ],
  UnassignIpv6Addresses: [
    REGION,
    req('NetworkInterfaceId', 'the ENI'),
    list('Ipv6Address', 'IPv6 addresses to remove'),
    list('Ipv6Prefix', 'IPv6 /80 prefixes to remove'),
    TOKEN,
  ],
  UnassignPrivateIpAddresses: [
    REGION,
    req('NetworkInterfaceId', 'the ENI'),
    list('PrivateIpAddress', 'secondary addresses to remove'),
    list('Ipv4Prefix', 'IPv4 /28 prefixes to remove'),
  ],
  CreateVpc: [
    REGION,
    p('CidrBlock', 'e.g. 192.168.0.0/16 (default 172.16.0.0/12)'),
    p('VpcName', 'name'),
    p('Description', 'description'),
    p('EnableIpv6', 'true: give the VPC an IPv6 /56 (the next of the server pool)'),
    p('Ipv6CidrBlock', 'with EnableIpv6: the /56 to take instead'),
    p('Ipv6Isp', 'IPv6 ISP, BGP by default'),
    TAGS,
    TOKEN,
    DRY_RUN,
  ],
  ModifyVpcAttribute: [
    REGION,
    req('VpcId', 'the VPC'),
    p('VpcName', 'name'),
    p('Description', 'description'),
    p('EnableIPv6', 'true: give the VPC an IPv6 /56 (capital IP, as Alibaba spells it)'),
    p('Ipv6CidrBlock', 'with EnableIPv6: the /56 to take'),
    p('Ipv6Isp', 'IPv6 ISP'),
    p('CidrBlock', 'not modelled (the IPv4 CIDR is fixed at creation)'),
  ],
  DescribeVpcs: [
    REGION,
    p('VpcId', 'filter: IDs, comma-separated'),
    p('VpcName', 'filter'),
    p('IsDefault', 'filter'),
    p('EnableIpv6', 'filter'),
    TAGS,
    ...PAGES,
  ],
  DeleteVpc: [REGION, req('VpcId', 'the VPC (no vSwitches or security groups left)'), DRY_RUN],
  CreateVSwitch: [
    REGION,
    req('VpcId', 'the VPC'),
    req('ZoneId', 'e.g. cn-hangzhou-h'),
    req('CidrBlock', 'inside the VPC CIDR, e.g. 192.168.1.0/24'),
    p('VSwitchName', 'name'),
    p('Description', 'description'),
    p('Ipv6CidrBlock', 'the /64 index 0–255 inside the VPC /56 (the VPC has IPv6)'),
    p('Ipv6CidrMask', '64 (the only size)'),
    p('VpcIpv6CidrBlock', 'not modelled (one /56 per VPC)'),
    TAGS,
    TOKEN,
    DRY_RUN,
  ],
  DescribeVSwitches: [
    REGION,
    p('VSwitchId', 'filter: IDs, comma-separated'),
    p('VpcId', 'filter'),
    p('ZoneId', 'filter'),
    p('VSwitchName', 'filter'),
    p('IsDefault', 'filter'),
    p('EnableIpv6', 'filter'),
    TAGS,
    ...PAGES,
  ],
  DescribeVSwitchAttributes: [REGION, req('VSwitchId', 'the vSwitch')],
  DescribeVRouters: [REGION, p('VRouterId', "filter: a VPC's router"), ...PAGES],
  DeleteVSwitch: [REGION, req('VSwitchId', 'the vSwitch (no ENIs or instances left)'), DRY_RUN],
  CreateSecurityGroup: [
    REGION,
    p('VpcId', 'the VPC (required for ENIs)'),
    p('SecurityGroupName', 'name'),
    p('SecurityGroupType', 'normal (2,000 private IPs) or enterprise'),
    p('Description', 'description'),
    TAGS,
    TOKEN,
  ],
  DescribeSecurityGroups: [
    REGION,
    p('VpcId', 'filter'),
    p('SecurityGroupId', 'filter'),
    p('SecurityGroupIds', 'filter: a JSON list of IDs'),
    p('SecurityGroupName', 'filter'),
    p('SecurityGroupType', 'filter'),
    p('ServiceManaged', 'filter'),
    TAGS,
    ...PAGES,
    ...TOKENS,
  ],
  DeleteSecurityGroup: [REGION, req('SecurityGroupId', 'the group (no members left)')],
  RunInstances: [...LAUNCH, p('Amount', 'how many instances, 1–100 (default 1)')],
  CreateInstance: LAUNCH,
  StartInstance: [p('RegionId', 'region'), req('InstanceId', 'a Stopped instance'), DRY_RUN],
  StopInstance: [
    p('RegionId', 'region'),
    req('InstanceId', 'a Running instance'),
    p('ForceStop', 'stop at once'),
    DRY_RUN,
  ],
  DeleteInstance: [
    p('RegionId', 'region'),
    req('InstanceId', 'the instance (Stopped, or Force=true)'),
    p('Force', 'delete a Running instance'),
    DRY_RUN,
  ],
  DescribeInstances: [
    REGION,
    p('InstanceIds', 'filter: a JSON list, e.g. ["i-…"]'),
    p('PrivateIpAddresses', 'filter: a JSON list of addresses'),
    p('VpcId', 'filter'),
    p('VSwitchId', 'filter'),
    p('ZoneId', 'filter'),
    p('SecurityGroupId', 'filter'),
    p('Status', 'filter'),
    p('InstanceName', 'filter'),
    p('InstanceType', 'filter'),
    p('InstanceTypeFamily', 'filter'),
    p('InstanceNetworkType', 'filter: vpc or classic'),
    ...PAGES,
    ...TOKENS,
  ],
  DescribeInstanceTypes: [
    p('RegionId', 'region (types are global)'),
    list('InstanceTypes', 'types, e.g. ecs.g7.large'),
    p('InstanceTypeFamily', 'filter, e.g. ecs.g7'),
    p('MaxResults', 'rows'),
    p('NextToken', 'from the previous page'),
  ],
  DescribeImages: [
    REGION,
    p('ImageId', 'filter: IDs, comma-separated'),
    p('OSType', 'filter: linux or windows'),
    p('ImageOwnerAlias', 'filter: system'),
    ...PAGES,
  ],
  DescribeRegions: [p('RegionId', 'region')],
  DescribeZones: [REGION],
  TagResources: [
    REGION,
    req('ResourceType', 'ECS: eni, instance, securitygroup; VPC API: VPC, VSWITCH'),
    list('ResourceId', 'resources to tag (at most 50)'),
    TAGS,
  ],
  UntagResources: [
    REGION,
    req('ResourceType', 'eni, instance, securitygroup'),
    list('ResourceId', 'resources (at most 50)'),
    list('TagKey', 'keys to remove'),
    p('All', 'true: remove every tag (when no TagKey.N is given)'),
  ],
  UnTagResources: [
    REGION,
    req('ResourceType', 'VPC, VSWITCH'),
    list('ResourceId', 'resources (at most 50)'),
    list('TagKey', 'keys to remove'),
    p('All', 'true: remove every tag (when no TagKey.N is given)'),
  ],
  ListTagResources: [
    REGION,
    req('ResourceType', 'ECS: eni, instance, securitygroup; VPC API: VPC, VSWITCH'),
    list('ResourceId', 'resources'),
    TAGS,
    list('TagFilter', 'fuzzy tag filter (refused: not modelled)'),
    ...TOKENS,
  ],
  EniplaneDescribeEvents: [
    p('Since', 'events at or after this time (ISO 8601)'),
    p('EventAction', 'filter: one Action'),
    p('ResourceId', 'filter: one resource'),
    p('MaxResults', 'newest events to return'),
  ],
  EniplaneAddFaultRules: [
    req('Rules', "JSON array of fault rules (README: Testing your client's retries)"),
  ],
  EniplaneListFaultRules: [],
  EniplaneClearFaultRules: [],
  GetCallerIdentity: [],
  DescribeEniplaneOperations: [p('ResourceId', "filter: one resource's pending operations")],
  DescribeEndpoints: [
    req('Id', 'region, e.g. cn-hangzhou'),
    p('ServiceCode', 'e.g. ecs, vpc'),
    p('Type', 'endpoint type, e.g. openAPI'),
  ],
}

/** `PrivateIpAddress.3` → `PrivateIpAddress`; `Tag.1.Key` → `Tag`; other names as they are. */
export function baseParameterName(flatName: string): string {
  const dot = flatName.indexOf('.')
  return dot < 0 ? flatName : flatName.slice(0, dot)
}

/** The parameters of `action`, or `undefined` for an Action not in the catalogue. */
export function parametersOf(action: string): readonly ActionParameter[] | undefined {
  return Object.hasOwn(ACTION_PARAMETERS, action) ? ACTION_PARAMETERS[action] : undefined
}
