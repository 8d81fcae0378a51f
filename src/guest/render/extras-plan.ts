// The IPv6 and prefix half of a render plan: IPv6 addresses (canonical, numeric order) and the
// IPv4 /28 and IPv6 /80 prefixes to keep and to revoke, validated against the vSwitch CIDRs.
// Throws RangeError on input that must not reach a config file or a script.
import type { InterfaceDescription, RenderRequest } from './interface-description.js'
import { cidrContains, compareIpv4, parseCidr, parseIpv4 } from './ipv4.js'
import type { Ipv6Cidr } from './ipv6.js'
import { canonicalIpv6, compareIpv6, ipv6CidrContains, parseIpv6, parseIpv6Cidr } from './ipv6.js'

/** Prefix lengths of delegated prefixes (spec/extensions.md §3.1). */
export const IPV4_PREFIX_LENGTH = 28
export const IPV6_PREFIX_LENGTH = 80
/** Every IPv6 address is configured with the vSwitch /64. */
export const IPV6_ADDRESS_PREFIX_LENGTH = 64

export interface PrefixPlan {
  /** canonical `net/len` */
  readonly cidr: string
  readonly family: 4 | 6
}

export interface Ipv6Plan {
  /** IPv6 addresses configured once the request is applied, canonical, in numeric order */
  readonly keep: readonly string[]
  /** IPv6 addresses to remove (revoke mode) */
  readonly revoke: readonly string[]
  /** the vSwitch /64, canonical; undefined when the request has no IPv6 at all */
  readonly cidr: string | undefined
  readonly gateway: string | undefined
}

export interface PrefixesPlan {
  /** IPv4 prefixes first, then IPv6, each in numeric order */
  readonly keep: readonly PrefixPlan[]
  readonly revoke: readonly PrefixPlan[]
}

export interface ExtrasPlan {
  readonly ipv6: Ipv6Plan
  readonly prefixes: PrefixesPlan
  /** revoked entries that are plain IPv4 addresses (the IPv4 planner's share) */
  readonly revokedIpv4: readonly string[]
}

function fail(field: string, why: string): never {
  throw new RangeError(`guest render: ${field} ${why}`)
}

function ipv6Of(field: string, text: string, cidr: Ipv6Cidr | undefined): string {
  const value = parseIpv6(text)
  if (value === undefined) fail(field, `is not an IPv6 address: ${text}`)
  if (cidr === undefined) fail('vswitchIpv6Cidr', 'is required with IPv6 addresses or prefixes')
  if (!ipv6CidrContains(cidr, value)) fail(field, `${text} is outside ${cidr.text}`)
  return canonicalIpv6(text) ?? text
}

function prefixOf(field: string, text: string, iface: InterfaceDescription, v6?: Ipv6Cidr) {
  if (text.includes(':')) {
    const cidr = parseIpv6Cidr(text)
    if (cidr === undefined || cidr.prefixLength !== IPV6_PREFIX_LENGTH) {
      fail(field, `is not an aligned IPv6 /${IPV6_PREFIX_LENGTH}: ${text}`)
    }
    if (v6 === undefined) fail('vswitchIpv6Cidr', 'is required with IPv6 addresses or prefixes')
    if (!ipv6CidrContains(v6, cidr.network, cidr.prefixLength)) {
      fail(field, `${text} is outside ${v6.text}`)
    }
    return { cidr: cidr.text, family: 6 as const }
  }
  const cidr = parseCidr(text)
  if (cidr === undefined || cidr.prefixLength !== IPV4_PREFIX_LENGTH) {
    fail(field, `is not an aligned IPv4 /${IPV4_PREFIX_LENGTH}: ${text}`)
  }
  const vsw = parseCidr(iface.vswitchCidr)
  const last = cidr.network + 2 ** (32 - IPV4_PREFIX_LENGTH) - 1
  if (vsw === undefined || !cidrContains(vsw, text.split('/')[0] ?? '')) {
    fail(field, `${text} is outside ${iface.vswitchCidr}`)
  }
  if (last >= vsw.network + 2 ** (32 - vsw.prefixLength)) {
    fail(field, `${text} is outside ${iface.vswitchCidr}`)
  }
  return { cidr: text, family: 4 as const }
}

