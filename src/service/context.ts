// What every operation receives: the store, the injected clock/ids/randomness, and the
// server's configuration slices (profile, quotas, regions, async delay).
import type { Random } from '../allocator/random.js'
import type { Clock } from '../domain/clock.js'
import type { IdGenerator } from '../domain/ids.js'
import type { QuotaProfile, RegionQuotas } from '../domain/quota-profile.js'
import type { Region } from '../domain/regions.js'
import type { Store } from '../storage/store.js'
import { AddressPools } from './address-pools.js'

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
