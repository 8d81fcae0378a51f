// AssignPrivateIpAddresses (ECS, eni-api.md §7.8): secondary private IPs, chosen
// (`PrivateIpAddress.N`, ≤ 32) or counted (`SecondaryPrivateIpAddressCount`, 1–49), or IPv4 /28
// prefixes (`Ipv4Prefix.N` / `Ipv4PrefixCount`, 1–10; not mixed with addresses). The new
// addresses and prefixes are always returned: Terway reads them from here, never re-reading.
import type { WireAssignedPrivateIpAddressesSet } from '../../api/wire/network-interface.js'
import { withAudit, type ServiceContext } from '../../service/context.js'
import { MAX_ADDRESSES_PER_CALL } from '../../service/address-request.js'
import { assignPrivateIpAddresses } from '../../service/assign-private-ip-addresses.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { wrap } from '../list-wrapper.js'
import { nonEmpty, optStr, regionOf } from './shared/request-params.js'

export function assignPrivateIpAddressesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'AssignPrivateIpAddresses',
    handler: async ({ params, accountId, audit }) => {
      const networkInterfaceId = params.requiredStr('NetworkInterfaceId')
      const result = await assignPrivateIpAddresses(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          regionId: regionOf(params),
          networkInterfaceId,
          privateIpAddresses: nonEmpty(
            params.list('PrivateIpAddress', { max: MAX_ADDRESSES_PER_CALL }),
          ),
          secondaryPrivateIpAddressCount: params.int('SecondaryPrivateIpAddressCount', {
            min: 1,
            max: 49,
          }),
          clientToken: optStr(params, 'ClientToken'),
          ipv4Prefixes: nonEmpty(params.list('Ipv4Prefix', { max: 10 })),
          ipv4PrefixCount: params.int('Ipv4PrefixCount', { min: 1, max: 10 }),
        },
      )
      const set: WireAssignedPrivateIpAddressesSet = {
        NetworkInterfaceId: result.networkInterfaceId,
        ...wrap('PrivateIpSet', 'PrivateIpAddress', result.assigned),
        // `?? []`: an idempotency record written before prefixes existed has none
        ...wrap('Ipv4PrefixSet', 'Ipv4Prefixes', result.assignedPrefixes ?? []),
      }
      return { AssignedPrivateIpAddressesSet: set }
    },
  }
}
