// The one loop every automatic pick runs (addresses, IPv4 /28s, IPv6 /80s): pick from the
// process's in-memory pool, reserve the picks there, let the database's unique key decide,
// and on a lost race merge the store's view and pick again. Only a pool rebuilt from the store
// that still has too few free candidates means the vSwitch is exhausted. Picks are reserved for
// their transaction: if it does not commit, the ones it claimed go back to the pool.
import type { Random } from '../allocator/random.js'
import type { ApiError } from '../domain/errors.js'
import { errors } from '../domain/errors.js'
import type { Tx } from '../storage/store.js'
import type { ServiceContext } from './context.js'
import { onRollback } from './run-transaction.js'

/** Lost races tolerated in one transaction before it is retried whole (OperationConflict). */
export const MAX_CLAIM_ROUNDS = 32

/** A pool as the loop sees it: candidates of type `P` (an address or a block index). */
export interface ClaimPool<P> {
  /** free candidates the pool holds */
  readonly free: number
  /** picks `n` free candidates (random or lowest-first, per the server mode) and reserves them */
  take(n: number): P[]
  /** returns reserved candidates to the pool */
  giveBack(picks: readonly P[]): void
}

/** What a pool offers the loop: picks in either order, and marking a candidate taken or free. */
export interface Pickable<P> {
  count(): number
  lowest(n: number): P[]
  random(n: number, random: Random): P[]
  take(p: P): void
  release(p: P): void
}

/** A pool seen through `Pickable`, picking lowest-first or at random per the server's mode. */
export function claimsFrom<P>(ctx: ServiceContext, pool: Pickable<P>): ClaimPool<P> {
  return {
    get free() {
      return pool.count()
    },
    take(n) {
      const picks = ctx.allocation === 'sequential' ? pool.lowest(n) : pool.random(n, ctx.random)
      for (const p of picks) pool.take(p)
      return picks
    },
    giveBack(picks) {
      for (const p of picks) pool.release(p)
    },
  }
}

export interface ClaimSpec<P> {
  readonly count: number
  /** the pool as cached */
  current(): Promise<ClaimPool<P>>
  /** the pool rebuilt from the store */
  rebuild(): Promise<ClaimPool<P>>
  /** after a lost race: the pool with the store's view merged (`lost` were taken by others) */
  afterLoss(pool: ClaimPool<P>, lost: readonly P[]): Promise<ClaimPool<P>>
  /** inserts the picks; says which were claimed (their canonical text) and which lost */
  insert(picks: readonly P[]): Promise<{ claimed: string[]; lost: P[] }>
  exhausted(): ApiError
}

export async function claimLoop<P>(tx: Tx, spec: ClaimSpec<P>): Promise<string[]> {
  const got: string[] = []
  let pool = await spec.current()
  let rebuilt = false
  for (let round = 0; got.length < spec.count; round++) {
    if (round >= MAX_CLAIM_ROUNDS) throw errors.operationConflict()
    const need = spec.count - got.length
    if (pool.free < need) {
      if (rebuilt) throw spec.exhausted()
      pool = await spec.rebuild()
      rebuilt = true
      continue
    }
    const picks = pool.take(need)
    // Until the insert says otherwise every pick is this transaction's; a lost one is not.
    const mine = new Set(picks)
    const reserved = pool
    onRollback(tx, () => reserved.giveBack([...mine]))
    const { claimed, lost } = await spec.insert(picks)
    got.push(...claimed)
    if (lost.length > 0) {
      for (const p of lost) mine.delete(p)
      pool = await spec.afterLoss(pool, lost)
      rebuilt = false
    }
  }
  return got
}
