// AttachNetworkInterface (ECS, eni-api.md §7.6): `Attaching` now, `InUse` once the worker runs.
// One network card (index 0) and no trunk ENIs are modelled.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { attachNetworkInterface } from '../../service/attach-network-interface.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf, rejectUnsupported } from './shared/request-params.js'

export function attachNetworkInterfaceAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'AttachNetworkInterface',
    handler: async ({ params, accountId, audit }) => {
      const instanceId = params.requiredStr('InstanceId')
      const networkInterfaceId = params.requiredStr('NetworkInterfaceId')
      params.int('NetworkCardIndex', { min: 0, max: 0 })
      rejectUnsupported(params, ['TrunkNetworkInstanceId'])
      await attachNetworkInterface(
        withAudit(deps.ctx, audit),
        { accountId },
        { regionId: regionOf(params), instanceId, networkInterfaceId },
      )
      return {}
    },
  }
}
