// UnassignIpv6Addresses (ECS, eni-api.md §7.11): `Ipv6Address.N` and/or `Ipv6Prefix.N` (1–10),
// all or nothing; each must be the ENI's own (`InvalidIp.IpUnassigned`). `ClientToken` accepted.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { unassignIpv6Addresses } from '../../service/unassign-ipv6-addresses.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { optStr, regionOf } from './shared/request-params.js'

export function unassignIpv6AddressesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'UnassignIpv6Addresses',
    handler: async ({ params, accountId, audit }) => {
      const networkInterfaceId = params.requiredStr('NetworkInterfaceId')
      await unassignIpv6Addresses(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          regionId: regionOf(params),
          networkInterfaceId,
          ipv6Addresses: params.list('Ipv6Address', { max: 10 }),
          ipv6Prefixes: params.list('Ipv6Prefix', { max: 10 }),
          clientToken: optStr(params, 'ClientToken'),
        },
      )
      return {}
    },
  }
}
