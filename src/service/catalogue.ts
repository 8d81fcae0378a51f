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
