// DescribeZones (ECS): the zones of one region, each offering every instance type.
import { errors } from '../../domain/errors.js'
import type { ServiceContext } from '../../service/context.js'
import { describeInstanceTypes, describeRegions, describeZones } from '../../service/catalogue.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { wrap } from '../list-wrapper.js'
import { regionOf } from './shared/request-params.js'
import { toWireZone } from './wire/catalogue-wire.js'

export function describeZonesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
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
