// DescribeRegions (ECS): the configured regions. `RegionEndpoint` is the endpoint callers should
// use for a region; the composition root can point it at this server.
import type { Region } from '../../domain/regions.js'
import type { ServiceContext } from '../../service/context.js'
import { describeRegions } from '../../service/catalogue.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { wrap } from '../list-wrapper.js'
import { toWireRegion } from './wire/catalogue-wire.js'

export interface DescribeRegionsDeps {
  readonly ctx: ServiceContext
  /** Default: Alibaba's public host, `ecs.<region>.aliyuncs.com`. */
  readonly regionEndpoint?: (region: Region) => string
}

const publicEndpoint = (region: Region): string => `ecs.${region.regionId}.aliyuncs.com`

export function describeRegionsAction(deps: DescribeRegionsDeps): ActionDefinition {
  const endpoint = deps.regionEndpoint ?? publicEndpoint
  return {
    version: ECS_VERSION,
    action: 'DescribeRegions',
    handler: async () => {
      const regions = describeRegions(deps.ctx)
      return wrap(
        'Regions',
        'Region',
        regions.map((r) => toWireRegion(r, endpoint(r))),
      )
    },
  }
}
