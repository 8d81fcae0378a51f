// CreateNetworkInterface (ECS, eni-api.md §7.1): a Secondary ENI on a vSwitch, answered with the
// ENI's fields flattened beside RequestId, with `Ipv6Sets`, `Ipv4PrefixSets` and `Ipv6PrefixSets`.
// IPv6 (`Ipv6Address.N` / `Ipv6AddressCount`) needs an IPv6 vSwitch; prefixes are IPv4 /28
// (`Ipv4Prefix.N` / `Ipv4PrefixCount`) and IPv6 /80 (`Ipv6Prefix.N` / `Ipv6PrefixCount`), 1–10.
// `ResourceGroupId`, `NetworkInterfaceTrafficMode`, `QueueNumber` and `QueuePairNumber` (also as
// `NetworkInterfaceTrafficConfig.*`) are stored and echoed (extensions.md §7).
import { errors } from '../../domain/errors.js'
import { withAudit, type ServiceContext } from '../../service/context.js'
import { createNetworkInterface } from '../../service/create-network-interface.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import type { Params } from '../params.js'
import { nonEmpty, optStr, regionOf, securityGroupIdsOf } from './shared/request-params.js'
import { tagInputsOf } from './shared/tag-params.js'
import { trafficParamsOf } from './shared/traffic-params.js'
import { toWireNetworkInterface } from './wire/eni-wire.js'

const PER_CALL = { max: 10 }

export function createNetworkInterfaceAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'CreateNetworkInterface',
    handler: async ({ params, accountId, audit }) => {
      const vswitchId = params.requiredStr('VSwitchId')
      const securityGroupIds = securityGroupIdsOf(params)
      if (securityGroupIds.length === 0) throw errors.missingParameter('SecurityGroupIds.N')
      checkEniType(params)
      const eni = await createNetworkInterface(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          regionId: regionOf(params),
          vswitchId,
          securityGroupIds,
          primaryIpAddress: optStr(params, 'PrimaryIpAddress'),
          privateIpAddresses: nonEmpty(params.list('PrivateIpAddress', { max: 49 })),
          secondaryPrivateIpAddressCount: params.int('SecondaryPrivateIpAddressCount', {
            min: 1,
            max: 49,
          }),
          name: optStr(params, 'NetworkInterfaceName'),
          description: optStr(params, 'Description'),
          deleteOnRelease: params.bool('DeleteOnRelease'),
          sourceDestCheck: params.bool('SourceDestCheck'),
          clientToken: optStr(params, 'ClientToken'),
          tags: tagInputsOf(params),
          ipv4Prefixes: nonEmpty(params.list('Ipv4Prefix', PER_CALL)),
          ipv4PrefixCount: params.int('Ipv4PrefixCount', { min: 1, max: 10 }),
          ipv6Addresses: nonEmpty(params.list('Ipv6Address', PER_CALL)),
          ipv6AddressCount: params.int('Ipv6AddressCount', { min: 1, max: 10 }),
          ipv6Prefixes: nonEmpty(params.list('Ipv6Prefix', PER_CALL)),
          ipv6PrefixCount: params.int('Ipv6PrefixCount', { min: 1, max: 10 }),
          resourceGroupId: optStr(params, 'ResourceGroupId'),
          ...trafficParamsOf(params),
        },
      )
      return toWireNetworkInterface(eni)
    },
  }
}

/** `InstanceType` here is the ENI type: only `Secondary` (the default) is modelled, not `Trunk`. */
function checkEniType(params: Params): void {
  const type = optStr(params, 'InstanceType')
  if (type !== undefined && type !== 'Secondary') throw errors.invalidParameter('InstanceType')
}
