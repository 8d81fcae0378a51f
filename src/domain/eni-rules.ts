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

/** The instance an ENI is attached to, as far as its private IP limit is concerned. */
export interface AttachedTo {
  readonly instanceId: string
  readonly type: InstanceType
}

/** The limit that applies to one ENI, with the facts it comes from (for messages and the console). */
export interface PrivateIpLimit {
  /** Private IPs the ENI may hold, primary included. */
  readonly maxPrivate: number
  /** Secondary private IPs the ENI may hold (`maxPrivate - 1`). */
  readonly maxSecondary: number
  /** Where the number comes from: state, instance type, quota profile. */
  readonly because: string
}

export function privateIpLimit(
  profile: QuotaProfile,
  attached: AttachedTo | undefined,
): PrivateIpLimit {
  const maxPrivate = privateIpCap(profile, attached?.type)
  const maxSecondary = Math.max(0, maxPrivate - 1)
  if (attached === undefined) {
    return {
      maxPrivate,
      maxSecondary,
      because: `an Available ENI holds at most ${profile.availableSecondaryIpCap} secondary private IP addresses under quota profile "${profile.name}"`,
    }
  }
  const typeCap = attached.type.eniPrivateIpAddressQuantity
  const ceiling = profile.inUsePrivateIpCeiling
  const capped =
    ceiling !== undefined && ceiling < typeCap
      ? `, capped at ${ceiling} by quota profile "${profile.name}"`
      : ` under quota profile "${profile.name}"`
  return {
    maxPrivate,
    maxSecondary,
    because: `it is attached to instance "${attached.instanceId}" of type ${attached.type.instanceTypeId}, which allows ${typeCap} private IP addresses per ENI, primary included${capped}`,
  }
}

/** Throws unless adding `adding` IPv4 slots (secondary addresses or /28 prefixes) keeps the ENI within its limit. */
export function checkPrivateIpCap(
  profile: QuotaProfile,
  eni: EniView,
  attached: AttachedTo | undefined,
  adding: number,
): void {
  if (attached !== undefined && attached.type.eniPrivateIpAddressQuantity <= 1) {
    throw errors.instanceTypeNoSecondaryIp(
      eni.id,
      attached.instanceId,
      attached.type.instanceTypeId,
    )
  }
  const limit = privateIpLimit(profile, attached)
  // A /28 prefix takes one slot, like an address (extensions.md §3.2).
  const secondaries = ipv4SlotsOf(eni) - 1
  if (secondaries + adding > limit.maxSecondary) {
    const prefixes = eni.ipv4Prefixes.length
    throw errors.ipv4CountExceeded({ eniId: eni.id, ...limit, secondaries, adding, prefixes })
  }
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

/** ENI states in which a task is running on it (extensions.md §4.3). */
const TRANSITIONAL: ReadonlySet<EniView['status']> = new Set(['Attaching', 'Detaching', 'Deleting'])

/**
 * ENI must be in one of `allowed` (spec §4.4: InvalidOperation.InvalidEniState). An ENI in a
 * transitional state is busy with another task: `Operation.Conflict` (403, retryable; Terway
 * retries it), as ECS answers while "the ENI is processing another task" (extensions.md §4.3).
 */
export function requireEniStatus(eni: EniView, allowed: readonly EniView['status'][]): void {
  if (allowed.includes(eni.status)) return
  if (TRANSITIONAL.has(eni.status)) throw errors.eniOperationConflict()
  throw errors.invalidEniState(allowed.join(','), eni.status)
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
