// AssignIpv6Addresses (ECS, eni-api.md §7.10, extensions.md §2.4): IPv6 addresses, chosen
// (`Ipv6Address.N`) or counted (`Ipv6AddressCount`), or /80 prefixes (`Ipv6Prefix.N` /
// `Ipv6PrefixCount`), 1–10 each, with `ClientToken`. The answer lists the new ones as plain
// strings (`Ipv6Sets.Ipv6Address[]`, `Ipv6PrefixSets.Ipv6Prefix[]`), which Terway reads.
import type { WireAssignIpv6Addresses } from '../../api/wire/network-interface.js'
import { assignIpv6Addresses } from '../../service/assign-ipv6-addresses.js'
import { withAudit, type ServiceContext } from '../../service/context.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { wrap } from '../list-wrapper.js'
import { nonEmpty, optStr, regionOf } from './shared/request-params.js'

export function assignIpv6AddressesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'AssignIpv6Addresses',
    handler: async ({ params, accountId, audit }) => {
      const networkInterfaceId = params.requiredStr('NetworkInterfaceId')
      const result = await assignIpv6Addresses(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          regionId: regionOf(params),
          networkInterfaceId,
          ipv6Addresses: nonEmpty(params.list('Ipv6Address', { max: 10 })),
          ipv6AddressCount: params.int('Ipv6AddressCount', { min: 1, max: 10 }),
          ipv6Prefixes: nonEmpty(params.list('Ipv6Prefix', { max: 10 })),
          ipv6PrefixCount: params.int('Ipv6PrefixCount', { min: 1, max: 10 }),
          clientToken: optStr(params, 'ClientToken'),
        },
      )
      const body: WireAssignIpv6Addresses = {
        NetworkInterfaceId: result.networkInterfaceId,
        ...wrap('Ipv6Sets', 'Ipv6Address', result.ipv6Addresses),
        ...wrap('Ipv6PrefixSets', 'Ipv6Prefix', result.ipv6Prefixes),
      }
      return body
    },
  }
}
