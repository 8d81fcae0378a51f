// The Manage dialog's as-you-type checks across its four lists: each new row is checked against
// its CIDR, the ENI's own items and the rows above it. Where two new rows clash across lists (an
// address typed inside a typed prefix), the prefix row says so. No DOM here.
import { addressProblem } from '../address-checks.js'
import { canonicalIpv6, ipv6AddressProblem } from '../ipv6-checks.js'
import {
  canonicalIpv6Prefix,
  ipv4PrefixMembers,
  ipv4PrefixProblem,
  ipv6PrefixProblem,
} from '../prefix-checks.js'
import type { ItemKind } from './secondary-ip-plan.js'

export interface ManageIpState {
  /** The vSwitch's IPv4 CIDR and IPv6 /64 (`''` when it has none). */
  readonly cidr: string
  readonly ipv6Cidr: string
  readonly primary: string | undefined
  /** What the ENI holds now, per list. */
  readonly existing: Readonly<Record<ItemKind, readonly string[]>>
  /** The new rows' values in order, trimmed; `''` is a blank (automatic) row. */
  readonly rows: Readonly<Record<ItemKind, readonly string[]>>
  /** How each list's new rows are labelled (`New IP` → "typed in New IP 2"). */
  readonly rowLabels: Readonly<Record<ItemKind, string>>
}

export type RowProblems = Record<ItemKind, Array<string | undefined>>

const OWN = 'assigned to this ENI'

/** One entry per new row: `undefined` when it may be sent, else a sentence why not. */
export function rowProblems(state: ManageIpState): RowProblems {
  const typed = (item: ItemKind, index: number) => `typed in ${state.rowLabels[item]} ${index + 1}`
  const each = (
    item: ItemKind,
    check: (text: string, index: number) => string | undefined,
  ): Array<string | undefined> =>
    state.rows[item].map((t, i) => (t === '' ? undefined : check(t, i)))

  // IPv4 addresses: not the primary, not assigned, not inside one of the ENI's /28s.
  const v4 = new Map<string, string>()
  if (state.primary !== undefined) v4.set(state.primary, "this ENI's primary address")
  for (const ip of state.existing.ipv4) v4.set(ip, OWN)
  const v4Taken = new Map(v4)
  for (const p of state.existing.ipv4Prefix) {
    for (const ip of ipv4PrefixMembers(p)) v4Taken.set(ip, `inside ${p}, a /28 prefix of this ENI`)
  }
  const ipv4 = each('ipv4', (text, i) => {
    const problem = addressProblem(text, { cidrText: state.cidr, taken: v4Taken })
    if (!v4Taken.has(text)) v4Taken.set(text, typed('ipv4', i))
    if (!v4.has(text)) v4.set(text, typed('ipv4', i))
    return problem
  })
  // /28s: aligned, inside, not repeated, holding none of the ENI's (or typed) addresses.
  const p4 = new Map(state.existing.ipv4Prefix.map((p) => [p, OWN]))
  const ipv4Prefix = each('ipv4Prefix', (text, i) => {
    const problem = ipv4PrefixProblem(text, { cidrText: state.cidr, taken: p4, addresses: v4 })
    if (!p4.has(text)) p4.set(text, typed('ipv4Prefix', i))
    return problem
  })
  if (state.ipv6Cidr === '') {
    const none = (item: ItemKind) => state.rows[item].map(() => 'The vSwitch has no IPv6 CIDR.')
    return { ipv4, ipv4Prefix, ipv6: none('ipv6'), ipv6Prefix: none('ipv6Prefix') }
  }
  // IPv6 addresses: inside the /64, not reserved, not repeated, not inside the ENI's /80s.
  const v6 = new Map(state.existing.ipv6.map((a) => [a, OWN]))
  const held = new Map(state.existing.ipv6Prefix.map((p) => [p, 'a /80 prefix of this ENI']))
  const ipv6 = each('ipv6', (text, i) => {
    const problem = ipv6AddressProblem(text, {
      cidrText: state.ipv6Cidr,
      taken: v6,
      prefixes: held,
    })
    const key = canonicalIpv6(text) ?? text
    if (!v6.has(key)) v6.set(key, typed('ipv6', i))
    return problem
  })
  // /80s: aligned inside the /64, not its first or last, not repeated, holding no address above.
  const p6 = new Map(state.existing.ipv6Prefix.map((p) => [p, OWN]))
  const ipv6Prefix = each('ipv6Prefix', (text, i) => {
    const problem = ipv6PrefixProblem(text, { cidrText: state.ipv6Cidr, taken: p6, addresses: v6 })
    const key = canonicalIpv6Prefix(text)
    if (!p6.has(key)) p6.set(key, typed('ipv6Prefix', i))
    return problem
  })
  return { ipv4, ipv4Prefix, ipv6, ipv6Prefix }
}
