// The pure part of validating caller-specified private IP addresses against a vSwitch CIDR.
// Three passes in spec order; the first failing pass wins and reports its first offender.
// The service layer maps each kind to an error code.

import { type Cidr, cidrContainsIp, isUsable } from './cidr.js'
import { parseIpv4 } from './ipv4.js'

export type RequestedAddressClassification =
  | { kind: 'malformed'; address: string }
  | { kind: 'repeated'; address: string }
  /** Outside the CIDR. */
  | { kind: 'outside'; address: string }
  /** Inside the CIDR but one of its reserved addresses (the first and the last three). */
  | { kind: 'reserved'; address: string }
  | { kind: 'ok'; addresses: number[] }

export function classifyRequestedAddresses(
  cidr: Cidr,
  requested: readonly string[],
): RequestedAddressClassification {
  const addresses: number[] = []
  for (const address of requested) {
    const ip = parseIpv4(address)
    if (ip === undefined) return { kind: 'malformed', address }
    addresses.push(ip)
  }
  const seen = new Set<number>()
  for (const [i, ip] of addresses.entries()) {
    if (seen.has(ip)) return { kind: 'repeated', address: requested[i] ?? '' }
    seen.add(ip)
  }
  for (const [i, ip] of addresses.entries()) {
    if (isUsable(cidr, ip)) continue
    const address = requested[i] ?? ''
    return cidrContainsIp(cidr, ip) ? { kind: 'reserved', address } : { kind: 'outside', address }
  }
  return { kind: 'ok', addresses }
}
