// Keyset (or offset) pagination over (created_at, id), with an exact TotalCount.
import { errors } from '../../domain/errors.js'
import type { Page, PageResult } from '../store.js'
import type { Dialect, Row, SqlConnection, SqlValue } from './sql-connection.js'
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

/**
 * One page of `table` under `w`, in (created_at, id) order, with the exact number of matches.
 * The count is skipped when the page itself shows it (a first page that holds every match).
 */
export async function pageQuery<T>(
  c: SqlConnection,
  table: string,
  w: Where,
  page: Page,
  map: (r: Row) => T,
): Promise<PageResult<T>> {
  return pageOf(w, page, map, {
    select: (filter, params) => c.all(`SELECT * FROM ${table} ${filter}`, params),
    key: (r) => [num(r['created_at']), str(r['id'])],
    count: (filter, params) => countOf(c, table, filter, params),
  })
}

/**
 * `pageQuery` reading only `columns` (which include `id` and `created_at`), each row an array
 * in that order: for the long pages of the hot lists. `count`, when given, answers the number
 * of matches without counting them (a counter the table's writes keep).
 */
export async function pageQueryRows<T>(
  c: SqlConnection,
  d: Dialect,
  table: string,
  columns: readonly string[],
  w: Where,
  page: Page,
  map: (r: unknown[]) => T,
  count?: () => Promise<number>,
): Promise<PageResult<T>> {
  const id = columns.indexOf('id')
  const createdAt = columns.indexOf('created_at')
  if (id < 0 || createdAt < 0) throw new Error('pageQueryRows needs id and created_at')
  const list = d.row(columns.join(', '))
  return pageOf(w, page, map, {
    select: (filter, params) => c.rows(`SELECT ${list} FROM ${table} ${filter}`, params),
    key: (r) => [num(r[createdAt]), str(r[id])],
    count: count ?? ((filter, params) => countOf(c, table, filter, params)),
  })
}

async function countOf(
  c: SqlConnection,
  table: string,
  filter: string,
  params: readonly SqlValue[],
): Promise<number> {
  const [row] = await c.all(`SELECT COUNT(*) AS n FROM ${table} ${filter}`, params)
  return num(row?.['n'] ?? 0)
}

interface PageReader<R> {
  /** `filter` is a WHERE clause (or ''), with ORDER BY/LIMIT/OFFSET after it */
  select(filter: string, params: readonly SqlValue[]): Promise<R[]>
  /** (created_at, id) of a row */
  key(r: R): [number, string]
  count(filter: string, params: readonly SqlValue[]): Promise<number>
}

async function pageOf<R, T>(
  w: Where,
  page: Page,
  map: (r: R) => T,
  read: PageReader<R>,
): Promise<PageResult<T>> {
  const clauses = [...w.clauses]
  const params = [...w.params]
  const after = page.after ? decodeToken(page.after) : undefined
  if (page.after && !after) throw errors.invalidParameter('NextToken')
  if (after) {
    // A row value, not `created_at > ? OR (created_at = ? AND id > ?)`: both engines seek the
    // (…, created_at, id) index to it, where the OR made SQLite walk the index from the first
    // match, every page of a walk costing more than the one before (page 180 of 200: 10 ms).
    clauses.push('(created_at, id) > (?, ?)')
    params.push(after.createdAt, after.id)
  }
  const pageFilter = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''
  const offset = after ? 0 : (page.offset ?? 0)
  const rows = await read.select(`${pageFilter} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
    ...params,
    page.limit + 1,
    offset,
  ])
  const more = rows.length > page.limit
  const pageRows = more ? rows.slice(0, page.limit) : rows
  const last = pageRows[pageRows.length - 1]
  const nextToken = more && last !== undefined ? encodeToken(...read.key(last)) : ''
  // A first page that is also the last holds every match: nothing left to count.
  const whole = after === undefined && offset === 0 && !more
  const filter = w.clauses.length > 0 ? `WHERE ${w.clauses.join(' AND ')}` : ''
  const totalCount = whole ? pageRows.length : await read.count(filter, w.params)
  return { items: pageRows.map(map), totalCount, nextToken }
}
