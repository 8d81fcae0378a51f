// The reconcile decision of spec/guest-os.md §15.2, pure: metadata (desired) × kernel
// (observed) × ledger (owned) → actions and the next ledger. Safety rules (§15.3): the primary
// address is never touched; only owned addresses are removed, and only after they were missing
// from `confirmReads` consecutive good reads; a failed read plans nothing.
import { cidrContains, parseCidr } from '../render/ipv4.js'
import type { EniLedger, Ledger } from './ledger.js'
import { MAX_SLOT, priorityOf, tableOf } from './ledger.js'
import type { Observation, ObservedLink } from './observe.js'
import { cleanupExtras, planExtras } from './plan-extras.js'
import { missingPolicy, staleRules } from './plan-policy.js'
import type { EniMetadata, MetadataRead } from './read-metadata.js'
import type { Action } from './action.js'

export type { Action } from './action.js'

export interface Plan {
  readonly actions: readonly Action[]
  /** the ledger once every action succeeded (see settleLedger) */
  readonly ledger: Ledger
  /** why an ENI was skipped, what waits for confirmation */
  readonly notes: readonly string[]
  /** removals waiting for another good read */
  readonly pending: number
}

export interface PlanInput {
  readonly read: MetadataRead
  readonly observed: Observation
  readonly ledger: Ledger
  /** consecutive good reads an address (or ENI) must be missing before removal; default 2 */
  readonly confirmReads?: number
}

const MAX_LABEL = 15

function lowestFree(used: ReadonlySet<number>, from: number): number {
  let n = from
  while (used.has(n)) n++
  return n
}

function slotFromName(ifname: string): number | undefined {
  const m = /^eth([0-9]{1,2})$/.exec(ifname)
  const n = m ? Number(m[1]) : NaN
  return n >= 1 && n <= MAX_SLOT ? n : undefined
}

export function planChanges(input: PlanInput): Plan {
  const { read, observed, ledger } = input
  const confirm = input.confirmReads ?? 2
  if (!read.ok) {
    return { actions: [], ledger, notes: [`metadata read failed: ${read.reason}`], pending: 0 }
  }
  const actions: Action[] = []
  const notes: string[] = read.skipped.map((s) => `${s.mac}: skipped, ${s.reason}`)
  const next: Record<string, EniLedger> = {}
  let pending = 0
  const listed = new Set([...read.enis.map((e) => e.mac), ...read.skipped.map((s) => s.mac)])
  const usedSlots = new Set<number>()
  for (const e of Object.values(ledger.enis)) if (e.slot !== undefined) usedSlots.add(e.slot)

  for (const eni of read.enis) {
    const before = ledger.enis[eni.eniId]
    const link = observed.links.find((l) => l.mac === eni.mac)
    const skip = (why: string) => {
      notes.push(`${eni.eniId} (${eni.mac}): skipped, ${why}`)
      if (before !== undefined) next[eni.eniId] = { ...before, missing: 0 }
    }
    if (link === undefined) {
      skip('no interface has this MAC')
      continue
    }
    if (!link.addresses.some((a) => a.ip === eni.primaryIp)) {
      skip(`primary ${eni.primaryIp} is not on ${link.ifname} yet`)
      continue
    }
    const cidr = parseCidr(eni.subnetCidr)
    const outside = eni.privateIps.filter((ip) => cidr === undefined || !cidrContains(cidr, ip))
    if (outside.length > 0) {
      skip(`ALERT: ${outside.join(', ')} outside ${eni.subnetCidr}`)
      continue
    }
    const result = planEni(eni, link, before, confirm, usedSlots, observed)
    actions.push(...result.actions)
    notes.push(...result.notes)
    pending += result.pending
    next[eni.eniId] = result.entry
  }

  // ENIs of the ledger that metadata no longer lists: clean up after `confirm` good reads.
  for (const [eniId, entry] of Object.entries(ledger.enis)) {
    if (next[eniId] !== undefined || read.enis.some((e) => e.eniId === eniId)) continue
    if (listed.has(entry.mac)) {
      next[eniId] = entry
      continue
    }
    const missing = entry.missing + 1
    if (missing < confirm) {
      next[eniId] = { ...entry, missing }
      notes.push(`${eniId}: not listed (${missing}/${confirm}), cleanup pending`)
      pending++
      continue
    }
    actions.push(...cleanupEni(eniId, entry, observed))
  }
  return { actions, ledger: { version: 1, enis: next }, notes, pending }
}

