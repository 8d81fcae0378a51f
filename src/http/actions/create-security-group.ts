// CreateSecurityGroup (ECS, eni-api.md §8.4): a group bound to one VPC; `normal` (default) or
// `enterprise`. Rules are not modelled: a group only bounds membership and capacity.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { createSecurityGroup } from '../../service/security-group-operations.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { optStr, regionOf } from './shared/request-params.js'
import { tagInputsOf } from './shared/tag-params.js'

export function createSecurityGroupAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'CreateSecurityGroup',
    handler: async ({ params, accountId, audit }) => {
      const group = await createSecurityGroup(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          regionId: regionOf(params),
          vpcId: optStr(params, 'VpcId'),
          name: optStr(params, 'SecurityGroupName'),
          description: optStr(params, 'Description'),
          type: optStr(params, 'SecurityGroupType'),
          clientToken: optStr(params, 'ClientToken'),
          tags: tagInputsOf(params),
        },
      )
      return { SecurityGroupId: group.id }
    },
  }
}
