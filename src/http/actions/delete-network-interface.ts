// DeleteNetworkInterface (ECS, eni-api.md §7.2): `Deleting` now, gone once the worker runs.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { deleteNetworkInterface } from '../../service/delete-network-interface.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'

export function deleteNetworkInterfaceAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DeleteNetworkInterface',
    handler: async ({ params, accountId, audit }) => {
      await deleteNetworkInterface(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          regionId: regionOf(params),
          networkInterfaceId: params.requiredStr('NetworkInterfaceId'),
        },
      )
      return {}
    },
  }
}
