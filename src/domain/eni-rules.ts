// Pure rules of the product document and spec §4.4/§5, parameterised by the quota profile.
import { errors } from './errors.js'
import type { InstanceType } from './instance-types.js'
import type { QuotaProfile } from './quota-profile.js'
import type { EniView, Instance } from './resources.js'
import type { InstanceStatus } from './statuses.js'

/**
 * Private IPs (primary included) an ENI may hold: `Available` → 1 + the profile's secondary cap;
 * attached → the instance type's `EniPrivateIpAddressQuantity` (capped at 20 in `seed`).
 */
export function privateIpCap(
  profile: QuotaProfile,
  attachedType: InstanceType | undefined,
): number {
  if (attachedType === undefined) return 1 + profile.availableSecondaryIpCap
  const typeCap = attachedType.eniPrivateIpAddressQuantity
  return profile.inUsePrivateIpCeiling === undefined
    ? typeCap
    : Math.min(profile.inUsePrivateIpCeiling, typeCap)
}

/** IPv4 slots an ENI uses: its private IPs plus one per IPv4 prefix (extensions.md §3.2). */
export function ipv4SlotsOf(eni: Pick<EniView, 'privateIps' | 'ipv4Prefixes'>): number {
  return eni.privateIps.length + eni.ipv4Prefixes.length
}

/** Throws unless adding `adding` IPv4 slots (addresses or /28 prefixes) keeps the ENI within its cap. */
export function checkPrivateIpCap(
  profile: QuotaProfile,
  eni: EniView,
  attachedType: InstanceType | undefined,
  adding: number,
): void {
  if (attachedType !== undefined && attachedType.eniPrivateIpAddressQuantity <= 1) {
    throw errors.instanceTypeNoSecondaryIp(attachedType.instanceTypeId)
  }
  const cap = privateIpCap(profile, attachedType)
  const current = ipv4SlotsOf(eni)
  if (current + adding > cap) throw errors.ipv4CountExceeded(eni.id, cap, current, adding)
}

/** IPv6 addresses (and /80 prefixes, one slot each) on an `Available` ENI (spec §5). */
export const AVAILABLE_IPV6_CAP = 10

/** IPv6 slots an ENI uses: its IPv6 addresses plus one per /80 prefix (ours, extensions.md §3.2). */
export function ipv6SlotsOf(eni: Pick<EniView, 'ipv6Addresses' | 'ipv6Prefixes'>): number {
  return eni.ipv6Addresses.length + eni.ipv6Prefixes.length
}

/** `Available` → 10; attached → the type's `EniIpv6AddressQuantity` (both profiles). */
export function ipv6Cap(attachedType: InstanceType | undefined): number {
  return attachedType === undefined ? AVAILABLE_IPV6_CAP : attachedType.eniIpv6AddressQuantity
}

/**
 * Throws unless adding `adding` IPv6 slots keeps the ENI within its cap: a type without IPv6
 * → `InvalidOperation.Ipv6NotSupport`, beyond the cap → `InvalidOperation.Ipv6CountExceeded`.
 */
export function checkIpv6Cap(
  eni: EniView,
  attachedType: InstanceType | undefined,
  adding: number,
): void {
  if (attachedType !== undefined && attachedType.eniIpv6AddressQuantity === 0) {
    throw errors.ipv6NotSupport(attachedType.instanceTypeId)
  }
  const cap = ipv6Cap(attachedType)
  const current = ipv6SlotsOf(eni)
  if (current + adding > cap) {
    throw errors.ipv6CountExceeded(eni.id, cap, attachedType?.instanceTypeId ?? '', current, adding)
  }
}

/** ENI must be in one of `allowed` (spec §4.4: InvalidOperation.InvalidEniState). */
export function requireEniStatus(eni: EniView, allowed: readonly EniView['status'][]): void {
  if (!allowed.includes(eni.status)) throw errors.invalidEniState(allowed.join(','), eni.status)
}

export function requireInstanceStatus(
  instance: Instance,
  allowed: readonly InstanceStatus[],
): void {
  if (!allowed.includes(instance.status)) {
    throw errors.invalidEcsState(allowed.join(','), instance.status)
  }
}

/** Attach/detach needs `Running`/`Stopped`; some small shared types need `Stopped`. */
export function attachDetachStatuses(type: InstanceType | undefined): readonly InstanceStatus[] {
  return type?.attachDetachRequiresStopped === true ? ['Stopped'] : ['Running', 'Stopped']
}

/** Security group member capacity in private IPs. */
export function securityGroupIpCap(profile: QuotaProfile, type: 'normal' | 'enterprise'): number {
  return type === 'enterprise'
    ? profile.enterpriseSecurityGroupIpCap
    : profile.normalSecurityGroupIpCap
}
