// Client-side checks of a typed IPv4 /28 or IPv6 /80 prefix, as the user types (the server checks
// again). A /28 is aligned (starts at a multiple of 16), lies inside the vSwitch CIDR and holds
// none of its reserved addresses; a /80 has its last 48 bits zero, lies inside the vSwitch /64 and
// is not the first or last /80 (they hold ::, ::1 and the all-ones address). Neither may repeat a
// prefix or hold one of this ENI's own addresses.
import { cidrSize, formatIpv4, isReserved, parseCidr, parseIpv4 } from './address-checks.js'
import {
  formatIpv6,
  IPV6_PREFIX_LENGTH,
  parseIpv6,
  parseIpv6Cidr,
  type Ipv6Cidr,
} from './ipv6-checks.js'

export const IPV4_PREFIX_LENGTH = 28
export const IPV4_PREFIX_SIZE = 16

export interface PrefixContext {
  /** The vSwitch's CIDR block of the prefix's family. */
  readonly cidrText: string
  /** Canonical prefixes this one must not repeat, with why. */
  readonly taken: ReadonlyMap<string, string>
  /** Canonical addresses of this ENI (and typed rows) the prefix must not hold, with why. */
  readonly addresses: ReadonlyMap<string, string>
}

/** The 16 addresses of the /28 `text` (canonical), or [] when it is not an aligned /28. */
export function ipv4PrefixMembers(text: string): string[] {
  const cidr = parseCidr(text)
  if (cidr?.prefixLength !== IPV4_PREFIX_LENGTH) return []
  return Array.from({ length: IPV4_PREFIX_SIZE }, (_, i) => formatIpv4(cidr.network + i))
}

/** An aligned /28 of the vSwitch to show as an example: its second one. */
function exampleIpv4Prefix(cidrText: string): string {
  const cidr = parseCidr(cidrText)
  const base = cidr === undefined ? parseIpv4('192.168.1.32') : cidr.network + 2 * IPV4_PREFIX_SIZE
  return `${formatIpv4(base ?? 0)}/${IPV4_PREFIX_LENGTH}`
}

/** `undefined` when `text` may be requested as an IPv4 /28 prefix; else a sentence why not. */
export function ipv4PrefixProblem(text: string, ctx: PrefixContext): string | undefined {
  const match = /^([0-9.]+)\/([0-9]{1,2})$/.exec(text)
  const value = parseIpv4(match?.[1] ?? '')
  const length = Number(match?.[2])
  if (match === null || value === undefined || length > 32) {
    return `Enter a /28 such as ${exampleIpv4Prefix(ctx.cidrText)}, or leave the row blank for automatic.`
  }
  if (length !== IPV4_PREFIX_LENGTH) {
    return `An IPv4 prefix is a /28 (16 addresses); ${text} is a /${length}.`
  }
  const offset = value % IPV4_PREFIX_SIZE
  if (offset !== 0) {
    const below = formatIpv4(value - offset)
    const above = formatIpv4(value - offset + IPV4_PREFIX_SIZE)
    return `${text} is not aligned: a /28 starts at a multiple of 16, such as ${below}/28 or ${above}/28.`
  }
  const cidr = parseCidr(ctx.cidrText)
  if (cidr === undefined) return undefined
  const inside = value >= cidr.network && value + IPV4_PREFIX_SIZE <= cidr.network + cidrSize(cidr)
  if (!inside) return `Not inside the IPv4 private CIDR ${ctx.cidrText}.`
  const members = ipv4PrefixMembers(text)
  const reserved = members.find((ip) => isReserved(cidr, parseIpv4(ip) ?? 0))
  if (reserved !== undefined) {
    return `${text} holds ${reserved}, a reserved address: the first and the last three addresses of ${ctx.cidrText} cannot be in a prefix.`
  }
  const owner = ctx.taken.get(text)
  if (owner !== undefined) return `${text} is already ${owner}.`
  const held = members.find((ip) => ctx.addresses.has(ip))
  if (held !== undefined) return `${text} holds ${held}, ${ctx.addresses.get(held) ?? ''}.`
  return undefined
}

/** An /80 of the /64 to show as an example: the fifth one. */
function exampleIpv6Prefix(block: Ipv6Cidr | undefined): string {
  if (block === undefined) return `2408:4000:0:1:5::/${IPV6_PREFIX_LENGTH}`
  return `${formatIpv6(block.network + (5n << 48n))}/${IPV6_PREFIX_LENGTH}`
}

/** `undefined` when `text` may be requested as an IPv6 /80 prefix; else a sentence why not. */
export function ipv6PrefixProblem(text: string, ctx: PrefixContext): string | undefined {
  const block = parseIpv6Cidr(ctx.cidrText)
  const match = /^([0-9A-Fa-f:]+)\/([0-9]{1,3})$/.exec(text)
  const value = parseIpv6(match?.[1] ?? '')
  const length = Number(match?.[2])
  if (match === null || value === undefined || length > 128) {
    return `Enter a /80 such as ${exampleIpv6Prefix(block)}, or leave the row blank for automatic.`
  }
  if (length !== IPV6_PREFIX_LENGTH) {
    return `An IPv6 prefix is a /80; ${text} is a /${length}.`
  }
  const hostBits = (1n << 48n) - 1n
  if ((value & hostBits) !== 0n) {
    return `${text} is not aligned: the last 48 bits of a /80 are zero, such as ${formatIpv6(value & ~hostBits)}/80.`
  }
  const canonical = `${formatIpv6(value)}/${IPV6_PREFIX_LENGTH}`
  if (block === undefined) return undefined
  const index = (value - block.network) >> 48n
  if (value < block.network || index >= 1n << 16n) {
    return `Not inside the vSwitch's IPv6 CIDR ${block.text}.`
  }
  if (index === 0n || index === (1n << 16n) - 1n) {
    return `${canonical} holds a reserved address: the first /80 of ${block.text} holds :: and ::1 (the gateway), the last one the all-ones address.`
  }
  const owner = ctx.taken.get(canonical)
  if (owner !== undefined) return `${canonical} is already ${owner}.`
  for (const [address, why] of ctx.addresses) {
    const n = parseIpv6(address)
    if (n !== undefined && (n & ~hostBits) === value)
      return `${canonical} holds ${address}, ${why}.`
  }
  return undefined
}

/** The canonical text of a well-formed IPv6 /80, else `text` unchanged (for duplicate keys). */
export function canonicalIpv6Prefix(text: string): string {
  return parseIpv6Cidr(text)?.text ?? text
}
