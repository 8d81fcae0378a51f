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

/** Throws unless adding `adding` private IPs keeps the ENI within its cap. */
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
  const current = eni.privateIps.length
  if (current + adding > cap) throw errors.ipv4CountExceeded(eni.id, cap, current, adding)
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