function planEni(
  eni: EniMetadata,
  link: ObservedLink,
  before: EniLedger | undefined,
  confirm: number,
  usedSlots: Set<number>,
  observed: Observation,
) {
  const notes: string[] = []
  let pending = 0
  const ifname = link.ifname
  const desired = [...new Set(eni.privateIps.filter((ip) => ip !== eni.primaryIp))].sort(compareIp)
  const onLink = new Map(link.addresses.map((a) => [a.ip, a]))
  const sameMac = before !== undefined && before.mac === eni.mac
  const owned = new Set(sameMac ? before.owned : [])
  const aliases: Record<string, number> = sameMac ? { ...before.aliases } : {}
  const absent: Record<string, number> = {}
  const removals: Action[] = []
  const additions: Action[] = []

  for (const ip of [...owned].sort(compareIp)) {
    if (desired.includes(ip)) continue
    const present = onLink.get(ip)
    if (present === undefined) {
      owned.delete(ip) // gone already (flushed by someone else): nothing to answer for
      delete aliases[ip]
      continue
    }
    const count = (sameMac ? (before.absent[ip] ?? 0) : 0) + 1
    if (count < confirm) {
      absent[ip] = count
      pending++
      notes.push(`${eni.eniId}: ${ip} revoked (${count}/${confirm}), removal pending`)
      continue
    }
    owned.delete(ip)
    delete aliases[ip]
    const prefixLength = present.prefixLength
    removals.push({ kind: 'addr-del', eniId: eni.eniId, ifname, ip, prefixLength })
  }

  const labelsInUse = new Set<number>(Object.values(aliases))
  for (const a of link.addresses) {
    const m = a.label?.startsWith(`${ifname}:`) ? /:([0-9]+)$/.exec(a.label) : null
    if (m) labelsInUse.add(Number(m[1]))
  }
  for (const ip of desired) {
    if (onLink.has(ip)) continue
    const alias = aliases[ip] ?? lowestFree(labelsInUse, 0)
    labelsInUse.add(alias)
    aliases[ip] = alias
    owned.add(ip)
    const label = `${ifname}:${alias}`
    additions.push({
      kind: 'addr-add',
      eniId: eni.eniId,
      ifname,
      ip,
      prefixLength: eni.prefixLength,
      label: label.length <= MAX_LABEL ? label : undefined,
    })
  }

  // Order (spec §13): stale rules, addresses out, table routes, addresses in, their rules.
  let slot: number | undefined
  let policy: { table: number; priority: number } | undefined
  if (!eni.isPrimaryEni) {
    slot = slotFromName(ifname) ?? before?.slot ?? lowestFree(usedSlots, 1)
    usedSlots.add(slot)
    policy = { table: tableOf(slot), priority: priorityOf(slot) }
  }
  const extras = planExtras(eni, link, sameMac ? before : undefined, confirm, observed, policy)
  notes.push(...extras.notes)
  pending += extras.pending
  let actions: Action[] = [...removals, ...extras.removals, ...additions, ...extras.additions]
  if (policy !== undefined) {
    const removed = new Set(removals.map((a) => (a.kind === 'addr-del' ? a.ip : '')))
    const keep = new Set([
      eni.primaryIp,
      ...desired,
      ...[...onLink.keys()].filter((ip) => !removed.has(ip)),
      ...(eni.prefixes ?? []).filter((p) => p.family === 4).map((p) => p.cidr),
    ])
    const wanted = [eni.primaryIp, ...desired]
    const [routes, rules] = splitRoutes(missingPolicy(eni, ifname, observed, policy, wanted))
    actions = [
      ...staleRules(eni.eniId, observed, policy, keep),
      ...extras.staleRules,
      ...removals,
      ...extras.removals,
      ...routes,
      ...extras.routes,
      ...additions,
      ...extras.additions,
      ...rules,
      ...extras.rules,
    ]
  }
  const entry: EniLedger = {
    mac: eni.mac,
    ifname,
    owned: [...owned].sort(compareIp),
    aliases,
    absent,
    missing: 0,
    ...(slot === undefined ? {} : { slot }),
    ...(extras.entry.owned6.length + extras.entry.ownedPrefixes.length === 0 ? {} : extras.entry),
  }
  return { actions, notes, pending, entry }
}

