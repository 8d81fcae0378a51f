// ENIs as the Store returns them (EniView): the `enis` row, the attached instance's type, and the
// ENI's children: security groups, private IPs, IPv4 /28 prefixes, IPv6 addresses, IPv6 /80
// prefixes (and, for listEnis, tags). However many ENIs a read returns (one for getEni, 500 for a
// page), their children come in one query: a UNION ALL with one branch per table of children,
// each row tagged with its kind, never a query per ENI or per kind. Another kind of child is one
// more branch here and one more field below. Rows are read as arrays (`rows`).
import type { TrafficMode } from '../../domain/eni-traffic.js'
import { defaultResourceGroupId } from '../../domain/resource-group.js'
import type { EniView, PrivateIp } from '../../domain/resources.js'
import type { EniStatus, EniType } from '../../domain/statuses.js'
import type { Tag, Tagged } from '../../domain/tags.js'
import type { Dialect, SqlConnection, SqlValue } from './sql-connection.js'
import { bool, date, marks, num, str, strOrNull } from './sql-connection.js'

/** The select list of every ENI read, in the order `toEniView` reads it. */
export const ENI_COLUMNS = [
  'id',
  'account_id',
  'region_id',
  'zone_id',
  'vpc_id',
  'vswitch_id',
  'eni_type',
  'status',
  'mac_address',
  'primary_ip',
  'name',
  'description',
  'instance_id',
  'device_index',
  'delete_on_release',
  'source_dest_check',
  'created_at',
  'traffic_mode',
  'resource_group_id',
  'queue_number',
  'queue_pair_number',
  // the attached instance's type, looked up by primary key (null when not attached)
  '(SELECT instance_type FROM instances WHERE instances.id = enis.instance_id)',
] as const

export const ENI_SELECT = ENI_COLUMNS.join(', ')

/**
 * The select list of a Describe page: ENI_COLUMNS, but the account and region, which the page's
 * filter fixes, are not read from each of its 500 rows (taggedEnisOfRows fills them in).
 */
export const ENI_LIST_COLUMNS: readonly string[] = ENI_COLUMNS.map((c) =>
  c === 'account_id' || c === 'region_id' ? 'NULL' : c,
)

/** The account and region every row of a read shares, when its filter fixes them. */
interface Scope {
  readonly accountId: string
  readonly regionId: string
}

/** One object per ENI, children included (no copy of a bare Eni). */
function toEniView(r: readonly unknown[], children: Children, scope?: Scope): EniView {
  const accountId = scope?.accountId ?? str(r[1])
  return {
    id: str(r[0]),
    accountId,
    regionId: scope?.regionId ?? str(r[2]),
    zoneId: str(r[3]),
    vpcId: str(r[4]),
    vswitchId: str(r[5]),
    type: str(r[6]) as EniType,
    status: str(r[7]) as EniStatus,
    macAddress: str(r[8]),
    primaryIp: str(r[9]),
    name: str(r[10]),
    description: str(r[11]),
    instanceId: strOrNull(r[12]),
    deviceIndex: r[13] == null ? null : num(r[13]),
    deleteOnRelease: bool(r[14]),
    sourceDestCheck: bool(r[15]),
    createdAt: date(r[16]),
    trafficMode: str(r[17]) as TrafficMode,
    // an ENI from before migration 3 has no group: its account's default (extensions.md §7)
    resourceGroupId: strOrNull(r[18]) ?? defaultResourceGroupId(accountId),
    queueNumber: r[19] == null ? null : num(r[19]),
    queuePairNumber: r[20] == null ? null : num(r[20]),
    securityGroupIds: children.securityGroupIds,
    privateIps: children.privateIps,
    ipv6Addresses: children.ipv6Addresses,
    ipv4Prefixes: children.ipv4Prefixes,
    ipv6Prefixes: children.ipv6Prefixes,
    attachedInstanceType: strOrNull(r[21]),
  }
}

// The kinds of child, in the order the query sorts them (a primary address before the others).
const SECURITY_GROUP = 0
const PRIMARY_IP = 1
const PRIVATE_IP = 2
const IPV4_PREFIX = 3
const IPV6_ADDRESS = 4
const IPV6_PREFIX = 5
const TAG = 6

/**
 * Every child of the ENIs: (eni, kind, value, value2), sorted so that each ENI's children of one
 * kind come in their own order: security groups by position; single private IPs primary first
 * (a kind of its own), then in assignment order (seq), then by address; a /28 prefix (its 16
 * rows, `prefix` set) at its first row's place, then by prefix; IPv6 addresses and /80 prefixes
 * in assignment order; tags (when asked for, the account's parameter after the ids) by key.
 * The n ids are named as the dialect prefers (`idSet`): once, as a VALUES table that numbers
 * them, each row then naming its ENI by that number (no ENI id string per row to make, nor to
 * look up); or once per branch, each row naming its ENI by id. Only the four columns are read:
 * the sort keys stay inside.
 */
