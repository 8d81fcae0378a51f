// DescribeVpcs (VPC 2016-04-28): `VpcId` takes up to 20 comma-separated ids; unknown ids are
// absent. No VPC here is a default VPC, so `IsDefault=true` matches nothing.
import { VPC_TAG_ERRORS } from '../../domain/tags.js'
import type { ServiceContext } from '../../service/context.js'
import { describeVpcs } from '../../service/vpc-operations.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { pageFields, wrap } from '../list-wrapper.js'
import {
  boolFilter,
  commaList,
  filtersOnAbsentFeature,
  optStr,
  pageOf,
  regionOf,
} from './shared/request-params.js'
import { tagFilterOf } from './shared/tag-params.js'
import { toWireVpc } from './wire/network-wire.js'

export function describeVpcsAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'DescribeVpcs',
    handler: async ({ params, accountId }) => {
      const caller = { accountId }
      const ids = commaList(params, 'VpcId', 20)
      const matchesNothing = filtersOnAbsentFeature(params, ['IsDefault'])
      const result = await describeVpcs(deps.ctx, caller, {
        regionId: regionOf(params),
        ids: matchesNothing ? [] : ids,
        name: optStr(params, 'VpcName'),
        tags: tagFilterOf(params, VPC_TAG_ERRORS),
        ipv6: boolFilter(params, 'EnableIpv6'),
        ...pageOf(params, { maxPageSize: 50 }),
      })
      return {
        ...pageFields(result, false),
        ...wrap(
          'Vpcs',
          'Vpc',
          result.items.map((vpc) => toWireVpc(vpc, vpc.vswitchIds)),
        ),
      }
    },
  }
}
