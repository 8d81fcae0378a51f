// The read-only catalogue: instance types, images, regions, zones.
import { errors } from '../domain/errors.js'
import type { Image } from '../domain/images.js'
import { IMAGES } from '../domain/images.js'
import type { InstanceType } from '../domain/instance-types.js'
import { INSTANCE_TYPES } from '../domain/instance-types.js'
import type { Region } from '../domain/regions.js'
import type { ServiceContext } from './context.js'
import { requireRegion } from './lookups.js'

export function describeInstanceTypes(input: {
  instanceTypes?: readonly string[] | undefined
  family?: string | undefined
}): InstanceType[] {
  if ((input.instanceTypes?.length ?? 0) > 10) throw errors.invalidParameter('InstanceTypes.N')
  return INSTANCE_TYPES.filter(
    (t) =>
      (input.instanceTypes === undefined ||
        input.instanceTypes.length === 0 ||
        input.instanceTypes.includes(t.instanceTypeId)) &&
      (input.family === undefined || t.family === input.family),
  )
}

export interface InstanceTypePage {
  readonly items: InstanceType[]
  /** `''` on the last page */
  readonly nextToken: string
}

const TYPE_TOKEN = /^it(\d{1,6})$/

/**
 * One page of the (static, ordered) catalogue: `maxResults` types (default 1600, the API's)
 * after the position `nextToken` names. A token this server did not issue → InvalidParameter.
 */
export function pageInstanceTypes(
  types: readonly InstanceType[],
  input: { maxResults?: number | undefined; nextToken?: string | undefined },
): InstanceTypePage {
  let start = 0
  if (input.nextToken !== undefined && input.nextToken !== '') {
    const match = TYPE_TOKEN.exec(input.nextToken)
    start = match?.[1] === undefined ? -1 : Number(match[1])
    if (start <= 0 || start >= types.length) throw errors.invalidParameter('NextToken')
  }
  const end = start + (input.maxResults ?? 1600)
  return {
    items: types.slice(start, end),
    nextToken: end < types.length ? `it${end}` : '',
  }
}

export function describeImages(
  ctx: ServiceContext,
  input: { regionId: string; imageIds?: readonly string[] | undefined },
): Image[] {
  requireRegion(ctx, input.regionId)
  const ids = input.imageIds
  return IMAGES.filter((i) => ids === undefined || ids.length === 0 || ids.includes(i.imageId))
}

export function describeRegions(ctx: ServiceContext): readonly Region[] {
  return ctx.regions
}

export function describeZones(ctx: ServiceContext, input: { regionId: string }): readonly string[] {
  return requireRegion(ctx, input.regionId).zones
}