function childrenSql(d: Dialect, n: number, withTags: boolean): string {
  const values = d.idSet === 'values'
  // `of(table, column)`: the FROM and WHERE that keep the rows of `table` whose `column` is one
  // of the ids: looked up for each row of the VALUES table (CROSS JOIN fixes that order in
  // SQLite, so an index on `column` serves, never a scan of the account's rows), or filtered by
  // an IN list.
  const m = marks(n)
  const of = (table: string, column: string, also = '') =>
    values
      ? `FROM ids CROSS JOIN ${table} t WHERE t.${column} = ids.id${also}`
      : `FROM ${table} t WHERE t.${column} IN (${m})${also}`
  const eni = (column: string) => (values ? 'ids.n' : `t.${column}`)
  const branches = [
    `SELECT ${eni('eni_id')} AS eni, ${SECURITY_GROUP} AS kind, t.sg_id AS v, NULL AS v2,
        t.position AS ord ${of('eni_security_groups', 'eni_id')}`,
    `SELECT ${eni('eni_id')}, CASE WHEN t.prefix IS NOT NULL THEN ${IPV4_PREFIX}
        WHEN t.is_primary = 1 THEN ${PRIMARY_IP} ELSE ${PRIVATE_IP} END,
        COALESCE(t.prefix, t.address), NULL, t.seq ${of('private_ips', 'eni_id')}`,
    `SELECT ${eni('eni_id')}, ${IPV6_ADDRESS}, t.address, NULL, t.seq ${of('ipv6_addresses', 'eni_id')}`,
    `SELECT ${eni('eni_id')}, ${IPV6_PREFIX}, t.block, NULL, t.seq ${of('ipv6_blocks', 'eni_id')}`,
  ]
  if (withTags) {
    // The account and type too: the tags primary key leads with them.
    const mine = ` AND t.account_id = ? AND t.resource_type = 'eni'`
    branches.push(
      `SELECT ${eni('resource_id')}, ${TAG}, t.tag_key, t.tag_value, 0 ${of('tags', 'resource_id', mine)}`,
    )
  }
  // (0, ?), (1, ?), …: each id with its place
  const table = values
    ? `WITH ids(n, id) AS (VALUES ${Array.from({ length: n }, (_, i) => `(${i}, ?)`).join(', ')}) `
    : ''
  return `${table}SELECT ${d.row('eni, kind, v, v2')} FROM (${branches.join(' UNION ALL ')}) children
    ORDER BY kind, ord, v`
}

/**
 * The texts built so far, by dialect, count and tags: the same string object each time, which
 * the adapters' statement caches find without hashing a new one of a thousand characters.
 */
const childrenTexts = new Map<string, string>()

function childrenQuery(
  d: Dialect,
  ids: readonly string[],
  tagsOf: string | undefined,
): { sql: string; params: SqlValue[] } {
  const key = `${d.idSet} ${ids.length} ${tagsOf !== undefined}`
  let sql = childrenTexts.get(key)
  if (sql === undefined) {
    sql = childrenSql(d, ids.length, tagsOf !== undefined)
    if (childrenTexts.size < 4096) childrenTexts.set(key, sql)
  }
  const params: SqlValue[] = []
  const lists = d.idSet === 'values' ? 1 : tagsOf !== undefined ? 5 : 4
  for (let i = 0; i < lists; i++) params.push(...ids)
  if (tagsOf !== undefined) params.push(tagsOf)
  return { sql, params }
}

interface Children {
  securityGroupIds: string[]
  privateIps: PrivateIp[]
  ipv4Prefixes: string[]
  ipv6Addresses: string[]
  ipv6Prefixes: string[]
  tags: Tag[]
}

/** The children of each of `ids`, in the same order. */
async function childrenOf(
  c: SqlConnection,
  d: Dialect,
  ids: readonly string[],
  tagsOf: string | undefined,
): Promise<Children[]> {
  const all: Children[] = ids.map(() => ({
    securityGroupIds: [],
    privateIps: [],
    ipv4Prefixes: [],
    ipv6Addresses: [],
    ipv6Prefixes: [],
    tags: [],
  }))
  // Rows name their ENI by its place in `ids` (VALUES), or by id (IN lists).
  let byId: Map<string, Children> | undefined
  if (d.idSet !== 'values') {
    byId = new Map()
    for (const [i, id] of ids.entries()) byId.set(id, all[i]!)
  }
  const q = childrenQuery(d, ids, tagsOf)
  for (const r of await c.rows(q.sql, q.params)) {
    const children = byId === undefined ? all[num(r[0])] : byId.get(str(r[0]))
    if (children === undefined) continue
    const kind = num(r[1])
    const v = str(r[2])
    if (kind === SECURITY_GROUP) children.securityGroupIds.push(v)
    else if (kind === PRIMARY_IP) children.privateIps.push({ address: v, primary: true })
    else if (kind === PRIVATE_IP) children.privateIps.push({ address: v, primary: false })
    else if (kind === IPV4_PREFIX) {
      // a /28's 16 rows: the first (in this order) places it
      const list = children.ipv4Prefixes
      if (!list.includes(v)) list.push(v)
    } else if (kind === IPV6_ADDRESS) children.ipv6Addresses.push(v)
    else if (kind === IPV6_PREFIX) children.ipv6Prefixes.push(v)
    else if (kind === TAG) children.tags.push({ key: v, value: str(r[3]) })
  }
  return all
}

/** The ENIs of `rows` (ENI_COLUMNS order) with their children, in the same order. */
export async function enisOfRows(
  c: SqlConnection,
  d: Dialect,
  rows: readonly (readonly unknown[])[],
): Promise<EniView[]> {
  if (rows.length === 0) return []
  const children = await childrenOf(
    c,
    d,
    rows.map((r) => str(r[0])),
    undefined,
  )
  return rows.map((r, i) => toEniView(r, children[i]!))
}

/**
 * enisOfRows with each ENI's tags too (in the same query), for the Describe page: rows in
 * ENI_LIST_COLUMNS order, all of the account and region of `scope`.
 */
export async function taggedEnisOfRows(
  c: SqlConnection,
  d: Dialect,
  scope: Scope,
  rows: readonly (readonly unknown[])[],
): Promise<(EniView & Tagged)[]> {
  if (rows.length === 0) return []
  const children = await childrenOf(
    c,
    d,
    rows.map((r) => str(r[0])),
    scope.accountId,
  )
  return rows.map((r, i) => {
    const of = children[i]!
    // the fresh view gains a field: no copy
    return Object.assign(toEniView(r, of, scope), { tags: of.tags })
  })
}
