// DeleteSecurityGroup (ECS): refused while ENIs are members (`DependencyViolation`).
import { withAudit, type ServiceContext } from '../../service/context.js'
import { deleteSecurityGroup } from '../../service/security-group-operations.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'

export function deleteSecurityGroupAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DeleteSecurityGroup',
    handler: async ({ params, accountId, audit }) => {
      const securityGroupId = params.requiredStr('SecurityGroupId')
      await deleteSecurityGroup(
        withAudit(deps.ctx, audit),
        { accountId },
        { regionId: regionOf(params), securityGroupId },
      )
      return {}
    },
  }
}
