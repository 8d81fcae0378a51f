// IPv6 addresses as unsigned 128-bit bigints, and the block arithmetic eniplane needs: a /56 per
// VPC, a /64 per vSwitch (index 0–255 inside the /56), /80 prefixes (index 0–65535 inside the
// /64). Text is always the RFC 5952 canonical form (lower case, longest zero run compressed).

export const IPV6_BITS = 128n
const MAX = (1n << 128n) - 1n

export interface Ipv6Cidr {
  /** The network address, all host bits zero. */
  readonly base: bigint
  /** Prefix length, 0–128. */
  readonly prefix: number
  /** Canonical text, e.g. "2408:4000:0:100::/64". */
  readonly text: string
}

const HEXTET = /^[0-9a-fA-F]{1,4}$/

function parseHextets(part: string): number[] | undefined {
  if (part === '') return []
  const groups = part.split(':')
  const out: number[] = []
  for (const g of groups) {
    if (!HEXTET.test(g)) return undefined
    out.push(parseInt(g, 16))
  }
  return out
}

/**
 * Parses an IPv6 address in any RFC 4291 text form without zone or prefix ("2408::1",
 * "2408:0:0:0:0:0:0:1"). Embedded IPv4 ("::ffff:1.2.3.4") is not accepted: ENIs never carry
 * one. Returns `undefined` for anything else.
 */
export function parseIpv6(s: string): bigint | undefined {
  if (s.length < 2 || s.length > 39) return undefined
  const double = s.indexOf('::')
  let groups: number[]
  if (double < 0) {
    const all = parseHextets(s)
    if (all?.length !== 8) return undefined
    groups = all
  } else {
    if (s.indexOf('::', double + 1) >= 0) return undefined
    const head = parseHextets(s.slice(0, double))
    const tail = parseHextets(s.slice(double + 2))
    if (head === undefined || tail === undefined || head.length + tail.length > 7) return undefined
    groups = [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail]
  }
  let n = 0n
  for (const g of groups) n = (n << 16n) | BigInt(g)
  return n
}

/** RFC 5952 text of a 128-bit number; throws a RangeError outside [0, 2^128). */
export function formatIpv6(n: bigint): string {
  if (n < 0n || n > MAX) throw new RangeError(`not an IPv6 address number: ${n}`)
  const groups: number[] = []
  for (let i = 7; i >= 0; i--) groups.push(Number((n >> BigInt(i * 16)) & 0xffffn))
  // The longest run of two or more zero groups (the first one on a tie) becomes "::".
  let bestStart = -1
  let bestLen = 1
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLen) {
      bestStart = i
      bestLen = j - i
    }
    i = j
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':')
  if (bestStart < 0) return hex(groups)
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`
}

/** The canonical text of `s`, or `undefined` if it is not an IPv6 address. */
export function canonicalIpv6(s: string): string | undefined {
  const n = parseIpv6(s)
  return n === undefined ? undefined : formatIpv6(n)
}

function hostMask(prefix: number): bigint {
  return (1n << (IPV6_BITS - BigInt(prefix))) - 1n
}

/** The block of length `prefix` starting at `base` (host bits must be zero). */
export function ipv6Cidr(base: bigint, prefix: number): Ipv6Cidr {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 128) {
    throw new RangeError(`not an IPv6 prefix length: ${prefix}`)
  }
  if ((base & hostMask(prefix)) !== 0n || base < 0n || base > MAX) {
    throw new RangeError(`host bits set in ${formatIpv6(base)}/${prefix}`)
  }
  return { base, prefix, text: `${formatIpv6(base)}/${prefix}` }
}

/**
 * Parses "addr/p" with the network address canonical for the prefix (host bits zero; "2408::1/64"
 * is rejected). Returns `undefined` for anything malformed.
 */
export function parseIpv6Cidr(s: string): Ipv6Cidr | undefined {
  const slash = s.indexOf('/')
  if (slash < 0) return undefined
  const base = parseIpv6(s.slice(0, slash))
  const prefixText = s.slice(slash + 1)
  if (base === undefined || !/^(0|[1-9][0-9]{0,2})$/.test(prefixText)) return undefined
  const prefix = Number(prefixText)
  if (prefix > 128 || (base & hostMask(prefix)) !== 0n) return undefined
  return ipv6Cidr(base, prefix)
}

/** True if `ip` lies in the block. */
export function ipv6CidrContains(c: Ipv6Cidr, ip: bigint): boolean {
  return ip >= c.base && ip <= c.base + hostMask(c.prefix)
}

/** True if every address of `inner` is in `outer`. */
export function ipv6CidrContainsCidr(outer: Ipv6Cidr, inner: Ipv6Cidr): boolean {
  return inner.prefix >= outer.prefix && ipv6CidrContains(outer, inner.base)
}

/** The `index`-th sub-block of length `prefix` inside `outer` (e.g. the k-th /56 of a /40). */
export function subBlock(outer: Ipv6Cidr, prefix: number, index: number | bigint): Ipv6Cidr {
  const count = 1n << BigInt(prefix - outer.prefix)
  const i = BigInt(index)
  if (prefix < outer.prefix || i < 0n || i >= count) {
    throw new RangeError(`no sub-block /${prefix} #${i} in ${outer.text}`)
  }
  return ipv6Cidr(outer.base + (i << (IPV6_BITS - BigInt(prefix))), prefix)
}

