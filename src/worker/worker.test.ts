// The durable async worker: due operations only, each applied exactly once even with two
// workers (PostgreSQL: two pools, FOR UPDATE SKIP LOCKED) racing, and pending work survives a
// restart.
import assert from 'node:assert/strict'

import { attachNetworkInterface } from '../service/attach-network-interface.js'
import { createVpc } from '../service/create-vpc.js'
import { deleteNetworkInterface } from '../service/delete-network-interface.js'
import { describeInstances } from '../service/describe-instances.js'
import { describeNetworkInterfaces } from '../service/describe-network-interfaces.js'
import { runInstances } from '../service/launch-instances.js'
import { describeVpcs } from '../service/vpc-operations.js'
import type { Harness } from '../testing/service-harness.js'
import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { Worker } from './worker.js'

const regionId = REGION

/** Schedules attaches, deletes, instance starts and VPC creations; returns how many. */
async function scheduleMixedWork(
  h: Harness,
): Promise<{ scheduled: number; instanceId: string; vswitchId: string }> {
  const { ctx, caller } = h
  const w = await h.world()
  const instanceId = await h.instance(w, 'ecs.g7.4xlarge') // EniQuantity 8: 7 to attach
  const toAttach = []
  for (let i = 0; i < 7; i++) toAttach.push(await h.eni(w))
  const toDelete = []
  for (let i = 0; i < 12; i++) toDelete.push(await h.eni(w))
  for (const e of toAttach) {
    await attachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId: e.id })
  }
  for (const e of toDelete) {
    await deleteNetworkInterface(ctx, caller, { regionId, networkInterfaceId: e.id })
  }
  await runInstances(ctx, caller, {
    regionId,
    instanceType: 'ecs.g7.large',
    imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
    vswitchId: w.vswitch.id,
    securityGroupIds: [w.sg.id],
    amount: 5,
  })
  for (let i = 0; i < 3; i++)
    await createVpc(ctx, caller, { regionId, cidrBlock: `10.${i}.0.0/16` })
  return { scheduled: 7 + 12 + 5 + 3, instanceId, vswitchId: w.vswitch.id }
}

async function assertAllFinal(h: Harness, instanceId: string): Promise<void> {
  const { ctx, caller } = h
  const enis = await describeNetworkInterfaces(ctx, caller, { regionId, maxResults: 500 })
  assert.deepEqual(
    enis.items.filter((e) => e.type === 'Secondary').map((e) => [e.status, e.instanceId]),
    Array.from({ length: 7 }, () => ['InUse', instanceId]),
  )
  const devices = enis.items.filter((e) => e.instanceId === instanceId).map((e) => e.deviceIndex)
  assert.deepEqual(devices.sort(), [0, 1, 2, 3, 4, 5, 6, 7])
  const instances = await describeInstances(ctx, caller, { regionId, maxResults: 100 })
  assert.deepEqual(
    instances.items.map((i) => i.status),
    Array.from({ length: 6 }, () => 'Running'),
  )
  const vpcs = await describeVpcs(ctx, caller, { regionId })
  assert.deepEqual(
    vpcs.items.map((v) => v.status),
    Array.from({ length: 4 }, () => 'Available'),
  )
}

describeOnEngines('worker', (t) => {
  t.it('runDue applies only due operations', async (h) => {
    const { scheduled, instanceId, vswitchId } = await scheduleMixedWork(h)
    const worker = new Worker(h.ctx)
    assert.equal(await worker.runDue(), 0)
    h.clock.advance(999)
    assert.equal(await worker.runDue(), 0)
    h.clock.advance(1)
    assert.equal(await worker.runDue(), scheduled)
    assert.equal(await worker.runDue(), 0)
    await assertAllFinal(h, instanceId)
    // 6 instance primaries and 7 attached ENIs hold addresses; the 12 deleted ones gave theirs back
    assert.equal(await h.available(vswitchId), 252 - 6 - 7)
  })

  t.it('two workers on two pools racing runDue apply every operation exactly once', async (h) => {
    const { scheduled, instanceId } = await scheduleMixedWork(h)
    const replicas = [h.ctx, await h.replica(2), await h.replica(3)]
    h.clock.advance(1000)
    const applied = await Promise.all(
      replicas.flatMap((ctx) => [new Worker(ctx).runDue(), new Worker(ctx).runDue()]),
    )
    assert.equal(
      applied.reduce((a, b) => a + b, 0),
      scheduled,
      `applied ${applied.join('+')}`,
    )
    await assertAllFinal(h, instanceId)
  })

  t.it('pending operations survive a restart: another context finishes them', async (h) => {
    const { scheduled, instanceId } = await scheduleMixedWork(h)
    const restarted = await h.replica(5)
    h.clock.advance(1000)
    assert.equal(await new Worker(restarted).runDue(), scheduled)
    await assertAllFinal(h, instanceId)
  })

  t.it('a re-issued transition replaces its pending operation', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    await deleteNetworkInterface(h.ctx, h.caller, { regionId, networkInterfaceId: eni.id })
    h.clock.advance(600)
    await deleteNetworkInterface(h.ctx, h.caller, { regionId, networkInterfaceId: eni.id })
    h.clock.advance(600)
    assert.equal(await new Worker(h.ctx).runDue(), 0, 'the re-issue restarted the delay')
    h.clock.advance(400)
    assert.equal(await new Worker(h.ctx).runDue(), 1)
    assert.equal(await h.available(w.vswitch.id), 252)
  })
})
