// The limit the Manage Secondary Private IP Address dialog shows and enforces, from the same
// facts the server checks (DESIGN.md's quota profiles): an Available ENI holds at most the
// profile's secondary cap (10 under seed); an attached one at most its instance type's
// EniPrivateIpAddressQuantity private IPs, primary included (capped at 20 under seed).
import { findInstance } from '../catalog-queries.js'
import { callAction, quotaProfile } from '../console-api.js'
import { eniInstanceId, type NetworkInterface } from '../wire-types.js'

export interface IpLimit {
  readonly maxSecondary: number
  /** Where the number comes from: state, instance type, quota profile. */
  readonly because: string
}

export async function loadIpLimit(eni: NetworkInterface): Promise<IpLimit | undefined> {
  const profile = quotaProfile()
  if (profile === undefined) return undefined
  const instanceId = eniInstanceId(eni)
  if (instanceId === '') {
    return {
      maxSecondary: profile.AvailableSecondaryIpCap,
      because: `the ENI is Available (not attached), and quota profile ${profile.Name} allows ${profile.AvailableSecondaryIpCap} secondary addresses on an Available ENI`,
    }
  }
  const type = (await findInstance(instanceId))?.InstanceType
  if (type === undefined) return undefined
  const res = await callAction<{
    InstanceTypes: { InstanceType: Array<{ EniPrivateIpAddressQuantity: number }> }
  }>('DescribeInstanceTypes', { InstanceTypes: [type] })
  const quantity = res.InstanceTypes.InstanceType[0]?.EniPrivateIpAddressQuantity
  if (quantity === undefined) return undefined
  const ceiling = profile.InUsePrivateIpCeiling
  const maxPrivate = ceiling === undefined ? quantity : Math.min(ceiling, quantity)
  const capped =
    ceiling !== undefined && ceiling < quantity
      ? `, capped at ${ceiling} by quota profile ${profile.Name}`
      : ` (quota profile ${profile.Name})`
  return {
    maxSecondary: Math.max(0, maxPrivate - 1),
    because: `the ENI is attached to ${instanceId}, an ${type}, which allows ${quantity} private IP addresses per ENI, primary included${capped}`,
  }
}

export interface LimitCounts {
  readonly assigned: number
  readonly removing: number
  readonly adding: number
}

/** How many more rows fit after this plan (negative: the plan is over the limit). */
export function remainingAfter(limit: IpLimit, c: LimitCounts): number {
  return limit.maxSecondary - (c.assigned - c.removing) - c.adding
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
        ? 'No more fit: remove an address to make room.'
        : `${-remaining} too many: remove ${-remaining === 1 ? 'a row' : `${-remaining} rows`}.`
  return `At most ${limit.maxSecondary} secondary private IP addresses: ${limit.because}. ${plan}; ${fit}`
}
