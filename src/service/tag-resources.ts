// TagResources (ECS and VPC, extensions.md §1.3–§1.4): sets tags on 1–50 resources of one type.
// An existing key gets the new value; a resource may carry at most 20 keys. All or nothing.
import type { TagInput, TaggableType } from '../domain/tags.js'
import { MAX_TAGS_PER_RESOURCE, checkTags, tagCountAfter } from '../domain/tags.js'
import type { Caller, ServiceContext } from './context.js'
import { requireRegion } from './lookups.js'
import { runTransaction } from './run-transaction.js'
import type { TagApi } from './tag-apis.js'
import { TAG_APIS, checkResourceIds, requireTaggable } from './tag-apis.js'

export interface TagResourcesInput {
  readonly api: TagApi
  readonly regionId: string
  readonly resourceType: TaggableType
  readonly resourceIds: readonly string[]
  readonly tags: readonly TagInput[]
}

export async function tagResources(
  ctx: ServiceContext,
  caller: Caller,
  input: TagResourcesInput,
): Promise<void> {
  requireRegion(ctx, input.regionId)
  const rules = TAG_APIS[input.api]
  const ids = checkResourceIds(input.resourceIds, input.api, true)
  if (input.tags.length === 0) throw rules.noTags()
  const tags = checkTags(input.tags, rules.tagErrors)
  await runTransaction(ctx, async (tx) => {
    await requireTaggable(tx, caller, input.api, input.regionId, input.resourceType, ids)
    await tx.lockAccount(caller.accountId) // serialises the per-resource count below
    for (const id of ids) {
      const existing = await tx.tagsOf(caller.accountId, input.resourceType, [id])
      const after = tagCountAfter(
        existing.map((t) => ({ key: t.key, value: t.value })),
        tags,
      )
      if (after > MAX_TAGS_PER_RESOURCE) throw rules.tagErrors.resourceQuota()
      await tx.putTags(caller.accountId, input.regionId, input.resourceType, id, tags)
    }
  })
}
