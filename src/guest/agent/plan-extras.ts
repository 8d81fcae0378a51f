// The IPv6 and prefix half of the reconcile decision, with the IPv4 half's safety rules (spec
// §15.3): only what this agent added is ever removed (ownership in the ledger), and only after it
// was missing from `confirm` consecutive good reads; an address or prefix that someone else put
// there is left alone. IPv6 addresses are added with `nodad`; a delegated prefix is a local range
// on the ENI's interface. A secondary ENI also gets its IPv6 table routes (default via the ENI's
// `ipv6-gateway`, the /64) and rules `from <addr>/128` and `from <prefix>` in its slot.
import type { Action } from './action.js'
import type { EniLedger } from './ledger.js'
import type { Observation, ObservedLink } from './observe.js'
import type { PolicySlot } from './plan-policy.js'
import type { EniMetadata } from './read-metadata.js'

export interface ExtrasLedger {
  readonly owned6: readonly string[]
  readonly absent6: Readonly<Record<string, number>>
  readonly ownedPrefixes: readonly string[]
  readonly absentPrefixes: Readonly<Record<string, number>>
}

export interface ExtrasPlan {
  readonly removals: Action[]
  readonly additions: Action[]
  /** IPv6 table routes of a secondary ENI (before the additions) */
  readonly routes: Action[]
  /** rules to add after the additions, and stale ones to drop first */
  readonly rules: Action[]
  readonly staleRules: Action[]
  readonly notes: string[]
  readonly pending: number
  readonly entry: ExtrasLedger
}

interface Debounced {
  readonly keep: Set<string>
  readonly absent: Record<string, number>
  readonly remove: string[]
  readonly notes: string[]
  pending: number
}

/** The shared debounce: owned items no longer desired are removed after `confirm` reads. */
function debounce(
  what: string,
  eniId: string,
  owned: readonly string[],
  desired: ReadonlySet<string>,
  present: (item: string) => boolean,
  absentBefore: Readonly<Record<string, number>>,
  confirm: number,
): Debounced {
  const out: Debounced = { keep: new Set(), absent: {}, remove: [], notes: [], pending: 0 }
  for (const item of owned) {
    if (desired.has(item)) {
      out.keep.add(item)
      continue
    }
    if (!present(item)) continue // gone already: nothing to answer for
    const count = (absentBefore[item] ?? 0) + 1
    if (count < confirm) {
      out.keep.add(item)
      out.absent[item] = count
      out.pending++
      out.notes.push(`${eniId}: ${what} ${item} revoked (${count}/${confirm}), removal pending`)
      continue
    }
    out.remove.push(item)
  }
  return out
}

