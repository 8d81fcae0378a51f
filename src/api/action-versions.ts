// Which API version an Action belongs to. VPC actions live in VPC 2016-04-28; everything else
// we serve is ECS 2014-05-26.
export const ECS_VERSION = '2014-05-26'
export const VPC_VERSION = '2016-04-28'

export const VPC_ACTIONS: ReadonlySet<string> = new Set([
  'CreateVpc',
  'DescribeVpcs',
  'DeleteVpc',
  'DescribeVpcAttribute',
  'CreateVSwitch',
  'DescribeVSwitches',
  'DeleteVSwitch',
  'DescribeVSwitchAttributes',
])

export function versionForAction(action: string): string {
  return VPC_ACTIONS.has(action) ? VPC_VERSION : ECS_VERSION
}
