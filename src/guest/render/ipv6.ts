// IPv6 text helpers for the renderers: strict parsing (RFC 4291 text forms, no zone index, no
// embedded IPv4), the canonical RFC 5952 form, numeric order, CIDR membership and alignment.

const GROUP = /^[0-9A-Fa-f]{1,4}$/

function groups(text: string): number[] | undefined {
  if (text === '') return []
  const parts = text.split(':')
  if (!parts.every((p) => GROUP.test(p))) return undefined
  return parts.map((p) => parseInt(p, 16))
}

/** Parses an IPv6 address into a 128-bit integer; `undefined` when malformed. */
export function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:]{2,39}$/.test(text)) return undefined
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const head = groups(halves[0] ?? '')
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : []
  if (head === undefined || tail === undefined) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail]
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n)
}

/** RFC 5952: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`. */
export function formatIpv6(value: bigint): string {
  const parts: number[] = []
  for (let i = 7; i >= 0; i--) parts.push(Number((value >> BigInt(i * 16)) & 0xffffn))
  let best = { start: -1, length: 0 }
  for (let i = 0; i < 8;) {
    if (parts[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && parts[j] === 0) j++
    if (j - i > best.length) best = { start: i, length: j - i }
    i = j
  }
  const hex = parts.map((p) => p.toString(16))
  if (best.length < 2) return hex.join(':')
  const head = hex.slice(0, best.start).join(':')
  const tail = hex.slice(best.start + best.length).join(':')
  return `${head}::${tail}`
}

/** The canonical form of a valid address; `undefined` when malformed. */
export function canonicalIpv6(text: string): string | undefined {
  const value = parseIpv6(text)
  return value === undefined ? undefined : formatIpv6(value)
}

export function compareIpv6(a: string, b: string): number {
  const x = parseIpv6(a) ?? 0n
  const y = parseIpv6(b) ?? 0n
  return x < y ? -1 : x > y ? 1 : 0
}

export interface Ipv6Cidr {
  readonly network: bigint
  readonly prefixLength: number
  /** canonical `addr/len` */
  readonly text: string
}

/** Parses `addr/len` whose host bits are zero; `undefined` when malformed or misaligned. */
export function parseIpv6Cidr(text: string): Ipv6Cidr | undefined {
  const match = /^([0-9A-Fa-f:]+)\/(0|[1-9][0-9]{0,2})$/.exec(text)
  if (match === null) return undefined
  const network = parseIpv6(match[1] ?? '')
  const prefixLength = Number(match[2])
  if (network === undefined || prefixLength > 128) return undefined
  const hostBits = (1n << BigInt(128 - prefixLength)) - 1n
  if ((network & hostBits) !== 0n) return undefined
  return { network, prefixLength, text: `${formatIpv6(network)}/${prefixLength}` }
}

/** True when `inner` (an address or a CIDR's network with its length) lies inside `outer`. */
export function ipv6CidrContains(outer: Ipv6Cidr, address: bigint, length = 128): boolean {
  if (length < outer.prefixLength) return false
  const shift = BigInt(128 - outer.prefixLength)
  return address >> shift === outer.network >> shift
}
