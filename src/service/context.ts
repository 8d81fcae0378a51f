// What every operation receives: the store, the injected clock/ids/randomness, and the
// server's configuration slices (profile, quotas, regions, async delay).
import type { Random } from '../allocator/random.js'
import type { Clock } from '../domain/clock.js'
import type { IdGenerator } from '../domain/ids.js'
import type { QuotaProfile, RegionQuotas } from '../domain/quota-profile.js'
import type { Region } from '../domain/regions.js'
import type { FaultBook } from '../domain/fault-rules.js'
import type { LatencyModel } from '../domain/latency-model.js'
import type { Store } from '../storage/store.js'
import { AddressPools } from './address-pools.js'
import type { AuditTrail } from './audit.js'

export type AllocationMode = 'random' | 'sequential'

export interface ServiceContext {
  readonly store: Store
  readonly clock: Clock
  readonly ids: IdGenerator
  readonly random: Random
  readonly profile: QuotaProfile
  readonly quotas: RegionQuotas
  readonly regions: readonly Region[]
  readonly asyncDelayMs: number
  readonly allocation: AllocationMode
  readonly pools: AddressPools
  /** how long each async transition lasts; absent: `asyncDelayMs` for all */
  readonly latency?: LatencyModel | undefined
  /** fault rules (transition rules are applied when an operation is scheduled) */
  readonly faults?: FaultBook | undefined
  /** the current call's pending event (events are written with the effect) */
  readonly audit?: AuditTrail | undefined
}

/** The authenticated caller; every query is scoped to its account. */
export interface Caller {
  readonly accountId: string
}

export function createServiceContext(
  opts: Omit<ServiceContext, 'pools' | 'allocation'> & {
    allocation?: AllocationMode
    /** How many vSwitch address pools to keep in memory (least recently used evicted). */
    maxPools?: number
  },
): ServiceContext {
  const { maxPools, ...rest } = opts
  return { ...rest, allocation: opts.allocation ?? 'random', pools: new AddressPools(maxPools) }
}
