// Tags beside the resources a Describe returns: one query per list, not one per resource.
import type { Tag, TaggableType, Tagged } from '../domain/tags.js'
import type { Tx } from '../storage/store.js'
import type { Caller } from './context.js'

/** `items` with each one's tags (by key), in the same order. */
export async function withTags<T extends { readonly id: string }>(
  tx: Tx,
  caller: Caller,
  type: TaggableType,
  items: readonly T[],
): Promise<(T & Tagged)[]> {
  const rows = await tx.tagsOf(
    caller.accountId,
    type,
    items.map((i) => i.id),
  )
  const byResource = new Map<string, Tag[]>()
  for (const r of rows) {
    const list = byResource.get(r.resourceId) ?? []
    list.push({ key: r.key, value: r.value })
    byResource.set(r.resourceId, list)
  }
  return items.map((i) => ({ ...i, tags: byResource.get(i.id) ?? [] }))
}

/** One resource with its tags. */
export async function withTagsOne<T extends { readonly id: string }>(
  tx: Tx,
  caller: Caller,
  type: TaggableType,
  item: T,
): Promise<T & Tagged> {
  const [tagged] = await withTags(tx, caller, type, [item])
  return tagged ?? { ...item, tags: [] }
}
