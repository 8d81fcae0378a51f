// SecurityGroup → the DescribeSecurityGroups item.
import type { WireSecurityGroup } from '../../../api/wire/security-group.js'
import { defaultResourceGroupId } from '../../../domain/resource-group.js'
import type { SecurityGroup } from '../../../domain/resources.js'
import type { Tagged } from '../../../domain/tags.js'
import { ecsTags } from './tag-wire.js'
import { formatSeconds } from './time-format.js'

export function toWireSecurityGroup(group: SecurityGroup & Tagged): WireSecurityGroup {
  return {
    SecurityGroupId: group.id,
    SecurityGroupName: group.name,
    Description: group.description,
    SecurityGroupType: group.type,
    VpcId: group.vpcId,
    CreationTime: formatSeconds(group.createdAt),
    ResourceGroupId: defaultResourceGroupId(group.accountId),
    ServiceManaged: false,
    ...ecsTags(group.tags),
  }
}
