// A worker that cannot stall (issue 13): an operation that keeps failing is retried with
// back-off, recorded, and finally given up in a defined state while every other operation keeps
// flowing; wake-ups come from the store's notifications, not from polling or per-response pokes.
import assert from 'node:assert/strict'

import { attachNetworkInterface } from '../service/attach-network-interface.js'
import type { ServiceContext } from '../service/context.js'
import { createVpc } from '../service/create-vpc.js'
import { describeOperations } from '../service/describe-operations.js'
import { describeVpcs } from '../service/vpc-operations.js'
import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { withWrappedTx } from '../testing/wrapped-store.js'
import { Worker } from './worker.js'

const regionId = REGION

/** The same context on a store whose `updateEni` to InUse fails for `eniId` (a broken attach). */
function withBrokenAttach(ctx: ServiceContext, eniId: string): ServiceContext {
  return withWrappedTx(ctx, (tx) => ({
    ...tx,
    updateEni: async (id, patch) => {
      if (id === eniId && patch.status === 'InUse') throw new Error('hypervisor said no')
      return tx.updateEni(id, patch)
    },
  }))
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

describeOnEngines('worker failures', (t) => {
  t.it('a failing attach is retried with back-off, then rolled back with its reason', async (h) => {
    const w = await h.world()
    const instanceId = await h.instance(w)
    const bad = await h.eni(w)
    const good = await h.eni(w)
    const ctx = withBrokenAttach(h.ctx, bad.id)
    const failures: [string, boolean][] = []
    const worker = new Worker(ctx, {
      maxAttempts: 3,
      backoffMs: 1000,
      onFailure: (op, _reason, gaveUp) => failures.push([op.resourceId, gaveUp]),
    })
    await attachNetworkInterface(ctx, h.caller, {
      regionId,
      instanceId,
      networkInterfaceId: bad.id,
    })
    await attachNetworkInterface(ctx, h.caller, {
      regionId,
      instanceId,
      networkInterfaceId: good.id,
    })
    h.clock.advance(1001)
    // The broken one fails first (earlier due time) but does not block the good one.
    assert.equal(await worker.runDue(), 1)
    assert.equal((await h.getEni(good.id)).status, 'InUse')
    assert.equal((await h.getEni(bad.id)).status, 'Attaching')
    let [op] = await describeOperations(h.ctx, h.caller, { resourceId: bad.id })
    assert.equal(op?.attempts, 1)
    assert.match(op?.lastError ?? '', /hypervisor said no/)
    assert.equal(op?.failedAt, null)
    // Back-off: not due again before 1 s, then 2 s.
    h.clock.advance(999)
    assert.equal(await worker.runDue(), 0)
    assert.equal(
      (await describeOperations(h.ctx, h.caller, { resourceId: bad.id }))[0]?.attempts,
      1,
    )
    h.clock.advance(1)
    assert.equal(await worker.runDue(), 0)
    h.clock.advance(2000)
    assert.equal(await worker.runDue(), 1, 'the third attempt gives up')
    assert.deepEqual(failures, [
      [bad.id, false],
      [bad.id, false],
      [bad.id, true],
    ])
    const eni = await h.getEni(bad.id)
    assert.deepEqual([eni.status, eni.instanceId], ['Available', null])
    ;[op] = await describeOperations(h.ctx, h.caller, { resourceId: bad.id })
    assert.equal(op?.attempts, 3)
    assert.ok(op?.failedAt instanceof Date)
    assert.match(op?.lastError ?? '', /hypervisor said no/)
    h.clock.advance(60 * 60 * 1000)
    assert.equal(await worker.runDue(), 0, 'a given-up operation is never claimed again')
  })

  t.it('an operation of an unknown kind cannot stall the queue', async (h) => {
    await h.ctx.store.transaction((tx) =>
      tx.insertOperation({
        id: 'op-poison',
        accountId: h.caller.accountId,
        kind: 'eni.teleported' as 'eni.attached',
        resourceId: 'eni-x',
        dueAt: h.clock.now(),
      }),
    )
    const vpc = await createVpc(h.ctx, h.caller, { regionId, cidrBlock: '10.0.0.0/16' })
    const worker = new Worker(h.ctx, { maxAttempts: 2, backoffMs: 10 })
    for (let i = 0; i < 3; i++) {
      h.clock.advance(h.ctx.asyncDelayMs + 1)
      await worker.runDue()
    }
    const [listed] = (await describeVpcs(h.ctx, h.caller, { regionId, ids: [vpc.id] })).items
    assert.equal(listed?.status, 'Available')
    const [poison] = await describeOperations(h.ctx, h.caller, { resourceId: 'eni-x' })
    assert.ok(poison?.failedAt instanceof Date)
    assert.match(poison?.lastError ?? '', /unknown operation kind eni\.teleported/)
  })

  t.it('a started worker wakes when another replica schedules work, without pokes', async (h) => {
    // asyncDelayMs 0: due at once. The poll is an hour, so only a notification can wake it.
    const fast = await h.fresh({ asyncDelayMs: 0 })
    const replica = await fast.replica(7, { asyncDelayMs: 0 })
    const worker = new Worker({ ...replica, clock: fast.clock }, { pollMs: 3_600_000 })
    worker.start()
    try {
      await new Promise((r) => setTimeout(r, 100))
      const vpc = await createVpc(fast.ctx, fast.caller, { regionId, cidrBlock: '10.1.0.0/16' })
      await until(async () => {
        const [v] = (await describeVpcs(fast.ctx, fast.caller, { regionId, ids: [vpc.id] })).items
        return v?.status === 'Available'
      }, 'the VPC to become Available')
    } finally {
      await worker.stop()
    }
  })
})
