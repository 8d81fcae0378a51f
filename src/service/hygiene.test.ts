// Hygiene (issue 13): ClientToken records expire after their validity and are swept; addresses an
// aborted transaction had picked go back to the in-memory pool; pools are bounded.
import assert from 'node:assert/strict'

import { describeOnEngines } from '../testing/service-harness.js'
import { withWrappedTx } from '../testing/wrapped-store.js'
import { AddressPools } from './address-pools.js'
import { assignPrivateIpAddresses } from './assign-private-ip-addresses.js'
import type { ServiceContext } from './context.js'
import { housekeeping } from './housekeeping.js'
import { IDEMPOTENCY_TTL_MS } from './idempotency.js'

/** The same context on a store whose idempotency insert fails (after the picks were made). */
function failingIdempotency(ctx: ServiceContext): ServiceContext {
  return withWrappedTx(ctx, (tx) => ({
    ...tx,
    insertIdempotency: async () => {
      throw new Error('disk full')
    },
  }))
}

describeOnEngines('hygiene', (t) => {
  t.it('a ClientToken is honoured for its validity, then forgotten and swept', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    const assign = (n: number) =>
      assignPrivateIpAddresses(h.ctx, h.caller, {
        regionId: h.regionId,
        networkInterfaceId: eni.id,
        secondaryPrivateIpAddressCount: n,
        clientToken: 'tok-ttl',
      })
    await assign(1)
    h.clock.advance(IDEMPOTENCY_TTL_MS - 1)
    await h.rejects(() => assign(2), 'IdempotentParameterMismatch', 400)
    h.clock.advance(1)
    const fresh = await assign(2)
    assert.equal(fresh.assigned.length, 2, 'an expired token runs the call again')
    h.clock.advance(IDEMPOTENCY_TTL_MS + 1)
    const swept = await housekeeping(h.ctx, {})
    assert.equal(swept.idempotency, 1)
  })

  t.it('addresses picked by a transaction that rolls back return to the pool', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    const freeCount = () =>
      h.ctx.store.transaction(async (tx) => (await h.ctx.pools.get(tx, w.vswitch)).freeCount)
    const before = await freeCount()
    await assert.rejects(
      assignPrivateIpAddresses(failingIdempotency(h.ctx), h.caller, {
        regionId: h.regionId,
        networkInterfaceId: eni.id,
        secondaryPrivateIpAddressCount: 5,
        clientToken: 'tok-rollback',
      }),
      /disk full/,
    )
    assert.equal(await freeCount(), before, 'the five picks are free again')
    assert.equal((await h.addressesOf(eni.id)).length, 1)
  })

  t.it('at most maxPools vSwitch pools stay in memory', async (h) => {
    const w = await h.world()
    const more = [
      await h.vswitch(w.vpc, '192.168.2.0/24'),
      await h.vswitch(w.vpc, '192.168.3.0/24'),
    ]
    const pools = new AddressPools(2)
    await h.ctx.store.transaction(async (tx) => {
      for (const v of [w.vswitch, ...more]) await pools.get(tx, v)
      await pools.get(tx, more[1]!)
    })
    assert.equal(pools.size, 2)
  })
})
