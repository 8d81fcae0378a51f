// What every operation receives: the store, the injected clock/ids/randomness, and the
// server's configuration slices (profile, quotas, regions, async delay).
import { type Ipv6Cidr, parseIpv6Cidr } from '../allocator/ipv6.js'
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
import { Ipv6BlockPools } from './ipv6-block-pools.js'

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
  /** the current call's pending event (events are written with the effect); see withAudit */
  readonly audit?: AuditTrail | undefined
  /** The pool each IPv6-enabled VPC gets its /56 from (the k-th VPC: the k-th /56). */
  readonly ipv6Pool: Ipv6Cidr
  readonly ipv6Blocks: Ipv6BlockPools
}

/** Default IPv6 pool (extensions.md §2.1): a GUA /40, 65,536 VPC /56s. */
export const DEFAULT_IPV6_POOL = '2408:4000::/40'

/** Parses a pool: an IPv6 CIDR of prefix length 8–56; throws a plain Error otherwise. */
export function parseIpv6Pool(text: string): Ipv6Cidr {
  const c = parseIpv6Cidr(text)
  if (!c || c.prefix < 8 || c.prefix > 56) {
    throw new Error(
      `IPv6 pool must be an IPv6 CIDR block of /8 to /56, got ${JSON.stringify(text)}`,
    )
  }
  return c
}

/**
 * The context of one call: `ctx` with that call's audit trail, which the call's first
 * transaction takes its pending event from (runTransaction). The HTTP layer hands the trail to
 * each state-changing handler explicitly; carrying it implicitly (AsyncLocalStorage) cost every
 * promise of every request a hook.
 */
export function withAudit(ctx: ServiceContext, audit: AuditTrail | undefined): ServiceContext {
  return audit === undefined ? ctx : { ...ctx, audit }
}

/** The authenticated caller; every query is scoped to its account. */
export interface Caller {
  readonly accountId: string
}

export function createServiceContext(
  opts: Omit<ServiceContext, 'pools' | 'allocation' | 'ipv6Pool' | 'ipv6Blocks'> & {
    allocation?: AllocationMode
    /** How many vSwitch address pools to keep in memory (least recently used evicted). */
    maxPools?: number
    ipv6Pool?: string
  },
): ServiceContext {
  const { maxPools, ipv6Pool, ...rest } = opts
  return {
    ...rest,
    allocation: opts.allocation ?? 'random',
    pools: new AddressPools(maxPools),
    ipv6Pool: parseIpv6Pool(ipv6Pool ?? DEFAULT_IPV6_POOL),
    ipv6Blocks: new Ipv6BlockPools(),
  }
}
