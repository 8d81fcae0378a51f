// UntagResources (ECS) / UnTagResources (VPC), extensions.md §1.3–§1.4: removes `TagKey.N` from
// 1–50 resources, or every tag with `All=true` (honoured only without `TagKey.N`). A key the
// resource does not carry is not an error.
import type { TaggableType } from '../domain/tags.js'
import { checkTagKeys, hasSystemPrefix } from '../domain/tags.js'
import { errors } from '../domain/errors.js'
import type { Caller, ServiceContext } from './context.js'
import { requireRegion } from './lookups.js'
import { runTransaction } from './run-transaction.js'
import type { TagApi } from './tag-apis.js'
import { TAG_APIS, checkResourceIds, requireTaggable } from './tag-apis.js'

export interface UntagResourcesInput {
  readonly api: TagApi
  readonly regionId: string
  readonly resourceType: TaggableType
  readonly resourceIds: readonly string[]
  readonly tagKeys: readonly string[]
  readonly all?: boolean | undefined
}

export async function untagResources(
  ctx: ServiceContext,
  caller: Caller,
  input: UntagResourcesInput,
): Promise<void> {
  requireRegion(ctx, input.regionId)
  const rules = TAG_APIS[input.api]
  const ids = checkResourceIds(input.resourceIds, input.api, true)
  const keys = checkTagKeys(input.tagKeys, rules.tagErrors)
  // VPC: system keys (aliyun…, acs:…) are not the caller's to remove.
  if (input.api === 'vpc' && keys.some(hasSystemPrefix)) throw errors.forbiddenTagKeys()
  if (keys.length === 0 && input.all !== true) throw rules.nothingToRemove()
  await runTransaction(ctx, async (tx) => {
    await requireTaggable(tx, caller, input.api, input.regionId, input.resourceType, ids)
    for (const id of ids) {
      await tx.deleteTags(
        caller.accountId,
        input.resourceType,
        id,
        keys.length > 0 ? keys : undefined,
      )
    }
  })
}
