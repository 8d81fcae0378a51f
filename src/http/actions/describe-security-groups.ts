// DescribeSecurityGroups (ECS): `SecurityGroupId` (one) and/or `SecurityGroupIds` (a JSON array
// string, ≤ 100) select groups; unknown ids are absent. `Tag.N` filters with AND.
import { ECS_TAG_API_ERRORS } from '../../domain/tags.js'
import type { ServiceContext } from '../../service/context.js'
import { describeSecurityGroups } from '../../service/security-group-operations.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { pageFields, wrap } from '../list-wrapper.js'
import type { Params } from '../params.js'
import {
  filtersOnAbsentFeature,
  nonEmpty,
  optStr,
  pageOf,
  regionOf,
  rejectUnsupported,
} from './shared/request-params.js'
import { tagFilterOf } from './shared/tag-params.js'
import { toWireSecurityGroup } from './wire/security-group-wire.js'

export function describeSecurityGroupsAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DescribeSecurityGroups',
    handler: async ({ params, accountId }) => {
      const regionId = regionOf(params)
      rejectUnsupported(params, ['SecurityGroupType'])
      const matchesNothing = filtersOnAbsentFeature(params, ['ServiceManaged'])
      const result = await describeSecurityGroups(
        deps.ctx,
        { accountId },
        {
          regionId,
          vpcId: optStr(params, 'VpcId'),
          ids: matchesNothing ? [] : groupIdsOf(params),
          name: optStr(params, 'SecurityGroupName'),
          tags: tagFilterOf(params, ECS_TAG_API_ERRORS),
          ...pageOf(params, { maxPageSize: 50, maxResults: 100 }),
        },
      )
      return {
        RegionId: regionId,
        ...pageFields(result),
        ...wrap('SecurityGroups', 'SecurityGroup', result.items.map(toWireSecurityGroup)),
      }
    },
  }
}

function groupIdsOf(params: Params): string[] | undefined {
  const single = optStr(params, 'SecurityGroupId')
  const many = params.jsonList('SecurityGroupIds', { max: 100 })
  return nonEmpty(single === undefined ? many : [...new Set([single, ...many])])
}
