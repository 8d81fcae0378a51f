// What the shared SQL code needs from an engine: run a statement with `?` placeholders and get
// rows or a change count. Each adapter (sqlite/, postgres/) provides one per transaction.

export type SqlValue = string | number | null

export interface SqlConnection {
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>
  /**
   * Each row as an array of its values in select-list order: cheaper than `all` for long or wide
   * results (no object per row), so the hot reads use it. The select (or RETURNING) list is one
   * `Dialect.row(…)` of the columns.
   */
  rows(sql: string, params?: readonly SqlValue[]): Promise<unknown[][]>
  run(sql: string, params?: readonly SqlValue[]): Promise<number>
}

/** The few places where the engines' SQL differs. */
export interface Dialect {
  /** appended to a SELECT that must row-lock ('' where transactions are serial) */
  readonly forUpdate: string
  /** appended to a SELECT that must row-lock and skip rows other transactions hold */
  readonly forUpdateSkipLocked: string
  /**
   * How a query that looks hundreds of ids up in several tables names them: `values`, once, as a
   * `WITH ids(id) AS (VALUES …)` table each lookup joins (SQLite: one list instead of one per
   * lookup, a third cheaper); `in-list`, an `IN (…)` per lookup (PostgreSQL plans those as index
   * scans whatever the table's size, which a join on a VALUES table does not promise).
   */
  readonly idSet: 'values' | 'in-list'
  /**
   * The select list of a `rows` query, from its columns (`a, b, …`). SQLite packs each row into
   * one JSON array (`json_array`) that the adapter parses: better-sqlite3 makes a value for
   * every column of every row, which costs more than SQLite writing the row's JSON and V8
   * parsing it (a page of 500 ENIs: 1.2 ms against 0.8). PostgreSQL lists them (pg returns
   * arrays).
   */
  readonly row: (columns: string) => string
  /**
   * Whether a WITH clause may hold an INSERT, UPDATE or DELETE (PostgreSQL), so that one
   * statement, one round trip, writes two tables; SQLite runs the two statements (no round
   * trip to save).
   */
  readonly writesInWith: boolean
}

export type Row = Record<string, unknown>

export const num = (v: unknown): number => Number(v)
export const bool = (v: unknown): boolean => v === 1 || v === '1' || v === true
/** Column values are strings or numbers (never objects) in both drivers' rows. */
export const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? v.toString() : ''
export const strOrNull = (v: unknown): string | null => (v == null ? null : str(v))
export const date = (v: unknown): Date => new Date(Number(v))
export const dateOrNull = (v: unknown): Date | null => (v == null ? null : new Date(Number(v)))

const markLists: string[] = []

/** `?, ?, ?` for an IN list of n values (callers guarantee n ≥ 1); built once per n ≤ 1,000. */
export function marks(n: number): string {
  let list = markLists[n]
  if (list === undefined) {
    list = Array.from({ length: n }, () => '?').join(', ')
    if (n <= 1000) markLists[n] = list
  }
  return list
}
