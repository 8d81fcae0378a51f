// DescribeRegions (ECS 2014-05-26 and VPC 2016-04-28): the configured regions, same items in
// both. `RegionEndpoint` is the endpoint callers should use for a region: Alibaba's public host
// of that product by default; the composition root can point it at this server.
import type { Region } from '../../domain/regions.js'
import type { ServiceContext } from '../../service/context.js'
import { describeRegions } from '../../service/catalogue.js'
import { ECS_VERSION, VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { wrap } from '../list-wrapper.js'
import { toWireRegion } from './wire/catalogue-wire.js'

export interface DescribeRegionsDeps {
  readonly ctx: ServiceContext
  /** Default: Alibaba's public host, `ecs.<region>.aliyuncs.com` (`vpc.…` for VPC). */
  readonly regionEndpoint?: (region: Region) => string
}

export function describeRegionsAction(
  deps: DescribeRegionsDeps,
  version: typeof ECS_VERSION | typeof VPC_VERSION = ECS_VERSION,
): ActionDefinition {
  const product = version === VPC_VERSION ? 'vpc' : 'ecs'
  const endpoint =
    deps.regionEndpoint ?? ((region: Region) => `${product}.${region.regionId}.aliyuncs.com`)
  return {
    version,
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