export function planExtras(
  eni: EniMetadata,
  link: ObservedLink,
  before: EniLedger | undefined,
  confirm: number,
  observed: Observation,
  slot: PolicySlot | undefined,
): ExtrasPlan {
  const ifname = link.ifname
  const sameMac = before !== undefined && before.mac === eni.mac
  const onLink6 = new Map((link.addresses6 ?? []).map((a) => [a.ip, a.prefixLength]))
  const desired6 = new Set(eni.ipv6Addresses ?? [])
  const v6 = debounce(
    'IPv6',
    eni.eniId,
    sameMac ? (before.owned6 ?? []) : [],
    desired6,
    (ip) => onLink6.has(ip),
    sameMac ? (before.absent6 ?? {}) : {},
    confirm,
  )
  const ranges = (observed.localRanges ?? []).filter((r) => r.dev === ifname)
  const hasRange = (cidr: string) => ranges.some((r) => r.dst === cidr)
  const desiredPrefixes = new Map((eni.prefixes ?? []).map((p) => [p.cidr, p.family]))
  const pfx = debounce(
    'prefix',
    eni.eniId,
    sameMac ? (before.ownedPrefixes ?? []) : [],
    new Set(desiredPrefixes.keys()),
    hasRange,
    sameMac ? (before.absentPrefixes ?? {}) : {},
    confirm,
  )
  const familyOf = (cidr: string): 4 | 6 => (cidr.includes(':') ? 6 : 4)

  const removals: Action[] = [
    ...v6.remove.map((ip): Action => ({
      kind: 'addr6-del',
      eniId: eni.eniId,
      ifname,
      ip,
      prefixLength: onLink6.get(ip) ?? 64,
    })),
    ...pfx.remove.map((cidr): Action => ({
      kind: 'prefix-del',
      eniId: eni.eniId,
      ifname,
      cidr,
      family: familyOf(cidr),
    })),
  ]
  const additions: Action[] = []
  for (const ip of desired6) {
    if (onLink6.has(ip)) continue
    v6.keep.add(ip)
    additions.push({ kind: 'addr6-add', eniId: eni.eniId, ifname, ip })
  }
  for (const [cidr, family] of desiredPrefixes) {
    if (hasRange(cidr)) continue
    pfx.keep.add(cidr)
    additions.push({ kind: 'prefix-add', eniId: eni.eniId, ifname, cidr, family })
  }

  const routes: Action[] = []
  const rules: Action[] = []
  const staleRules: Action[] = []
  if (slot !== undefined) {
    const table = String(slot.table)
    const mine = (r: { table: string; priority: number }) =>
      r.table === table && r.priority === slot.priority
    const wanted6 = [
      ...[...desired6].map((ip) => `${ip}/128`),
      ...[...desiredPrefixes].filter(([, f]) => f === 6).map(([c]) => c),
    ]
    const wanted4 = [...desiredPrefixes].filter(([, f]) => f === 4).map(([c]) => c)
    const rules6 = (observed.rules6 ?? []).filter(mine)
    const rules4 = observed.rules.filter(mine)
    const { ipv6Cidr: cidr, ipv6Gateway: gateway } = eni
    if (wanted6.length > 0 && cidr !== undefined && gateway !== undefined) {
      const routes6 = (observed.routes6 ?? []).filter((r) => r.table === table)
      const route = (dst: string, via: string | undefined): Action => ({
        kind: 'route-replace',
        family: 6,
        eniId: eni.eniId,
        table: slot.table,
        dst,
        ifname,
        gateway: via,
        src: undefined,
      })
      if (!routes6.some((r) => r.dst === 'default' && r.gateway === gateway && r.dev === ifname)) {
        routes.push(route('default', gateway))
      }
      if (!routes6.some((r) => r.dst === cidr && r.dev === ifname))
        routes.push(route(cidr, undefined))
    }
    for (const from of wanted6) {
      if (!rules6.some((r) => r.from === from)) {
        rules.push({ kind: 'rule-add', family: 6, eniId: eni.eniId, from, ...slot })
      }
    }
    for (const from of wanted4) {
      if (!rules4.some((r) => r.from === from)) {
        rules.push({ kind: 'rule-add', eniId: eni.eniId, from, ...slot })
      }
    }
    const keep6 = new Set(wanted6)
    for (const r of rules6) {
      if (!keep6.has(r.from)) {
        staleRules.push({ kind: 'rule-del', family: 6, eniId: eni.eniId, from: r.from, ...slot })
      }
    }
  }
  return {
    removals,
    additions,
    routes,
    rules,
    staleRules,
    notes: [...v6.notes, ...pfx.notes],
    pending: v6.pending + pfx.pending,
    entry: {
      owned6: [...v6.keep].sort(),
      absent6: v6.absent,
      ownedPrefixes: [...pfx.keep].sort(),
      absentPrefixes: pfx.absent,
    },
  }
}

/** A departed ENI's IPv6 addresses, prefixes, IPv6 rules and table. */
export function cleanupExtras(
  eniId: string,
  entry: EniLedger,
  observed: Observation,
  slot: PolicySlot | undefined,
): Action[] {
  const actions: Action[] = []
  if (slot !== undefined) {
    for (const r of observed.rules6 ?? []) {
      if (r.table === String(slot.table) && r.priority === slot.priority) {
        actions.push({ kind: 'rule-del', family: 6, eniId, from: r.from, ...slot })
      }
    }
    if ((observed.routes6 ?? []).some((r) => r.table === String(slot.table))) {
      actions.push({ kind: 'table-flush', family: 6, eniId, table: slot.table })
    }
  }
  const link = observed.links.find((l) => l.mac === entry.mac)
  if (link === undefined) return actions
  for (const ip of entry.owned6 ?? []) {
    const a = link.addresses6?.find((x) => x.ip === ip)
    if (a !== undefined) {
      actions.push({
        kind: 'addr6-del',
        eniId,
        ifname: link.ifname,
        ip,
        prefixLength: a.prefixLength,
      })
    }
  }
  for (const cidr of entry.ownedPrefixes ?? []) {
    const present = (observed.localRanges ?? []).some(
      (r) => r.dst === cidr && r.dev === link.ifname,
    )
    if (present) {
      const family = cidr.includes(':') ? 6 : 4
      actions.push({ kind: 'prefix-del', eniId, ifname: link.ifname, cidr, family })
    }
  }
  return actions
}
