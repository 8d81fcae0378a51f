// The claim loop on its own, with a pool of numbers and an insert that loses chosen picks: every
// count is met from free candidates only, a rebuilt pool that is still short means exhausted,
// endless lost races end in OperationConflict, and a rolled-back transaction gives back exactly
// the picks it claimed (not the ones another transaction won).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { ApiError } from '../domain/errors.js'
import type { Tx } from '../storage/store.js'
import { claimLoop, type ClaimPool, type ClaimSpec, MAX_CLAIM_ROUNDS } from './claim-loop.js'
import type { ServiceContext } from './context.js'
import { runTransaction } from './run-transaction.js'

/** Lowest-first pool over a set of free numbers; records what comes back. */
function poolOf(free: Iterable<number>): ClaimPool<number> & { returned: number[] } {
  const set = new Set(free)
  const returned: number[] = []
  return {
    returned,
    get free() {
      return set.size
    },
    take(n) {
      const picks = [...set].sort((a, b) => a - b).slice(0, n)
      for (const p of picks) set.delete(p)
      return picks
    },
    giveBack(picks) {
      returned.push(...picks)
      for (const p of picks) set.add(p)
    },
  }
}

/** A spec whose insert loses every pick in `taken` (another transaction holds it). */
function specOf(
  count: number,
  pool: ClaimPool<number>,
  taken: ReadonlySet<number>,
  rebuilt: () => ClaimPool<number> = () => pool,
): ClaimSpec<number> & { losses: number[][] } {
  const losses: number[][] = []
  return {
    losses,
    count,
    current: () => Promise.resolve(pool),
    rebuild: () => Promise.resolve(rebuilt()),
    afterLoss: (p, lost) => {
      losses.push([...lost])
      return Promise.resolve(p)
    },
    insert: (picks) =>
      Promise.resolve({
        claimed: picks.filter((p) => !taken.has(p)).map(String),
        lost: picks.filter((p) => taken.has(p)),
      }),
    exhausted: () => new ApiError('InvalidVSwitchId.IpNotEnough', 403, 'exhausted'),
  }
}

/** runTransaction over a store that only runs the body (the loop touches no tables). */
const bare = { store: { transaction: (fn: (tx: Tx) => Promise<unknown>) => fn({} as Tx) } }
const ctx = bare as unknown as ServiceContext

describe('claimLoop', () => {
  it('meets the count from free candidates, skipping the ones another transaction won', async () => {
    const spec = specOf(3, poolOf([1, 2, 3, 4, 5]), new Set([1, 3]))
    const got = await runTransaction(ctx, (tx) => claimLoop(tx, spec))
    assert.deepEqual(got, ['2', '4', '5'])
    assert.deepEqual(spec.losses, [[1, 3]])
  })

  it('rebuilds a short pool once, then answers exhausted', async () => {
    let rebuilds = 0
    const spec = specOf(4, poolOf([1, 2]), new Set(), () => {
      rebuilds++
      return poolOf([7, 8, 9])
    })
    await assert.rejects(
      runTransaction(ctx, (tx) => claimLoop(tx, spec)),
      (e: unknown) => e instanceof ApiError && e.code === 'InvalidVSwitchId.IpNotEnough',
    )
    assert.equal(rebuilds, 1)
  })

  it('a rebuild that has enough is used', async () => {
    const spec = specOf(2, poolOf([1]), new Set(), () => poolOf([7, 8, 9]))
    assert.deepEqual(await runTransaction(ctx, (tx) => claimLoop(tx, spec)), ['7', '8'])
  })

  it(`endless lost races end in OperationConflict after ${MAX_CLAIM_ROUNDS} rounds`, async () => {
    const everything = Array.from({ length: 1000 }, (_, i) => i)
    const spec = specOf(1, poolOf(everything), new Set(everything))
    await assert.rejects(
      runTransaction(ctx, (tx) => claimLoop(tx, spec)),
      (e: unknown) => e instanceof ApiError && e.code === 'OperationConflict',
    )
  })

  it('a rollback gives back the claimed picks only', async () => {
    const pool = poolOf([1, 2, 3, 4])
    const spec = specOf(2, pool, new Set([1]))
    await assert.rejects(
      runTransaction(ctx, async (tx) => {
        await claimLoop(tx, spec)
        throw new Error('the rest of the call failed')
      }),
      /the rest of the call failed/,
    )
    assert.deepEqual(pool.returned.sort(), [2, 3])
    assert.equal(pool.free, 3, '1 stays out: another transaction holds it')
  })
})
