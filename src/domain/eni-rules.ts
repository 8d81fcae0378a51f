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

/** Throws unless adding `adding` secondary private IPs keeps the ENI within its limit. */
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
  const secondaries = eni.privateIps.length - 1
  if (secondaries + adding > limit.maxSecondary) {
    throw errors.ipv4CountExceeded({ eniId: eni.id, ...limit, secondaries, adding })
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
