// ListTagResources (ECS and VPC, extensions.md §1.3–§1.4): one row per (resource, tag) of the
// resources that match `ResourceId.N` and/or every `Tag.N`; unknown ids give no rows. Paged by
// row, 50 at most per page; `nextToken` is '' on the last page.
import type { TagInput, TaggableType } from '../domain/tags.js'
import { checkTagMatches } from '../domain/tags.js'
import type { ResourceTag } from '../storage/store.js'
import type { Caller, ServiceContext } from './context.js'
import { requireRegion } from './lookups.js'
import { runTransaction } from './run-transaction.js'
import type { TagApi } from './tag-apis.js'
import { TAG_APIS, checkResourceIds } from './tag-apis.js'

export const TAG_PAGE_SIZE = 50

export interface ListTagResourcesInput {
  readonly api: TagApi
  readonly regionId: string
  readonly resourceType: TaggableType
  readonly resourceIds: readonly string[]
  readonly tags: readonly TagInput[]
  readonly nextToken?: string | undefined
  /** 1–50 (VPC only; ECS always pages by 50) */
  readonly maxResults?: number | undefined
}

export async function listTagResources(
  ctx: ServiceContext,
  caller: Caller,
  input: ListTagResourcesInput,
): Promise<{ items: ResourceTag[]; nextToken: string }> {
  requireRegion(ctx, input.regionId)
  const rules = TAG_APIS[input.api]
  const ids = checkResourceIds(input.resourceIds, input.api, false)
  const tags = checkTagMatches(input.tags, rules.listErrors)
  if (ids.length === 0 && tags.length === 0) throw rules.nothingToList()
  return runTransaction(ctx, (tx) =>
    tx.listTagResources(
      caller.accountId,
      {
        regionId: input.regionId,
        resourceType: input.resourceType,
        resourceIds: ids.length > 0 ? ids : undefined,
        tags,
      },
      { after: input.nextToken, limit: input.maxResults ?? TAG_PAGE_SIZE },
    ),
  )
}
