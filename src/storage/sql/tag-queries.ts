// Tags: one row per (account, resource type, resource id, key). The `Tag.N` filters of the list
// queries are built here too (`addTagMatches`), so every resource filters the same way.
import { errors } from '../../domain/errors.js'
import type { TagMatch, TaggableType } from '../../domain/tags.js'
import type { ResourceTag, Tx } from '../store.js'
import type { Where } from './paging.js'
import { add, where } from './paging.js'
import type { Row, SqlConnection } from './sql-connection.js'
import { marks, str } from './sql-connection.js'

type TagQueries = Pick<Tx, 'putTags' | 'deleteTags' | 'tagsOf' | 'listTagResources'>

const toResourceTag = (r: Row): ResourceTag => ({
  resourceId: str(r['resource_id']),
  key: str(r['tag_key']),
  value: str(r['tag_value']),
})

/**
 * Adds one clause per pair: `column` must name a resource of `type` in `accountId` that carries
 * the key (with that value, when one is given). Pairs combine with AND.
 */
export function addTagMatches(
  w: Where,
  column: string,
  accountId: string,
  type: TaggableType,
  matches: readonly TagMatch[] | undefined,
): void {
  for (const m of matches ?? []) {
    const byValue = m.value === undefined ? '' : ' AND tag_value = ?'
    add(
      w,
      `${column} IN (SELECT resource_id FROM tags
        WHERE account_id = ? AND resource_type = ? AND tag_key = ?${byValue})`,
      accountId,
      type,
      m.key,
      ...(m.value === undefined ? [] : [m.value]),
    )
  }
}

/** Deletes every tag of one resource (called by the resource's own delete). */
export async function deleteTagsOfResource(
  c: SqlConnection,
  type: TaggableType,
  resourceId: string,
): Promise<void> {
  await c.run('DELETE FROM tags WHERE resource_type = ? AND resource_id = ?', [type, resourceId])
}

function encodeToken(row: ResourceTag): string {
  return Buffer.from(JSON.stringify([row.resourceId, row.key])).toString('base64url')
}

function decodeToken(token: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString())
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string'
    ) {
      return [parsed[0], parsed[1]]
    }
  } catch {
    // not a token this store issued
  }
  throw errors.invalidParameter('NextToken')
}

export function tagQueries(c: SqlConnection): TagQueries {
  return {
    async putTags(accountId, regionId, type, resourceId, tags) {
      for (const t of tags) {
        await c.run(
          `INSERT INTO tags (account_id, resource_type, resource_id, tag_key, tag_value, region_id)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (account_id, resource_type, resource_id, tag_key)
            DO UPDATE SET tag_value = excluded.tag_value`,
          [accountId, type, resourceId, t.key, t.value, regionId],
        )
      }
    },
    async deleteTags(accountId, type, resourceId, keys) {
      const base = 'DELETE FROM tags WHERE account_id = ? AND resource_type = ? AND resource_id = ?'
      if (keys === undefined) return c.run(base, [accountId, type, resourceId])
      if (keys.length === 0) return 0
      return c.run(`${base} AND tag_key IN (${marks(keys.length)})`, [
        accountId,
        type,
        resourceId,
        ...keys,
      ])
    },
    async tagsOf(accountId, type, resourceIds) {
      if (resourceIds.length === 0) return []
      const rows = await c.all(
        `SELECT resource_id, tag_key, tag_value FROM tags
          WHERE account_id = ? AND resource_type = ? AND resource_id IN (${marks(resourceIds.length)})
          ORDER BY resource_id, tag_key`,
        [accountId, type, ...resourceIds],
      )
      return rows.map(toResourceTag)
    },
    async listTagResources(accountId, f, page) {
      const w = where()
      add(w, 'account_id = ?', accountId)
      add(w, 'resource_type = ?', f.resourceType)
      add(w, 'region_id = ?', f.regionId)
      if (f.resourceIds) {
        const ids = f.resourceIds
        add(w, ids.length ? `resource_id IN (${marks(ids.length)})` : '1 = 0', ...ids)
      }
      addTagMatches(w, 'resource_id', accountId, f.resourceType, f.tags)
      if (page.after !== undefined && page.after !== '') {
        const [id, key] = decodeToken(page.after)
        // a row value: an index seek on both engines (paging.ts)
        add(w, '(resource_id, tag_key) > (?, ?)', id, key)
      }
      const rows = await c.all(
        `SELECT resource_id, tag_key, tag_value FROM tags WHERE ${w.clauses.join(' AND ')}
          ORDER BY resource_id, tag_key LIMIT ?`,
        [...w.params, page.limit + 1],
      )
      const items = rows.slice(0, page.limit).map(toResourceTag)
      const last = items[items.length - 1]
      const nextToken = rows.length > page.limit && last ? encodeToken(last) : ''
      return { items, nextToken }
    },
  }
}
