// UnassignPrivateIpAddresses (ECS, eni-api.md §7.9): all or nothing; every address must be a
// secondary address of the ENI. IPv4 prefixes are not modelled.
import type { ServiceContext } from '../../service/context.js'
import { MAX_ADDRESSES_PER_CALL } from '../../service/address-request.js'
import { unassignPrivateIpAddresses } from '../../service/unassign-private-ip-addresses.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf, rejectUnsupported } from './shared/request-params.js'

export function unassignPrivateIpAddressesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'UnassignPrivateIpAddresses',
    handler: async ({ params, accountId }) => {
      const networkInterfaceId = params.requiredStr('NetworkInterfaceId')
      rejectUnsupported(params, ['Ipv4Prefix'])
      await unassignPrivateIpAddresses(
        deps.ctx,
        { accountId },
        {
          regionId: regionOf(params),
          networkInterfaceId,
          privateIpAddresses: params.list('PrivateIpAddress', { max: MAX_ADDRESSES_PER_CALL }),
        },
      )
      return {}
    },
  }
}
