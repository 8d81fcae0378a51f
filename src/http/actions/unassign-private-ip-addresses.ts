// UnassignPrivateIpAddresses (ECS, eni-api.md §7.9): all or nothing; every address must be a
// secondary address of the ENI and every `Ipv4Prefix.N` one of its /28 prefixes.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { MAX_ADDRESSES_PER_CALL } from '../../service/address-request.js'
import { unassignPrivateIpAddresses } from '../../service/unassign-private-ip-addresses.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'

export function unassignPrivateIpAddressesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'UnassignPrivateIpAddresses',
    handler: async ({ params, accountId, audit }) => {
      const networkInterfaceId = params.requiredStr('NetworkInterfaceId')
      await unassignPrivateIpAddresses(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          regionId: regionOf(params),
          networkInterfaceId,
          privateIpAddresses: params.list('PrivateIpAddress', { max: MAX_ADDRESSES_PER_CALL }),
          ipv4Prefixes: params.list('Ipv4Prefix', { max: 10 }),
        },
      )
      return {}
    },
  }
}
