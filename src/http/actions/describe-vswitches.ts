// DescribeVSwitches (VPC 2016-04-28, eni-api.md §8.3): `RegionId` and/or `VpcId`; `VSwitchId`
// takes up to 20 comma-separated ids. `AvailableIpAddressCount` is exact (Terway picks the
// vSwitch with the most free addresses by it).
import { VPC_TAG_ERRORS } from '../../domain/tags.js'
import type { ServiceContext } from '../../service/context.js'
import { describeVSwitches } from '../../service/vswitch-operations.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { pageFields, wrap } from '../list-wrapper.js'
import {
  boolFilter,
  commaList,
  filtersOnAbsentFeature,
  optStr,
  pageOf,
} from './shared/request-params.js'
import { tagFilterOf } from './shared/tag-params.js'
import { toWireVSwitch } from './wire/network-wire.js'

export function describeVSwitchesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'DescribeVSwitches',
    handler: async ({ params, accountId }) => {
      const caller = { accountId }
      const ids = commaList(params, 'VSwitchId', 20)
      const matchesNothing = filtersOnAbsentFeature(params, ['IsDefault'])
      const result = await describeVSwitches(deps.ctx, caller, {
        regionId: optStr(params, 'RegionId'),
        vpcId: optStr(params, 'VpcId'),
        ids: matchesNothing ? [] : ids,
        zoneId: optStr(params, 'ZoneId'),
        name: optStr(params, 'VSwitchName'),
        tags: tagFilterOf(params, VPC_TAG_ERRORS),
        ipv6: boolFilter(params, 'EnableIpv6'),
        ...pageOf(params, { maxPageSize: 50 }),
      })
      return {
        ...pageFields(result, false),
        ...wrap(
          'VSwitches',
          'VSwitch',
          result.items.map((v) => toWireVSwitch(v, v.routeTableId)),
        ),
      }
    },
  }
}