function splitRoutes(actions: Action[]): [Action[], Action[]] {
  return [
    actions.filter((a) => a.kind === 'route-replace'),
    actions.filter((a) => a.kind !== 'route-replace'),
  ]
}

/** A departed ENI: its owned addresses (if its link is still here), rules and table. */
function cleanupEni(eniId: string, entry: EniLedger, observed: Observation): Action[] {
  const actions: Action[] = []
  const link = observed.links.find((l) => l.mac === entry.mac)
  if (entry.slot !== undefined) {
    const table = tableOf(entry.slot)
    const priority = priorityOf(entry.slot)
    for (const r of observed.rules) {
      if (r.table === String(table) && r.priority === priority) {
        actions.push({ kind: 'rule-del', eniId, from: r.from, table, priority })
      }
    }
    if (observed.routes.some((r) => r.table === String(table))) {
      actions.push({ kind: 'table-flush', eniId, table })
    }
  }
  const slot =
    entry.slot === undefined
      ? undefined
      : { table: tableOf(entry.slot), priority: priorityOf(entry.slot) }
  actions.push(...cleanupExtras(eniId, entry, observed, slot))
  for (const ip of entry.owned) {
    const a = link?.addresses.find((x) => x.ip === ip)
    if (link !== undefined && a !== undefined) {
      actions.push({
        kind: 'addr-del',
        eniId,
        ifname: link.ifname,
        ip,
        prefixLength: a.prefixLength,
      })
    }
  }
  return actions
}

function compareIp(a: string, b: string): number {
  const n = (ip: string) => ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0)
  return n(a) - n(b)
}

/**
 * The ledger after applying, given the actions that failed: a failed add is not owned, a failed
 * delete still is, and a departed ENI whose cleanup failed keeps its `previous` entry.
 */
export function settleLedger(plan: Plan, failed: readonly Action[], previous: Ledger): Ledger {
  if (failed.length === 0) return plan.ledger
  const enis: Record<string, EniLedger> = { ...plan.ledger.enis }
  for (const action of failed) {
    const entry = enis[action.eniId]
    if (entry === undefined) {
      const old = previous.enis[action.eniId]
      if (old !== undefined) enis[action.eniId] = old
      continue
    }
    if (action.kind === 'addr-add') {
      const aliases = { ...entry.aliases }
      delete aliases[action.ip]
      const owned = entry.owned.filter((ip) => ip !== action.ip)
      enis[action.eniId] = { ...entry, owned, aliases }
    } else if (action.kind === 'addr-del' && !entry.owned.includes(action.ip)) {
      enis[action.eniId] = { ...entry, owned: [...entry.owned, action.ip].sort(compareIp) }
    } else if (action.kind === 'addr6-add' || action.kind === 'addr6-del') {
      const others = (entry.owned6 ?? []).filter((ip) => ip !== action.ip)
      const owned6 = action.kind === 'addr6-add' ? others : [...others, action.ip].sort()
      enis[action.eniId] = { ...entry, owned6 }
    } else if (action.kind === 'prefix-add' || action.kind === 'prefix-del') {
      const others = (entry.ownedPrefixes ?? []).filter((c) => c !== action.cidr)
      const ownedPrefixes = action.kind === 'prefix-add' ? others : [...others, action.cidr].sort()
      enis[action.eniId] = { ...entry, ownedPrefixes }
    }
  }
  return { version: 1, enis }
}
