// The two tag APIs (ECS 2014-05-26 and VPC 2016-04-28, extensions.md §1.3–§1.4) share one
// behaviour and differ in their error codes and in the resource types they reach.
import type { ApiError } from '../domain/errors.js'
import { errors } from '../domain/errors.js'
import type { TagErrors, TaggableType } from '../domain/tags.js'
import { ECS_TAG_API_ERRORS, MAX_TAG_RESOURCE_IDS, VPC_TAG_ERRORS } from '../domain/tags.js'
import type { Tx } from '../storage/store.js'
import type { Caller } from './context.js'

export type TagApi = 'ecs' | 'vpc'

interface TagApiRules {
  /** TagResources / UntagResources tag lists */
  readonly tagErrors: TagErrors
  /** ListTagResources `Tag.N` filters */
  readonly listErrors: TagErrors
  readonly resourceNotFound: () => ApiError
  readonly tooManyResources: () => ApiError
  readonly noResources: () => ApiError
  readonly noTags: () => ApiError
  /** UntagResources with neither `TagKey.N` nor `All=true` */
  readonly nothingToRemove: () => ApiError
  /** ListTagResources with neither `ResourceId.N` nor `Tag.N` */
  readonly nothingToList: () => ApiError
  /** a resource of another product (ECS cannot tag a VPC, …) */
  readonly notSupported: (id: string) => ApiError | undefined
}

/** Id prefixes of resources only the VPC API tags (or nothing here tags). */
const NOT_ECS_PREFIXES = ['vpc-', 'vsw-', 'vrt-', 'vtb-']

export const TAG_APIS: Record<TagApi, TagApiRules> = {
  ecs: {
    tagErrors: ECS_TAG_API_ERRORS,
    listErrors: { ...ECS_TAG_API_ERRORS, valueWithoutKey: () => errors.invalidParameterTagValue() },
    resourceNotFound: () => errors.invalidResourceIdNotFound(),
    tooManyResources: () => errors.numberExceedResourceIds(),
    noResources: () => errors.missingParameter('ResourceId.N'),
    noTags: () => errors.missingParameterTags(),
    nothingToRemove: () => errors.invalidTagCount(),
    nothingToList: () => errors.missingParameter('ResourceId.N'),
    notSupported: (id) =>
      NOT_ECS_PREFIXES.some((p) => id.startsWith(p))
        ? errors.invalidResourceIdNotSupported()
        : undefined,
  },
  vpc: {
    tagErrors: VPC_TAG_ERRORS,
    listErrors: VPC_TAG_ERRORS,
    resourceNotFound: () => errors.invalidVpcResourceIds(),
    tooManyResources: () => errors.sizeLimitExceededResourceId(),
    noResources: () => errors.missingParameter('ResourceId.N'),
    noTags: () => errors.missingParameter('Tag.N'),
    nothingToRemove: () => errors.missingParameter('TagKey.N'),
    nothingToList: () => errors.bothEmptyTagsAndResources(),
    notSupported: () => undefined,
  },
}

/** `ResourceId.N`: 1–50 (more → the API's error), duplicates collapse. */
export function checkResourceIds(ids: readonly string[], api: TagApi, required: boolean): string[] {
  const rules = TAG_APIS[api]
  if (ids.length > MAX_TAG_RESOURCE_IDS) throw rules.tooManyResources()
  if (required && ids.length === 0) throw rules.noResources()
  return [...new Set(ids)]
}

async function exists(
  tx: Tx,
  caller: Caller,
  regionId: string,
  type: TaggableType,
  id: string,
): Promise<boolean> {
  const a = caller.accountId
  switch (type) {
    case 'eni':
      return (await tx.getEni(a, id))?.regionId === regionId
    case 'instance':
      return (await tx.getInstance(a, id))?.regionId === regionId
    case 'securitygroup':
      return (await tx.getSecurityGroups(a, [id]))[0]?.regionId === regionId
    case 'vpc':
      return (await tx.getVpc(a, id))?.regionId === regionId
    case 'vswitch':
      return (await tx.getVSwitch(a, id))?.regionId === regionId
  }
}

/** Every id names a resource of `type` of the caller in `regionId`, else the API's NotFound. */
export async function requireTaggable(
  tx: Tx,
  caller: Caller,
  api: TagApi,
  regionId: string,
  type: TaggableType,
  ids: readonly string[],
): Promise<void> {
  const rules = TAG_APIS[api]
  for (const id of ids) {
    const unsupported = rules.notSupported(id)
    if (unsupported) throw unsupported
    if (!(await exists(tx, caller, regionId, type, id))) throw rules.resourceNotFound()
  }
}
