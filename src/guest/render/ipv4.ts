// IPv4 text helpers for the renderers: strict dotted quads, numeric order, CIDR membership.

/** Parses a dotted quad without leading zeros; `undefined` when malformed. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  let value = 0
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined
    const octet = Number(part)
    if (octet > 255) return undefined
    value = value * 256 + octet
  }
  return value
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.')
}

/** Numeric order of two valid dotted quads. */
export function compareIpv4(a: string, b: string): number {
  return (parseIpv4(a) ?? 0) - (parseIpv4(b) ?? 0)
}

export function prefixToNetmask(prefixLength: number): string {
  return formatIpv4(2 ** 32 - 2 ** (32 - prefixLength))
}

export interface Ipv4Cidr {
  readonly network: number
  readonly prefixLength: number
}

/** Parses `a.b.c.d/n` whose host bits are zero; `undefined` when malformed. */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const match = /^([0-9.]+)\/(0|[1-9][0-9]?)$/.exec(text)
  if (match === null) return undefined
  const network = parseIpv4(match[1] ?? '')
  const prefixLength = Number(match[2])
  if (network === undefined || prefixLength > 32) return undefined
  if (network % 2 ** (32 - prefixLength) !== 0) return undefined
  return { network, prefixLength }
}

export function cidrContains(cidr: Ipv4Cidr, address: string): boolean {
  const value = parseIpv4(address)
  if (value === undefined) return false
  const size = 2 ** (32 - cidr.prefixLength)
  return value >= cidr.network && value < cidr.network + size
}
