// Tags as each API spells them (extensions.md §1.2): ECS `TagKey`/`TagValue`, VPC `Key`/`Value`,
// both inside `Tags.Tag[]` (`{"Tag": []}` when there are none); and ListTagResources rows.
import type { WireEcsTag, WireVpcTag } from '../../../api/wire/list.js'
import type { Tag } from '../../../domain/tags.js'
import type { ResourceTag } from '../../../service/store-views.js'
import { wrap } from '../../list-wrapper.js'

/** One tag as ECS spells it. */
export const toWireEcsTag = (t: Tag): WireEcsTag => ({ TagKey: t.key, TagValue: t.value })

export function ecsTags(tags: readonly Tag[]): { Tags: { Tag: WireEcsTag[] } } {
  return wrap('Tags', 'Tag', tags.map(toWireEcsTag))
}

export function vpcTags(tags: readonly Tag[]): { Tags: { Tag: WireVpcTag[] } } {
  return wrap(
    'Tags',
    'Tag',
    tags.map((t) => ({ Key: t.key, Value: t.value })),
  )
}

export type WireTagResource = {
  ResourceId: string
  ResourceType: string
  TagKey: string
  TagValue: string
}

/** The ListTagResources body of both APIs; `NextToken` only while more rows remain. */
export function tagResourcesPage(
  page: { items: readonly ResourceTag[]; nextToken: string },
  resourceType: string,
): Record<string, unknown> {
  const rows: WireTagResource[] = page.items.map((r) => ({
    ResourceId: r.resourceId,
    ResourceType: resourceType,
    TagKey: r.key,
    TagValue: r.value,
  }))
  return {
    ...(page.nextToken !== '' ? { NextToken: page.nextToken } : {}),
    ...wrap('TagResources', 'TagResource', rows),
  }
}
