// What the kernel has, from iproute2's JSON output (`ip -j`): links with their MAC and IPv4
// addresses, policy rules, and routes of the numbered tables. Pure parsers; the commands that
// produce the input are in OBSERVE_COMMANDS.

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
}

/** argv (after `ip`) of each observation. */
export const OBSERVE_COMMANDS = {
  links: ['-j', 'addr', 'show'],
  rules: ['-j', '-4', 'rule', 'show'],
  routes: ['-j', '-4', 'route', 'show', 'table', 'all'],
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
    for (const raw of info) {
      if (typeof raw !== 'object' || raw === null) continue
      const a = raw as Json
      const ip = str(a['local'])
      if (a['family'] !== 'inet' || ip === undefined || typeof a['prefixlen'] !== 'number') {
        continue
      }
      addresses.push({ ip, prefixLength: a['prefixlen'], label: str(a['label']) })
    }
    return {
      ifname: str(link['ifname']) ?? '',
      mac: (str(link['address']) ?? '').toLowerCase(),
      addresses,
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
