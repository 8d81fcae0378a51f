// DetachNetworkInterface (ECS, eni-api.md §7.7): `Detaching` now, `Available` once the worker
// runs; the ENI keeps its addresses. No trunk ENIs are modelled.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { detachNetworkInterface } from '../../service/detach-network-interface.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf, rejectUnsupported } from './shared/request-params.js'

export function detachNetworkInterfaceAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DetachNetworkInterface',
    handler: async ({ params, accountId, audit }) => {
      const instanceId = params.requiredStr('InstanceId')
      const networkInterfaceId = params.requiredStr('NetworkInterfaceId')
      rejectUnsupported(params, ['TrunkNetworkInstanceId'])
      await detachNetworkInterface(
        withAudit(deps.ctx, audit),
        { accountId },
        { regionId: regionOf(params), instanceId, networkInterfaceId },
      )
      return {}
    },
  }
}
