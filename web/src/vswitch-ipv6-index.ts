// The Create vSwitch dialog's IPv6 field: CreateVSwitch's `Ipv6CidrBlock` is the index (0–255)
// of the vSwitch's /64 inside the VPC's /56. Turns an index into its /64, checks a typed index as
// you type, and suggests the first index no sibling vSwitch uses.
import { formatIpv6, parseIpv6Cidr, VSWITCH_IPV6_PREFIX } from './ipv6-checks.js'

export const IPV6_INDEX_COUNT = 256

/** The /64 at `index` of the VPC block (a /56), or `undefined` when either is not valid. */
export function ipv6BlockAt(vpcBlockText: string, index: number): string | undefined {
  const vpc = parseIpv6Cidr(vpcBlockText)
  if (vpc === undefined || vpc.prefixLength > VSWITCH_IPV6_PREFIX) return undefined
  const count = 2 ** (VSWITCH_IPV6_PREFIX - vpc.prefixLength)
  if (!Number.isInteger(index) || index < 0 || index >= Math.min(count, IPV6_INDEX_COUNT)) {
    return undefined
  }
  const base = vpc.network + (BigInt(index) << BigInt(128 - VSWITCH_IPV6_PREFIX))
  return `${formatIpv6(base)}/${VSWITCH_IPV6_PREFIX}`
}

/** `Ipv6CidrBlock`'s text as an index, or `undefined` unless it is a whole number 0–255. */
export function parseIpv6Index(text: string): number | undefined {
  if (!/^(0|[1-9][0-9]{0,2})$/.test(text.trim())) return undefined
  const n = Number(text.trim())
  return n < IPV6_INDEX_COUNT ? n : undefined
}

/**
 * `undefined` when `text` is a free index of the VPC block; else a sentence why not. `taken`
 * maps the /64s of the VPC's vSwitches to their IDs.
 */
export function ipv6IndexProblem(
  text: string,
  vpcBlockText: string,
  taken: ReadonlyMap<string, string>,
): string | undefined {
  const index = parseIpv6Index(text)
  if (index === undefined) return 'Enter the /64 index as a whole number from 0 to 255.'
  const block = ipv6BlockAt(vpcBlockText, index)
  if (block === undefined) return `The VPC's IPv6 block ${vpcBlockText} has no /64 number ${index}.`
  const owner = taken.get(block)
  if (owner !== undefined) return `${block} is already the IPv6 CIDR of ${owner}.`
  return undefined
}

/** The first index whose /64 no vSwitch of the VPC uses. */
export function suggestIpv6Index(
  vpcBlockText: string,
  taken: ReadonlyMap<string, string>,
): number | undefined {
  for (let i = 0; i < IPV6_INDEX_COUNT; i++) {
    const block = ipv6BlockAt(vpcBlockText, i)
    if (block === undefined) return undefined
    if (!taken.has(block)) return i
  }
  return undefined
}
