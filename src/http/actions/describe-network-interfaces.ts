// DescribeNetworkInterfaces (ECS, eni-api.md §7.3): filters combine with AND; unknown ids are
// simply absent. `Tag.N` filters with AND (a key alone matches any value). Filters on what no
// ENI here has (service-managed, Trunk/Member types, unknown statuses) match nothing.
// `ResourceGroupId` matches the group given at creation (or the account's default group), and
// `NetworkInterfaceTrafficMode` (`Standard`/`HighPerformance`, beyond the SDK model) the mode.
// Pages by NextToken/MaxResults or PageNumber/PageSize.
import { TRAFFIC_MODES } from '../../domain/eni-traffic.js'
import { ENI_STATUSES, type EniType } from '../../domain/statuses.js'
import { ECS_TAG_API_ERRORS } from '../../domain/tags.js'
import type { ServiceContext } from '../../service/context.js'
import { describeNetworkInterfaces } from '../../service/describe-network-interfaces.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { pageFields, wrap } from '../list-wrapper.js'
import {
  enumFilter,
  filtersOnAbsentFeature,
  nonEmpty,
  optStr,
  pageOf,
  regionOf,
} from './shared/request-params.js'
import { tagFilterOf } from './shared/tag-params.js'
import { toWireNetworkInterface } from './wire/eni-wire.js'

const ENI_TYPES: readonly EniType[] = ['Primary', 'Secondary']

export function describeNetworkInterfacesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DescribeNetworkInterfaces',
    handler: async ({ params, accountId }) => {
      const ids = params.list('NetworkInterfaceId', { max: 100 })
      const type = enumFilter(params, 'Type', ENI_TYPES)
      const status = enumFilter(params, 'Status', ENI_STATUSES)
      const mode = enumFilter(params, 'NetworkInterfaceTrafficMode', TRAFFIC_MODES)
      const matchesNothing =
        type.matchesNothing ||
        status.matchesNothing ||
        mode.matchesNothing ||
        filtersOnAbsentFeature(params, ['ServiceManaged'])
      const result = await describeNetworkInterfaces(
        deps.ctx,
        { accountId },
        {
          regionId: regionOf(params),
          ids: matchesNothing ? [] : nonEmpty(ids),
          instanceId: optStr(params, 'InstanceId'),
          vpcId: optStr(params, 'VpcId'),
          vswitchId: optStr(params, 'VSwitchId'),
          securityGroupId: optStr(params, 'SecurityGroupId'),
          type: type.value,
          status: status.value,
          primaryIp: optStr(params, 'PrimaryIpAddress'),
          privateIps: nonEmpty(params.list('PrivateIpAddress', { max: 100 })),
          ipv6Addresses: nonEmpty(params.list('Ipv6Address', { max: 100 })),
          name: optStr(params, 'NetworkInterfaceName'),
          tags: tagFilterOf(params, ECS_TAG_API_ERRORS),
          resourceGroupId: optStr(params, 'ResourceGroupId'),
          trafficMode: mode.value,
          ...pageOf(params, { maxPageSize: 1000, maxResults: 500 }),
        },
      )
      return {
        ...pageFields(result),
        ...wrap(
          'NetworkInterfaceSets',
          'NetworkInterfaceSet',
          result.items.map(toWireNetworkInterface),
        ),
      }
    },
  }
}
