// DeleteSecurityGroup (ECS): refused while ENIs are members (`DependencyViolation`).
import type { ServiceContext } from '../../service/context.js'
import { deleteSecurityGroup } from '../../service/security-group-operations.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'

export function deleteSecurityGroupAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DeleteSecurityGroup',
    handler: async ({ params, accountId }) => {
      const securityGroupId = params.requiredStr('SecurityGroupId')
      await deleteSecurityGroup(
        deps.ctx,
        { accountId },
        { regionId: regionOf(params), securityGroupId },
      )
      return {}
    },
  }
}
