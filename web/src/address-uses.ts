// What each IPv4 address of a vSwitch is used for, from its ENIs (DescribeNetworkInterfaces
// VSwitchId=…): a primary or secondary private IP, a member of a /28 prefix (16 addresses each,
// as AvailableIpAddressCount counts them), reserved (the first and the last three), or free.
// Pure: the address map draws it.
import { cidrSize, isReserved, parseIpv4, type Ipv4Cidr } from './address-checks.js'
import { ipv4PrefixMembers } from './prefix-checks.js'
import type { NetworkInterface } from './wire-types.js'

export type Use = 'free' | 'primary' | 'secondary' | 'prefix' | 'reserved'
/** Most notable first: a block of addresses shows the first use found in it. */
export const USE_ORDER: readonly Use[] = ['primary', 'secondary', 'prefix', 'reserved', 'free']

export interface AddressUses {
  /** The use at an offset from the CIDR's network address. */
  readonly useOf: (offset: number) => Use
  readonly counts: Readonly<Record<Use, number>>
}

export function addressUses(cidr: Ipv4Cidr, enis: readonly NetworkInterface[]): AddressUses {
  const size = cidrSize(cidr)
  const used = new Map<number, Use>()
  const mark = (ip: string, use: Use) => {
    const value = parseIpv4(ip)
    if (value === undefined) return
    const offset = value - cidr.network
    if (offset >= 0 && offset < size && !isReserved(cidr, value)) used.set(offset, use)
  }
  for (const eni of enis) {
    for (const p of eni.Ipv4PrefixSets.Ipv4PrefixSet) {
      for (const ip of ipv4PrefixMembers(p.Ipv4Prefix)) mark(ip, 'prefix')
    }
    for (const ip of eni.PrivateIpSets.PrivateIpSet) {
      mark(ip.PrivateIpAddress, ip.Primary ? 'primary' : 'secondary')
    }
  }
  const counts: Record<Use, number> = { free: 0, primary: 0, secondary: 0, prefix: 0, reserved: 0 }
  counts.reserved = Math.min(4, size)
  for (const use of used.values()) counts[use] += 1
  counts.free = size - counts.reserved - counts.primary - counts.secondary - counts.prefix
  return {
    useOf: (offset) =>
      isReserved(cidr, cidr.network + offset) ? 'reserved' : (used.get(offset) ?? 'free'),
    counts,
  }
}
