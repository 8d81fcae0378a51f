// CreateNetworkInterface (ECS, eni-api.md §7.1): a Secondary ENI on a vSwitch, answered with the
// ENI's fields flattened beside RequestId. IPv6 and IPv4 prefixes are not modelled: the vSwitch
// has no IPv6 (`InvalidVSwitch.Ipv6NotTurnOn`), prefixes are `InvalidParameter`.
import { errors } from '../../domain/errors.js'
import type { ServiceContext } from '../../service/context.js'
import { createNetworkInterface } from '../../service/create-network-interface.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import type { Params } from '../params.js'
import {
  filtersOnAbsentFeature,
  nonEmpty,
  optStr,
  regionOf,
  rejectUnsupported,
  securityGroupIdsOf,
} from './shared/request-params.js'
import { tagInputsOf } from './shared/tag-params.js'
import { toWireNetworkInterface } from './wire/eni-wire.js'

const UNSUPPORTED = ['Ipv4Prefix', 'Ipv4PrefixCount', 'Ipv6Prefix', 'Ipv6PrefixCount']

export function createNetworkInterfaceAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'CreateNetworkInterface',
    handler: async ({ params, accountId }) => {
      const vswitchId = params.requiredStr('VSwitchId')
      const securityGroupIds = securityGroupIdsOf(params)
      if (securityGroupIds.length === 0) throw errors.missingParameter('SecurityGroupIds.N')
      checkEniType(params)
      if (filtersOnAbsentFeature(params, ['Ipv6Address', 'Ipv6AddressCount'])) {
        throw errors.ipv6NotTurnOn(vswitchId)
      }
      rejectUnsupported(params, UNSUPPORTED)
      const eni = await createNetworkInterface(
        deps.ctx,
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
