// What the kernel has, from iproute2's JSON output (`ip -j`): links with their MAC and IPv4
// addresses, policy rules, and routes of the numbered tables. Pure parsers; the commands that
// produce the input are in OBSERVE_COMMANDS. IPv6: global addresses per link, IPv6 rules and
// numbered-table routes, and the local routes of delegated prefixes.
import { canonicalIpv6 } from '../render/ipv6.js'

export interface ObservedAddress {
  readonly ip: string
  readonly prefixLength: number
  readonly label: string | undefined
}

export interface ObservedLink {
  readonly ifname: string
  /** lower-case, colons */
  readonly mac: string
  readonly addresses: readonly ObservedAddress[]
  /** global-scope IPv6 addresses (canonical; link-local ones are the kernel's) */
  readonly addresses6?: readonly { readonly ip: string; readonly prefixLength: number }[]
}

/** A `local` route of a range (a delegated prefix), from the kernel's local tables. */
export interface ObservedLocalRange {
  readonly family: 4 | 6
  /** canonical `net/len` */
  readonly dst: string
  readonly dev: string | undefined
}

export interface ObservedRule {
  readonly priority: number
  /** `a.b.c.d/len`; `all` for a rule without a source selector */
  readonly from: string
  readonly table: string
}

export interface ObservedRoute {
  readonly table: string
  /** `default` or `a.b.c.d/len` */
  readonly dst: string
  readonly gateway: string | undefined
  readonly dev: string | undefined
  readonly prefsrc: string | undefined
}

export interface Observation {
  readonly links: readonly ObservedLink[]
  readonly rules: readonly ObservedRule[]
  readonly routes: readonly ObservedRoute[]
  /** IPv6 policy rules and numbered-table routes (absent: nothing observed) */
  readonly rules6?: readonly ObservedRule[]
  readonly routes6?: readonly ObservedRoute[]
  readonly localRanges?: readonly ObservedLocalRange[]
}

/** argv (after `ip`) of each observation. */
export const OBSERVE_COMMANDS = {
  links: ['-j', 'addr', 'show'],
  rules: ['-j', '-4', 'rule', 'show'],
  routes: ['-j', '-4', 'route', 'show', 'table', 'all'],
  rules6: ['-j', '-6', 'rule', 'show'],
  routes6: ['-j', '-6', 'route', 'show', 'table', 'all'],
  local4: ['-j', '-4', 'route', 'show', 'table', 'local', 'type', 'local'],
  local6: ['-j', '-6', 'route', 'show', 'table', 'local', 'type', 'local'],
} as const

type Json = Readonly<Record<string, unknown>>

function items(text: string): Json[] {
  const trimmed = text.trim()
  if (trimmed === '') return []
  const data: unknown = JSON.parse(trimmed)
  if (!Array.isArray(data)) throw new SyntaxError('ip -j: expected a JSON array')
  return data.filter((x): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x))
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

export function parseLinks(text: string): ObservedLink[] {
  return items(text).map((link) => {
    const info = Array.isArray(link['addr_info']) ? (link['addr_info'] as unknown[]) : []
    const addresses: ObservedAddress[] = []
    const addresses6: { ip: string; prefixLength: number }[] = []
    for (const raw of info) {
      if (typeof raw !== 'object' || raw === null) continue
      const a = raw as Json
      const ip = str(a['local'])
      if (ip === undefined || typeof a['prefixlen'] !== 'number') continue
      if (a['family'] === 'inet') {
        addresses.push({ ip, prefixLength: a['prefixlen'], label: str(a['label']) })
      } else if (a['family'] === 'inet6' && a['scope'] === 'global') {
        addresses6.push({ ip: canonicalIpv6(ip) ?? ip, prefixLength: a['prefixlen'] })
      }
    }
    return {
      ifname: str(link['ifname']) ?? '',
      mac: (str(link['address']) ?? '').toLowerCase(),
      addresses,
      addresses6,
    }
  })
}

export function parseRules(text: string): ObservedRule[] {
  return items(text).map((rule) => {
    const src = str(rule['src']) ?? 'all'
    const len = typeof rule['srclen'] === 'number' ? rule['srclen'] : 32
    return {
      priority: typeof rule['priority'] === 'number' ? rule['priority'] : -1,
      from: src === 'all' ? 'all' : `${src}/${len}`,
      table: typeof rule['table'] === 'number' ? String(rule['table']) : (str(rule['table']) ?? ''),
    }
  })
}

/** Routes of numbered tables only (the main table's entries carry no `table` field). */
export function parseRoutes(text: string): ObservedRoute[] {
  return items(text)
    .filter((r) => /^[0-9]+$/.test(str(r['table']) ?? ''))
    .map((r) => ({
      table: str(r['table']) ?? '',
      dst: str(r['dst']) ?? '',
      gateway: str(r['gateway']),
      dev: str(r['dev']),
      prefsrc: str(r['prefsrc']),
    }))
}

/** Local routes of ranges (`dst` with a length below the full address) from `ip -j route show
 * table local type local`; single-address local routes are the interfaces' own addresses. */
export function parseLocalRanges(text: string, family: 4 | 6): ObservedLocalRange[] {
  const full = family === 4 ? 32 : 128
  const out: ObservedLocalRange[] = []
  for (const r of items(text)) {
    const dst = str(r['dst']) ?? ''
    const [net = '', len] = dst.split('/')
    if (len === undefined || Number(len) >= full) continue
    const canonical = family === 6 ? `${canonicalIpv6(net) ?? net}/${len}` : dst
    out.push({ family, dst: canonical, dev: str(r['dev']) })
  }
  return out
}

/** Parses `ip -j -6 route show table all` like the IPv4 one (IPv6 `dst` canonicalised). */
export function parseRoutes6(text: string): ObservedRoute[] {
  return parseRoutes(text).map((r) => {
    const [net = '', len] = r.dst.split('/')
    return len === undefined ? r : { ...r, dst: `${canonicalIpv6(net) ?? net}/${len}` }
  })
}

/** Parses `ip -j -6 rule show` (`from` canonicalised, /128 when no length). */
export function parseRules6(text: string): ObservedRule[] {
  return items(text).map((rule) => {
    const src = str(rule['src']) ?? 'all'
    const len = typeof rule['srclen'] === 'number' ? rule['srclen'] : 128
    return {
      priority: typeof rule['priority'] === 'number' ? rule['priority'] : -1,
      from: src === 'all' ? 'all' : `${canonicalIpv6(src) ?? src}/${len}`,
      table: typeof rule['table'] === 'number' ? String(rule['table']) : (str(rule['table']) ?? ''),
    }
  })
}
