// DescribeNetworkInterfaceAttribute (ECS, eni-api.md §7.4): one ENI, its fields flattened beside
// RequestId; an unknown or deleted ENI is `InvalidEniId.NotFound` (Terway relies on it).
import type { ServiceContext } from '../../service/context.js'
import { describeNetworkInterfaceAttribute } from '../../service/describe-network-interfaces.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'
import { toWireNetworkInterfaceAttribute } from './wire/eni-wire.js'

export function describeNetworkInterfaceAttributeAction(deps: {
  ctx: ServiceContext
}): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DescribeNetworkInterfaceAttribute',
    handler: async ({ params, accountId }) => {
      const eni = await describeNetworkInterfaceAttribute(
        deps.ctx,
        { accountId },
        {
          regionId: regionOf(params),
          networkInterfaceId: params.requiredStr('NetworkInterfaceId'),
        },
      )
      return toWireNetworkInterfaceAttribute(eni)
    },
  }
}
