// Client-side checks of a typed IPv6 address against a vSwitch /64, as the user types (the server
// checks again; these give early, precise feedback). Reserved in a vSwitch /64 (README "IPv6 and
// prefixes"): `::` (interface ID 0), `::1` (the gateway) and the all-ones interface ID.
import {
  canonicalIpv6,
  formatIpv6,
  ipv6CidrContains,
  parseIpv6,
  parseIpv6Cidr,
  type Ipv6Cidr,
} from '../../src/guest/render/ipv6.js'

export { canonicalIpv6, formatIpv6, parseIpv6, parseIpv6Cidr, type Ipv6Cidr }

export const VSWITCH_IPV6_PREFIX = 64
export const IPV6_PREFIX_LENGTH = 80

const IID_ALL_ONES = (1n << 64n) - 1n

/** Why an address of the /64 is reserved, or `undefined` when it may be assigned. */
export function ipv6ReservedReason(block: Ipv6Cidr, value: bigint): string | undefined {
  const iid = value - block.network
  if (iid === 0n) return 'the subnet-router anycast address'
  if (iid === 1n) return 'the gateway'
  if (iid === IID_ALL_ONES) return 'the all-ones address'
  return undefined
}

/** An address of the /64 to show as an example: interface ID 0x20. */
export function exampleIpv6(block: Ipv6Cidr | undefined): string {
  return block === undefined ? '2408:4000:0:1::20' : formatIpv6(block.network + 0x20n)
}

/** The /80 of `value` (canonical text). */
export function ipv6PrefixOf(value: bigint): string {
  const hostBits = (1n << BigInt(128 - IPV6_PREFIX_LENGTH)) - 1n
  return `${formatIpv6(value & ~hostBits)}/${IPV6_PREFIX_LENGTH}`
}

export interface Ipv6AddressContext {
  /** The vSwitch's IPv6 CIDR block (a /64). */
  readonly cidrText: string
  /** Canonical addresses this one must not repeat, with why (`assigned to this ENI`, …). */
  readonly taken: ReadonlyMap<string, string>
  /** Canonical /80 prefixes an address must not fall inside, with why. */
  readonly prefixes: ReadonlyMap<string, string>
}

/** `undefined` when `text` may be requested; otherwise a sentence saying why not. */
export function ipv6AddressProblem(text: string, ctx: Ipv6AddressContext): string | undefined {
  const block = parseIpv6Cidr(ctx.cidrText)
  const value = parseIpv6(text)
  if (value === undefined) {
    return `Enter an IPv6 address such as ${exampleIpv6(block)}, or leave the row blank for automatic.`
  }
  if (block === undefined) return undefined
  if (!ipv6CidrContains(block, value)) return `Not inside the vSwitch's IPv6 CIDR ${block.text}.`
  const canonical = formatIpv6(value)
  const reserved = ipv6ReservedReason(block, value)
  if (reserved !== undefined) {
    return `${canonical} is reserved (${reserved}): ::, ::1 and the all-ones address of ${block.text} cannot be assigned.`
  }
  const owner = ctx.taken.get(canonical)
  if (owner !== undefined) return `${canonical} is already ${owner}.`
  const prefix = ipv6PrefixOf(value)
  const holder = ctx.prefixes.get(prefix)
  if (holder !== undefined) return `${canonical} is inside ${prefix}, ${holder}.`
  return undefined
}
