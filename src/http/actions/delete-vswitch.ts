// DeleteVSwitch (VPC 2016-04-28): refused while ENIs or instances remain on it. The service has
// no dry run, so `DryRun=true` answers `DryRunOperation` without deleting anything.
import { errors } from '../../domain/errors.js'
import { withAudit, type ServiceContext } from '../../service/context.js'
import { deleteVSwitch } from '../../service/vswitch-operations.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'

export function deleteVSwitchAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'DeleteVSwitch',
    handler: async ({ params, accountId, audit }) => {
      const vswitchId = params.requiredStr('VSwitchId')
      if (params.bool('DryRun') === true) throw errors.dryRunOperation()
      await deleteVSwitch(
        withAudit(deps.ctx, audit),
        { accountId },
        { regionId: regionOf(params), vswitchId },
      )
      return {}
    },
  }
}
