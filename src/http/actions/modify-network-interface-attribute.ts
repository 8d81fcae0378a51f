// ModifyNetworkInterfaceAttribute (ECS, eni-api.md §7.5): only the fields sent change;
// `SecurityGroupId.N` replaces the whole set. An empty name or description clears it.
// `QueueNumber` and `NetworkInterfaceTrafficMode` (also as `NetworkInterfaceTrafficConfig.*`)
// (and `QueuePairNumber`, on an ERI only) follow extensions.md §7.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { modifyNetworkInterfaceAttribute } from '../../service/modify-network-interface-attribute.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { nonEmpty, regionOf } from './shared/request-params.js'
import { trafficParamsOf } from './shared/traffic-params.js'

export function modifyNetworkInterfaceAttributeAction(deps: {
  ctx: ServiceContext
}): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'ModifyNetworkInterfaceAttribute',
    handler: async ({ params, accountId, audit }) => {
      const traffic = trafficParamsOf(params)
      await modifyNetworkInterfaceAttribute(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          regionId: regionOf(params),
          networkInterfaceId: params.requiredStr('NetworkInterfaceId'),
          securityGroupIds: nonEmpty(params.list('SecurityGroupId')),
          name: params.str('NetworkInterfaceName'),
          description: params.str('Description'),
          deleteOnRelease: params.bool('DeleteOnRelease'),
          sourceDestCheck: params.bool('SourceDestCheck'),
          queueNumber: traffic.queueNumber,
          trafficMode: traffic.trafficMode,
          queuePairNumber: traffic.queuePairNumber,
        },
      )
      return {}
    },
  }
}