/** The index of the sub-block of length `prefix` of `outer` that contains `ip` (must be inside). */
export function subBlockIndex(outer: Ipv6Cidr, prefix: number, ip: bigint): number {
  return Number((ip - outer.base) >> (IPV6_BITS - BigInt(prefix)))
}

/** Number of sub-blocks of length `prefix` in `outer` (as a number; at most 2^53). */
export function subBlockCount(outer: Ipv6Cidr, prefix: number): number {
  return 2 ** (prefix - outer.prefix)
}

// vSwitch /64 rules (ours, extensions.md §2.4–§2.5): the interface IDs 0 (subnet-router anycast),
// 1 (the gateway, `ipv6-gateway`) and all-ones are reserved and never handed out.

export const VSWITCH_IPV6_PREFIX = 64
export const IPV6_PREFIX_LENGTH = 80
/** /80 prefixes in a /64. */
export const IPV6_PREFIXES_PER_VSWITCH = 65536
const IID_MAX = (1n << 64n) - 1n

/** True if `ip` is in the vSwitch /64 and not one of its reserved interface IDs. */
export function isUsableIpv6(vswitch: Ipv6Cidr, ip: bigint): boolean {
  if (!ipv6CidrContains(vswitch, ip)) return false
  const iid = ip - vswitch.base
  return iid > 1n && iid < IID_MAX
}

/** The gateway of a vSwitch /64: interface ID 1 (ours). */
export function ipv6GatewayOf(vswitch: Ipv6Cidr): string {
  return formatIpv6(vswitch.base + 1n)
}

/**
 * The /80 blocks that hold a reserved address (0 holds ::0 and ::1, the last holds the
 * all-ones ID): never given out as a prefix.
 */
export function isReservedIpv6Block(index: number): boolean {
  return index === 0 || index === IPV6_PREFIXES_PER_VSWITCH - 1
}

/** The /80 (as canonical text) of the vSwitch /64 that contains `ip`. */
export function ipv6BlockOf(vswitch: Ipv6Cidr, ip: bigint): string {
  return subBlock(vswitch, IPV6_PREFIX_LENGTH, subBlockIndex(vswitch, IPV6_PREFIX_LENGTH, ip)).text
}

/** A uniformly random usable address of the /64 from 64 random bits (`random` in [0, 1)). */
export function randomIpv6In(vswitch: Ipv6Cidr, random: () => number): bigint {
  for (;;) {
    let iid = 0n
    for (let i = 0; i < 4; i++) {
      iid = (iid << 16n) | BigInt(Math.min(65535, Math.floor(random() * 65536)))
    }
    const ip = vswitch.base + iid
    if (isUsableIpv6(vswitch, ip)) return ip
  }
}
