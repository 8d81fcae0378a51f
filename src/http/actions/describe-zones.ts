// DescribeZones (ECS 2014-05-26 and VPC 2016-04-28): the zones of one configured region, each
// offering every instance type. The VPC model reads `ZoneId`, `LocalName` and `ZoneType` of the
// same items; the ECS fields beside them are ignored by its SDK.
import { errors } from '../../domain/errors.js'
import type { ServiceContext } from '../../service/context.js'
import { describeInstanceTypes, describeRegions, describeZones } from '../../service/catalogue.js'
import type { VPC_VERSION } from '../action-registry.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { wrap } from '../list-wrapper.js'
import { regionOf } from './shared/request-params.js'
import { toWireZone } from './wire/catalogue-wire.js'

export function describeZonesAction(
  deps: { ctx: ServiceContext },
  version: typeof ECS_VERSION | typeof VPC_VERSION = ECS_VERSION,
): ActionDefinition {
  return {
    version,
    action: 'DescribeZones',
    handler: async ({ params }) => {
      const regionId = regionOf(params)
      const zones = describeZones(deps.ctx, { regionId })
      const region = describeRegions(deps.ctx).find((r) => r.regionId === regionId)
      if (region === undefined) throw errors.invalidRegionIdNotFound(regionId)
      const typeIds = describeInstanceTypes({}).map((t) => t.instanceTypeId)
      return wrap(
        'Zones',
        'Zone',
        zones.map((z) => toWireZone(region, z, typeIds)),
      )
    },
  }
}
