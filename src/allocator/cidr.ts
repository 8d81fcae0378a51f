// IPv4 CIDR blocks and Alibaba vSwitch address rules. All arithmetic is done on unsigned
// numbers (`>>> 0`, sizes as plain doubles up to 2^32), so /0 and /32 work too.

import { formatIpv4, isIpv4Number, parseIpv4 } from './ipv4.js'

export interface Cidr {
  /** The network address, an unsigned 32-bit number with all host bits zero. */
  base: number
  /** Prefix length, 0–32. */
  prefix: number
  /** Number of addresses in the block, 2^(32 − prefix) (up to 2^32 for /0). */
  size: number
  /** Canonical text, e.g. "192.168.1.0/24". */
  text: string
}

const PREFIX = /^(0|[1-9][0-9]?)$/

/** The netmask of a prefix as an unsigned 32-bit number (0 for /0, 0xffffffff for /32). */
export function maskOf(prefix: number): number {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    throw new RangeError(`not an IPv4 prefix length: ${prefix}`)
  }
  // `<< 32` is `<< 0` in JS, so /0 is special-cased.
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
}

/** The dotted-quad netmask of a prefix, e.g. 24 → "255.255.255.0". */
export function netmaskOf(prefix: number): string {
  return formatIpv4(maskOf(prefix))
}

/**
 * Parses "a.b.c.d/p". Accepts only the canonical network address for the prefix (host bits
 * zero): "10.0.0.1/24" is rejected. Returns `undefined` for anything malformed.
 */
export function parseCidr(s: string): Cidr | undefined {
  const slash = s.indexOf('/')
  if (slash < 0) return undefined
  const base = parseIpv4(s.slice(0, slash))
  const prefixText = s.slice(slash + 1)
  if (base === undefined || !PREFIX.test(prefixText)) return undefined
  const prefix = Number(prefixText)
  if (prefix > 32) return undefined
  if ((base & ~maskOf(prefix)) >>> 0 !== 0) return undefined
  return { base, prefix, size: 2 ** (32 - prefix), text: `${formatIpv4(base)}/${prefix}` }
}

/** True if every address of `inner` is in `outer` (a block contains itself). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size
}

/** True if the two blocks share at least one address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size
}

/** True if `ip` (an unsigned 32-bit number) lies in the block. */
export function cidrContainsIp(c: Cidr, ip: number): boolean {
  return isIpv4Number(ip) && ip >= c.base && ip < c.base + c.size
}

/**
 * Offsets (from `base`) that Alibaba reserves in every vSwitch: the first address and the
 * last three. For blocks of fewer than four addresses every offset is reserved.
 */
export function reservedOffsets(c: Cidr): number[] {
  if (c.size < 4) return Array.from({ length: c.size }, (_, i) => i)
  return [0, c.size - 3, c.size - 2, c.size - 1]
}

/** True if `ip` is one of the block's reserved addresses (false for addresses outside it). */
export function isReserved(c: Cidr, ip: number): boolean {
  if (!cidrContainsIp(c, ip)) return false
  const offset = ip - c.base
  return offset === 0 || offset >= c.size - 3
}

/** True if `ip` is inside the block and not reserved, i.e. may be assigned to an ENI. */
export function isUsable(c: Cidr, ip: number): boolean {
  return cidrContainsIp(c, ip) && !isReserved(c, ip)
}

/** Number of assignable addresses: size − 4 (a /24 → 252, a /29 → 4), never negative. */
export function usableCount(c: Cidr): number {
  return Math.max(0, c.size - 4)
}

/**
 * The vSwitch gateway: the third-from-last address (192.168.1.253 for 192.168.1.0/24).
 * Throws a RangeError for /31 and /32, which have no such address.
 */
export function gatewayOf(c: Cidr): number {
  if (c.size < 4) throw new RangeError(`a /${c.prefix} block has no gateway address`)
  return c.base + c.size - 3
}
