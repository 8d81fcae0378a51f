// The limits the Manage Secondary Private IP Address dialog shows and enforces, from the same facts
// the server checks (DESIGN.md's quota profiles, README "IPv6 and prefixes"). IPv4: an Available
// ENI holds at most the profile's secondary cap (10 under seed); an attached one at most its
// instance type's EniPrivateIpAddressQuantity private IPs, primary included (capped at 20 under
// seed); each /28 prefix takes one slot. IPv6: 10 on an Available ENI, the type's
// EniIpv6AddressQuantity when attached; each /80 prefix takes one slot. No DOM, no calls here.
import type { QuotaProfileInfo } from '../console-api.js'

export type IpFamily = 'ipv4' | 'ipv6'

export interface IpLimit {
  readonly family: IpFamily
  /** Slots: secondary IPv4 addresses and /28s, or IPv6 addresses and /80s. */
  readonly max: number
  /** Where the number comes from: state, instance type, quota profile. */
  readonly because: string
}

/** The instance an ENI is attached to, with what its type allows per ENI. */
export interface AttachedFacts {
  readonly instanceId: string
  readonly instanceType: string
  readonly eniPrivateIpAddressQuantity: number
  readonly eniIpv6AddressQuantity: number
}

/** IPv6 addresses and /80s on an ENI that is not attached (spec §5). */
export const AVAILABLE_IPV6_CAP = 10

export function ipv4Limit(profile: QuotaProfileInfo, attached: AttachedFacts | undefined): IpLimit {
  if (attached === undefined) {
    return {
      family: 'ipv4',
      max: profile.AvailableSecondaryIpCap,
      because: `the ENI is Available (not attached), and quota profile ${profile.Name} allows ${profile.AvailableSecondaryIpCap} secondary addresses on an Available ENI`,
    }
  }
  const quantity = attached.eniPrivateIpAddressQuantity
  const ceiling = profile.InUsePrivateIpCeiling
  const maxPrivate = ceiling === undefined ? quantity : Math.min(ceiling, quantity)
  const capped =
    ceiling !== undefined && ceiling < quantity
      ? `, capped at ${ceiling} by quota profile ${profile.Name}`
      : ` (quota profile ${profile.Name})`
  return {
    family: 'ipv4',
    max: Math.max(0, maxPrivate - 1),
    because: `the ENI is attached to ${attached.instanceId}, an ${attached.instanceType}, which allows ${quantity} private IP addresses per ENI, primary included${capped}`,
  }
}

export function ipv6Limit(attached: AttachedFacts | undefined): IpLimit {
  if (attached === undefined) {
    return {
      family: 'ipv6',
      max: AVAILABLE_IPV6_CAP,
      because: `the ENI is Available (not attached), which allows ${AVAILABLE_IPV6_CAP}`,
    }
  }
  const quantity = attached.eniIpv6AddressQuantity
  return {
    family: 'ipv6',
    max: quantity,
    because:
      quantity === 0
        ? `the ENI is attached to ${attached.instanceId}, an ${attached.instanceType}, which supports no IPv6 address on an ENI (EniIpv6AddressQuantity 0)`
        : `the ENI is attached to ${attached.instanceId}, an ${attached.instanceType}, whose EniIpv6AddressQuantity is ${quantity}`,
  }
}

export interface LimitCounts {
  /** Assigned now: addresses plus prefixes of the family. */
  readonly assigned: number
  readonly removing: number
  readonly adding: number
}

/** How many more rows fit after this plan (negative: the plan is over the limit). */
export function remainingAfter(limit: IpLimit, c: LimitCounts): number {
  return limit.max - (c.assigned - c.removing) - c.adding
}

const WHAT: Readonly<Record<IpFamily, string>> = {
  ipv4: 'secondary private IP addresses (a /28 prefix takes one slot)',
  ipv6: 'IPv6 addresses (a /80 prefix takes one slot)',
}

export function limitSentence(limit: IpLimit, c: LimitCounts): string {
  const remaining = remainingAfter(limit, c)
  const plan = [
    `${c.assigned} assigned`,
    c.removing > 0 ? `${c.removing} to remove` : '',
    c.adding > 0 ? `${c.adding} new` : '',
  ]
    .filter((s) => s !== '')
    .join(', ')
  const fit =
    remaining > 0
      ? `${remaining} more fit.`
      : remaining === 0
        ? 'No more fit: remove an address or a prefix to make room.'
        : `${-remaining} too many: remove ${-remaining === 1 ? 'a row' : `${-remaining} rows`}.`
  return `At most ${limit.max} ${WHAT[limit.family]}: ${limit.because}. ${plan}; ${fit}`
}
