// Keyset (or offset) pagination over (created_at, id), with an exact TotalCount.
import { errors } from '../../domain/errors.js'
import type { Page, PageResult } from '../store.js'
import type { Row, SqlConnection, SqlValue } from './sql-connection.js'
import { num, str } from './sql-connection.js'

export interface Where {
  readonly clauses: string[]
  readonly params: SqlValue[]
}

export const where = (): Where => ({ clauses: [], params: [] })

export function add(w: Where, clause: string, ...params: SqlValue[]): void {
  w.clauses.push(clause)
  w.params.push(...params)
}

function encodeToken(createdAt: number, id: string): string {
  return Buffer.from(`${createdAt}|${id}`).toString('base64url')
}

function decodeToken(token: string): { createdAt: number; id: string } | undefined {
  const text = Buffer.from(token, 'base64url').toString()
  const bar = text.indexOf('|')
  const createdAt = Number(text.slice(0, bar))
  if (bar < 1 || !Number.isSafeInteger(createdAt)) return undefined
  return { createdAt, id: text.slice(bar + 1) }
}

export async function pageQuery<T>(
  c: SqlConnection,
  table: string,
  w: Where,
  page: Page,
  map: (r: Row) => T,
): Promise<PageResult<T>> {
  const filter = w.clauses.length > 0 ? `WHERE ${w.clauses.join(' AND ')}` : ''
  const [countRow] = await c.all(`SELECT COUNT(*) AS n FROM ${table} ${filter}`, w.params)
  const totalCount = num(countRow?.['n'] ?? 0)

  const clauses = [...w.clauses]
  const params = [...w.params]
  const after = page.after ? decodeToken(page.after) : undefined
  if (page.after && !after) throw errors.invalidParameter('NextToken')
  if (after) {
    clauses.push('(created_at > ? OR (created_at = ? AND id > ?))')
    params.push(after.createdAt, after.createdAt, after.id)
  }
  const pageFilter = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''
  const offset = after ? 0 : (page.offset ?? 0)
  const rows = await c.all(
    `SELECT * FROM ${table} ${pageFilter} ORDER BY created_at, id LIMIT ? OFFSET ?`,
    [...params, page.limit + 1, offset],
  )
  const more = rows.length > page.limit
  const pageRows = more ? rows.slice(0, page.limit) : rows
  const last = pageRows[pageRows.length - 1]
  const nextToken = more && last ? encodeToken(num(last['created_at']), str(last['id'])) : ''
  return { items: pageRows.map(map), totalCount, nextToken }
}
