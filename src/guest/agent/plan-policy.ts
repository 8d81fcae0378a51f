// Source-based policy routing of a secondary ENI (spec/guest-os.md §13): in table T the default
// route via the ENI's gateway and the vSwitch prefix on-link from its primary; one rule
// `from <ip>/32 lookup T priority P` per address. Rules of (T, P) are this agent's by scheme.
import type { Action } from './action.js'
import type { Observation, ObservedRule } from './observe.js'
import type { EniMetadata } from './read-metadata.js'

export interface PolicySlot {
  readonly table: number
  readonly priority: number
}

export function rulesOf(observed: Observation, slot: PolicySlot): ObservedRule[] {
  return observed.rules.filter(
    (r) => r.table === String(slot.table) && r.priority === slot.priority,
  )
}

/** Rules of the slot whose source is not in `keep` (addresses staying, or kept prefixes). */
export function staleRules(
  eniId: string,
  observed: Observation,
  slot: PolicySlot,
  keep: ReadonlySet<string>,
): Action[] {
  return rulesOf(observed, slot)
    .filter((r) => !keep.has(r.from))
    .filter((r) => !r.from.endsWith('/32') || !keep.has(r.from.slice(0, -3)))
    .map((r) => ({ kind: 'rule-del', eniId, from: r.from, ...slot }))
}

/** Missing table routes, then a rule for each wanted address that has none. */
export function missingPolicy(
  eni: EniMetadata,
  ifname: string,
  observed: Observation,
  slot: PolicySlot,
  wanted: readonly string[],
): Action[] {
  const routes = observed.routes.filter((r) => r.table === String(slot.table))
  const actions: Action[] = []
  const route = (dst: string, gateway: string | undefined, src: string | undefined): Action => ({
    kind: 'route-replace',
    eniId: eni.eniId,
    table: slot.table,
    dst,
    ifname,
    gateway,
    src,
  })
  if (!routes.some((r) => r.dst === 'default' && r.gateway === eni.gateway && r.dev === ifname)) {
    actions.push(route('default', eni.gateway, undefined))
  }
  if (
    !routes.some((r) => r.dst === eni.subnetCidr && r.dev === ifname && r.prefsrc === eni.primaryIp)
  ) {
    actions.push(route(eni.subnetCidr, undefined, eni.primaryIp))
  }
  const rules = rulesOf(observed, slot)
  for (const ip of wanted) {
    if (!rules.some((r) => r.from === `${ip}/32`)) {
      actions.push({ kind: 'rule-add', eniId: eni.eniId, from: `${ip}/32`, ...slot })
    }
  }
  return actions
}
