// Attach/detach and the instance: the instance-state rules (Stopped-only small types), and what
// DeleteInstance does to attached and attaching ENIs.
import assert from 'node:assert/strict'

import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { attachNetworkInterface } from './attach-network-interface.js'
import { detachNetworkInterface } from './detach-network-interface.js'
import { deleteInstance, startInstance, stopInstance } from './instance-lifecycle.js'

const regionId = REGION

describeOnEngines('attach, detach and the instance', (t) => {
  t.it('attach and detach need the instance Running or Stopped', async (h) => {
    const { ctx, caller } = h
    const w = await h.world()
    const instanceId = await h.instance(w)
    const eni = await h.eni(w)
    const networkInterfaceId = eni.id
    await stopInstance(ctx, caller, { regionId, instanceId })
    await h.rejects(
      () => attachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId }),
      'InvalidOperation.InvalidEcsState',
      400,
    )
    await h.settle()
    await h.attach(networkInterfaceId, instanceId)
    assert.equal((await h.getEni(networkInterfaceId)).status, 'InUse')
    await startInstance(ctx, caller, { regionId, instanceId })
    await h.rejects(
      () => detachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId }),
      'InvalidOperation.InvalidEcsState',
      400,
    )
    await h.settle()
    await detachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId })
    await h.settle()
    assert.equal((await h.getEni(networkInterfaceId)).status, 'Available')
  })

  t.it('small burstable types attach and detach only while Stopped', async (h) => {
    const { ctx, caller } = h
    const w = await h.world()
    const instanceId = await h.instance(w, 'ecs.t6-c1m1.large')
    const eni = await h.eni(w, { secondaryPrivateIpAddressCount: 1 })
    const networkInterfaceId = eni.id
    await h.rejects(
      () => attachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId }),
      'InvalidOperation.InvalidEcsState',
      400,
    )
    await stopInstance(ctx, caller, { regionId, instanceId })
    await h.settle()
    await h.attach(networkInterfaceId, instanceId)
    assert.equal((await h.getEni(networkInterfaceId)).status, 'InUse')
  })

  t.it('DeleteInstance releases the primary ENI and honours DeleteOnRelease', async (h) => {
    const { ctx, caller } = h
    const w = await h.world()
    const instanceId = await h.instance(w, 'ecs.g7.xlarge')
    const kept = await h.eni(w, { secondaryPrivateIpAddressCount: 1 })
    const released = await h.eni(w, { secondaryPrivateIpAddressCount: 2, deleteOnRelease: true })
    await h.attach(kept.id, instanceId)
    await h.attach(released.id, instanceId)
    const before = await h.available(w.vswitch.id)
    await deleteInstance(ctx, caller, { regionId, instanceId, force: true })
    assert.equal(await h.instanceStatus(instanceId), undefined)
    const back = await h.getEni(kept.id)
    assert.deepEqual([back.status, back.instanceId, back.privateIps.length], ['Available', null, 2])
    await h.rejects(() => h.getEni(released.id), 'InvalidEniId.NotFound', 404)
    assert.equal(await h.available(w.vswitch.id), before + 1 + 3)
  })

  t.it(
    'an ENI attach fails back to Available when its instance is deleted meanwhile',
    async (h) => {
      const { ctx, caller } = h
      const w = await h.world()
      const instanceId = await h.instance(w)
      const eni = await h.eni(w)
      await attachNetworkInterface(ctx, caller, {
        regionId,
        instanceId,
        networkInterfaceId: eni.id,
      })
      await deleteInstance(ctx, caller, { regionId, instanceId, force: true })
      await h.settle()
      const after = await h.getEni(eni.id)
      assert.deepEqual([after.status, after.instanceId], ['Available', null])
    },
  )
})
