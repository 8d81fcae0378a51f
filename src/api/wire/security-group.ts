// DescribeSecurityGroups item (eni-api.md §8.4). `CreationTime` is `YYYY-MM-DDTHH:MM:SSZ`.
import type { WireEcsTag, Wrapped } from './list.js'

export type WireSecurityGroup = {
  SecurityGroupId: string
  SecurityGroupName: string
  Description: string
  SecurityGroupType: string
  VpcId: string
  CreationTime: string
  ResourceGroupId: string
  ServiceManaged: boolean
  Tags: Wrapped<'Tag', WireEcsTag>
}
