// Client-side checks of a typed private IPv4 address against a vSwitch CIDR, as the user types
// (the server checks again; these only give early, precise feedback). Reserved addresses are the
// first and the last three of the CIDR (spec/eni-api.md §6.2); the gateway is third from last.
import {
  cidrContains,
  formatIpv4,
  parseCidr,
  parseIpv4,
  prefixToNetmask,
  type Ipv4Cidr,
} from '../../src/guest/render/ipv4.js'

export { parseCidr, parseIpv4, formatIpv4, prefixToNetmask, type Ipv4Cidr }

export function cidrSize(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefixLength)
}

/** The first address and the last three. */
export function reservedAddresses(cidr: Ipv4Cidr): string[] {
  const last = cidr.network + cidrSize(cidr) - 1
  return [cidr.network, last - 2, last - 1, last].map(formatIpv4)
}

export function gatewayOf(cidr: Ipv4Cidr): string {
  return formatIpv4(cidr.network + cidrSize(cidr) - 3)
}

export function isReserved(cidr: Ipv4Cidr, value: number): boolean {
  const offset = value - cidr.network
  return offset === 0 || offset >= cidrSize(cidr) - 3
}

export interface AddressContext {
  readonly cidrText: string
  /** Addresses this one must not repeat, with why (`the primary address`, `row 2`, …). */
  readonly taken: ReadonlyMap<string, string>
}

/** `undefined` when `text` may be requested; otherwise a sentence saying why not. */
export function addressProblem(text: string, ctx: AddressContext): string | undefined {
  const value = parseIpv4(text)
  if (value === undefined) {
    return 'Enter an IPv4 address such as 192.168.1.20, or leave the row blank for automatic.'
  }
  const cidr = parseCidr(ctx.cidrText)
  if (cidr === undefined) return undefined
  if (!cidrContains(cidr, text)) return `Not inside the IPv4 private CIDR ${ctx.cidrText}.`
  if (isReserved(cidr, value)) {
    return `${text} is reserved: the first and the last three addresses of ${ctx.cidrText} cannot be assigned.`
  }
  const owner = ctx.taken.get(text)
  if (owner !== undefined) return `${text} is already ${owner}.`
  return undefined
}
