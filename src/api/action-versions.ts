// Which API version an Action belongs to. VPC actions live in VPC 2016-04-28, STS and Location
// in their own versions; everything else we serve is ECS 2014-05-26. ECS also has copies of the
// VPC actions (extensions.md §6): a client reaches those by naming ECS's Version explicitly.
export const ECS_VERSION = '2014-05-26'
export const VPC_VERSION = '2016-04-28'
export const STS_VERSION = '2015-04-01'
export const LOCATION_VERSION = '2015-06-12'

export const VPC_ACTIONS: ReadonlySet<string> = new Set([
  'CreateVpc',
  'DescribeVpcs',
  'DeleteVpc',
  'DescribeVpcAttribute',
  'ModifyVpcAttribute',
  'CreateVSwitch',
  'DescribeVSwitches',
  'DeleteVSwitch',
  'DescribeVSwitchAttributes',
  'DescribeVRouters',
  // VPC's own tag action (capital T); TagResources and ListTagResources exist in both products
  // and default to ECS here: VPC callers send Version=2016-04-28 themselves.
  'UnTagResources',
])

export function versionForAction(action: string): string {
  if (action === 'GetCallerIdentity') return STS_VERSION
  if (action === 'DescribeEndpoints') return LOCATION_VERSION
  return VPC_ACTIONS.has(action) ? VPC_VERSION : ECS_VERSION
}
