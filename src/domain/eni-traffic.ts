// How an ENI carries traffic (extensions.md §7): its communication mode and its queues.
// `HighPerformance` makes the ENI an ERI (elastic RDMA interface): it attaches only to a type
// with ERI support, and an instance holds at most the type's `EriQuantity` of them (ours:
// refused with InvalidOperation.InvalidEniType, 403 [U]). `QueueNumber` is 1–2048; attached, it
// may not exceed the type's `MaximumQueueNumberPerEni` (the docs say "less than", but the real
// API's default for ecs.g7.xlarge equals its maximum, so ours: at most); unset, an attached ENI
// has the type's `SecondaryEniQueueNumber` and an Available one reports 0.
import { errors } from './errors.js'
import type { InstanceType } from './instance-types.js'

export type TrafficMode = 'Standard' | 'HighPerformance'

export const TRAFFIC_MODES: readonly TrafficMode[] = ['Standard', 'HighPerformance']

export const MAX_QUEUE_NUMBER = 2048

/** `undefined` stays undefined; a known mode is returned; anything else is `InvalidParameter`. */
export function checkTrafficMode(
  value: string | undefined,
  param: string,
): TrafficMode | undefined {
  if (value === undefined) return undefined
  const mode = TRAFFIC_MODES.find((m) => m === value)
  if (mode === undefined) {
    throw errors.invalidParameter(
      param,
      `The specified parameter "${param}" is not valid: "${value}" is neither Standard nor HighPerformance.`,
    )
  }
  return mode
}

/** A queue count a client sets: an integer, 1–2048 (`InvalidParameter` otherwise). */
export function checkQueueNumberRange(value: number, param: string): void {
  if (!Number.isInteger(value) || value < 1 || value > MAX_QUEUE_NUMBER) {
    throw errors.invalidParameter(
      param,
      `The specified parameter "${param}" is not valid: ${value} is not an integer from 1 to ${MAX_QUEUE_NUMBER}.`,
    )
  }
}

/** RDMA queue pairs exist only on an ERI (extensions.md §7): `InvalidParameter` otherwise. */
export function checkQueuePairsAllowed(mode: TrafficMode): void {
  if (mode !== 'HighPerformance') {
    throw errors.invalidParameter(
      'QueuePairNumber',
      'The specified parameter "QueuePairNumber" is valid only for an elastic RDMA interface (NetworkInterfaceTrafficMode HighPerformance).',
    )
  }
}

/**
 * Throws unless `type` may take one more `HighPerformance` ENI while holding `attachedEris`.
 * A type without ERI support (EriQuantity 0) takes none.
 */
export function checkEriAttach(type: InstanceType, attachedEris: number): void {
  if (attachedEris + 1 > type.eriQuantity) {
    throw errors.eriNotSupported(type.instanceTypeId, type.eriQuantity, attachedEris)
  }
}

/** Throws unless `queueNumber` fits an ENI attached to `type` (when the type's limit is known). */
export function checkQueueNumberFits(queueNumber: number, type: InstanceType): void {
  const max = type.maximumQueueNumberPerEni
  if (max !== undefined && queueNumber > max) {
    throw errors.maxEniQueueNumberExceeded(queueNumber, type.instanceTypeId, max)
  }
}

/**
 * The queue number an ENI reports: the one set on it; otherwise, attached, its type's
 * `SecondaryEniQueueNumber` (`PrimaryEniQueueNumber` for a primary ENI); otherwise 0. Always a
 * number: Terraform reads it with formatInt.
 */
export function effectiveQueueNumber(
  queueNumber: number | null,
  primary: boolean,
  attachedType: InstanceType | undefined,
): number {
  if (queueNumber !== null) return queueNumber
  const typeDefault = primary
    ? attachedType?.primaryEniQueueNumber
    : attachedType?.secondaryEniQueueNumber
  return typeDefault ?? 0
}
