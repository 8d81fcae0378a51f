// IPv4 addresses as unsigned 32-bit numbers. Everything here is v4-specific by name so that
// a future ipv6.ts (bigint-based) can sit beside it without renames.

const OCTET = '(0|[1-9][0-9]{0,2})'
const DOTTED_QUAD = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`)

/** The largest IPv4 address as a number (255.255.255.255). */
export const IPV4_MAX = 0xffffffff

/**
 * Parses a strict dotted quad: exactly four decimal parts 0–255, no leading zeros (except a
 * lone "0"), no whitespace, no prefix length. Returns the address as an unsigned 32-bit
 * number, or `undefined` if `s` is not such an address.
 */
export function parseIpv4(s: string): number | undefined {
  const m = DOTTED_QUAD.exec(s)
  if (m === null) return undefined
  let n = 0
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i])
    if (octet > 255) return undefined
    n = n * 256 + octet
  }
  return n
}

/** True if `s` is a strict dotted-quad IPv4 address (see `parseIpv4`). */
export function isIpv4(s: string): boolean {
  return parseIpv4(s) !== undefined
}

/** True if `n` is an integer in [0, 2^32), i.e. a valid numeric IPv4 address. */
export function isIpv4Number(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= IPV4_MAX
}

/** Formats an unsigned 32-bit number as a dotted quad. Throws a RangeError for anything else. */
export function formatIpv4(n: number): string {
  if (!isIpv4Number(n)) throw new RangeError(`not an IPv4 address number: ${n}`)
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`
}
