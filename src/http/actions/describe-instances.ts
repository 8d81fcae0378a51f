// DescribeInstances (ECS, eni-api.md §8.8): `InstanceIds` and `PrivateIpAddresses` are JSON
// array strings (≤ 100); unknown ids are absent. Filters on what no instance here has (public,
// EIP or classic addresses) match nothing. `Tag.N` filters with AND.
import { INSTANCE_STATUSES } from '../../domain/statuses.js'
import { ECS_TAG_API_ERRORS } from '../../domain/tags.js'
import type { ServiceContext } from '../../service/context.js'
import { describeInstances } from '../../service/describe-instances.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { pageFields, wrap } from '../list-wrapper.js'
import {
  enumFilter,
  filtersOnAbsentFeature,
  nonEmpty,
  optStr,
  pageOf,
  regionOf,
  rejectUnsupported,
} from './shared/request-params.js'
import { tagFilterOf } from './shared/tag-params.js'
import { toWireInstance } from './wire/instance-wire.js'

const ABSENT_FEATURES = ['InnerIpAddresses', 'PublicIpAddresses', 'EipAddresses']

export function describeInstancesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DescribeInstances',
    handler: async ({ params, accountId }) => {
      const ids = params.jsonList('InstanceIds', { max: 100 })
      const privateIps = params.jsonList('PrivateIpAddresses', { max: 100 })
      const status = enumFilter(params, 'Status', INSTANCE_STATUSES)
      const networkType = enumFilter(params, 'InstanceNetworkType', ['vpc'])
      rejectUnsupported(params, ['InstanceTypeFamily'])
      const matchesNothing =
        status.matchesNothing ||
        networkType.matchesNothing ||
        filtersOnAbsentFeature(params, ABSENT_FEATURES)
      const result = await describeInstances(
        deps.ctx,
        { accountId },
        {
          regionId: regionOf(params),
          ids: matchesNothing ? [] : nonEmpty(ids),
          vpcId: optStr(params, 'VpcId'),
          vswitchId: optStr(params, 'VSwitchId'),
          zoneId: optStr(params, 'ZoneId'),
          status: status.value,
          instanceType: optStr(params, 'InstanceType'),
          name: optStr(params, 'InstanceName'),
          securityGroupId: optStr(params, 'SecurityGroupId'),
          privateIps: nonEmpty(privateIps),
          tags: tagFilterOf(params, ECS_TAG_API_ERRORS),
          ...pageOf(params, { maxPageSize: 100, maxResults: 100 }),
        },
      )
      return {
        ...pageFields(result),
        ...wrap('Instances', 'Instance', result.items.map(toWireInstance)),
      }
    },
  }
}
