// DescribeImages (ECS): the system image catalogue. `ImageId` takes comma-separated ids;
// `OSType` and `ImageOwnerAlias` filter (every image here is a `system` image). Paged in memory.
import type { Image } from '../../domain/images.js'
import type { ServiceContext } from '../../service/context.js'
import { describeImages } from '../../service/catalogue.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { wrap } from '../list-wrapper.js'
import type { Params } from '../params.js'
import { commaList, enumFilter, optStr, regionOf } from './shared/request-params.js'
import { toWireImage } from './wire/catalogue-wire.js'

const DEFAULT_PAGE_SIZE = 10

export function describeImagesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DescribeImages',
    handler: async ({ params }) => {
      const regionId = regionOf(params)
      const pageNumber = params.int('PageNumber', { min: 1 }) ?? 1
      const pageSize = params.int('PageSize', { min: 1, max: 100 }) ?? DEFAULT_PAGE_SIZE
      const matches = filterOf(params)
      const images = describeImages(deps.ctx, {
        regionId,
        imageIds: commaList(params, 'ImageId', 100),
      }).filter(matches)
      const start = (pageNumber - 1) * pageSize
      return {
        RegionId: regionId,
        TotalCount: images.length,
        PageNumber: pageNumber,
        PageSize: pageSize,
        ...wrap('Images', 'Image', images.slice(start, start + pageSize).map(toWireImage)),
      }
    },
  }
}

function filterOf(params: Params): (image: Image) => boolean {
  const osType = optStr(params, 'OSType')
  const owner = enumFilter(params, 'ImageOwnerAlias', ['system'])
  return (image) =>
    !owner.matchesNothing && (osType === undefined || image.osType === osType.toLowerCase())
}
