// DeleteVpc (VPC 2016-04-28): refused while vSwitches or security groups remain. The service
// has no dry run, so `DryRun=true` answers `DryRunOperation` without deleting anything.
import { errors } from '../../domain/errors.js'
import { withAudit, type ServiceContext } from '../../service/context.js'
import { deleteVpc } from '../../service/vpc-operations.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'

export function deleteVpcAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'DeleteVpc',
    handler: async ({ params, accountId, audit }) => {
      const vpcId = params.requiredStr('VpcId')
      if (params.bool('DryRun') === true) throw errors.dryRunOperation()
      await deleteVpc(
        withAudit(deps.ctx, audit),
        { accountId },
        { regionId: regionOf(params), vpcId },
      )
      return {}
    },
  }
}