function comparePrefix(a: PrefixPlan, b: PrefixPlan): number {
  if (a.family !== b.family) return a.family - b.family
  const [x = '', y = ''] = [a.cidr.split('/')[0], b.cidr.split('/')[0]]
  return a.family === 4 ? compareIpv4(x, y) : compareIpv6(x, y)
}

function uniquePrefixes(items: readonly PrefixPlan[]): PrefixPlan[] {
  const seen = new Map(items.map((p) => [p.cidr, p]))
  return [...seen.values()].sort(comparePrefix)
}

export function planExtras(req: RenderRequest): ExtrasPlan {
  const { iface } = req
  const v6Text = iface.vswitchIpv6Cidr
  let v6: Ipv6Cidr | undefined
  if (v6Text !== undefined) {
    v6 = parseIpv6Cidr(v6Text)
    if (v6 === undefined || v6.prefixLength !== IPV6_ADDRESS_PREFIX_LENGTH) {
      fail('vswitchIpv6Cidr', `is not an aligned IPv6 /64: ${v6Text}`)
    }
  }
  const gateway =
    iface.ipv6Gateway === undefined ? undefined : ipv6Of('ipv6Gateway', iface.ipv6Gateway, v6)

  const revokedIpv4: string[] = []
  const revokedV6: string[] = []
  const revokedPrefixes: PrefixPlan[] = []
  for (const item of req.revoked ?? []) {
    if (item.includes('/')) revokedPrefixes.push(prefixOf('revoked', item, iface, v6))
    else if (item.includes(':')) revokedV6.push(ipv6Of('revoked', item, v6))
    else if (parseIpv4(item) !== undefined) revokedIpv4.push(item)
    else fail('revoked', `is neither an address nor a prefix: ${item}`)
  }
  const keptV6 = (iface.ipv6Addresses ?? []).map((ip) => ipv6Of('ipv6Addresses', ip, v6))
  const allV6 = [...new Set([...keptV6, ...revokedV6])].sort(compareIpv6)
  if (gateway !== undefined && allV6.includes(gateway)) {
    fail('ipv6Addresses', `${gateway} is the IPv6 gateway`)
  }
  const keptV4Prefixes = (iface.ipv4Prefixes ?? []).map((p) => prefixOf('ipv4Prefixes', p, iface))
  const keptV6Prefixes = (iface.ipv6Prefixes ?? []).map((p) =>
    prefixOf('ipv6Prefixes', p, iface, v6),
  )
  if (keptV4Prefixes.some((p) => p.family !== 4)) fail('ipv4Prefixes', 'must be IPv4 prefixes')
  if (keptV6Prefixes.some((p) => p.family !== 6)) fail('ipv6Prefixes', 'must be IPv6 prefixes')
  const kept = [...keptV4Prefixes, ...keptV6Prefixes]
  const allPrefixes = uniquePrefixes([...kept, ...revokedPrefixes])
  const revokedCidrs = new Set(revokedPrefixes.map((p) => p.cidr))
  const revokedV6Set = new Set(revokedV6)
  const hasIpv6 = allV6.length > 0 || allPrefixes.some((p) => p.family === 6)
  if (hasIpv6 && iface.deviceIndex !== 0 && gateway === undefined) {
    fail('ipv6Gateway', 'is required for IPv6 on a secondary ENI')
  }
  return {
    ipv6: {
      keep: allV6.filter((ip) => !revokedV6Set.has(ip)),
      revoke: allV6.filter((ip) => revokedV6Set.has(ip)),
      cidr: hasIpv6 ? v6?.text : undefined,
      gateway: hasIpv6 ? gateway : undefined,
    },
    prefixes: {
      keep: allPrefixes.filter((p) => !revokedCidrs.has(p.cidr)),
      revoke: allPrefixes.filter((p) => revokedCidrs.has(p.cidr)),
    },
    revokedIpv4,
  }
}
