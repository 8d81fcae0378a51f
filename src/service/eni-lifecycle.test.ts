// ENI lifecycle at the service level: the spec's §11 worked flow, the async states, failover,
// and the NotFound / state / type errors of create, attach, detach and delete.
import assert from 'node:assert/strict'

import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { assignPrivateIpAddresses } from './assign-private-ip-addresses.js'
import { attachNetworkInterface } from './attach-network-interface.js'
import { deleteNetworkInterface } from './delete-network-interface.js'
import { describeInstances } from './describe-instances.js'
import {
  describeNetworkInterfaceAttribute,
  describeNetworkInterfaces,
} from './describe-network-interfaces.js'
import { detachNetworkInterface } from './detach-network-interface.js'

const regionId = REGION

describeOnEngines('ENI lifecycle', (t) => {
  t.it('the worked flow of spec §11, counts 252 → 251 → 248 and back', async (h) => {
    const { ctx, caller } = h
    const w = await h.world()
    assert.equal(w.vswitch.status, 'Available')
    assert.equal(await h.available(w.vswitch.id), 252)

    const instanceId = await h.instance(w, 'ecs.g7.large')
    const [inst] = (await describeInstances(ctx, caller, { regionId, ids: [instanceId] })).items
    assert.equal(inst?.status, 'Running')
    assert.deepEqual(
      inst?.networkInterfaces.map((e) => [e.type, e.status, e.deviceIndex]),
      [['Primary', 'InUse', 0]],
    )
    assert.equal(await h.available(w.vswitch.id), 251)

    const eni = await h.eni(w, { secondaryPrivateIpAddressCount: 2 })
    assert.equal(eni.status, 'Available')
    assert.equal(eni.type, 'Secondary')
    assert.equal(eni.privateIps.length, 3)
    assert.equal(eni.privateIps.filter((p) => p.primary).length, 1)
    assert.equal(await h.available(w.vswitch.id), 248)

    const networkInterfaceId = eni.id
    await attachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId })
    const attaching = await h.getEni(eni.id)
    assert.equal(attaching.status, 'Attaching')
    assert.equal(attaching.instanceId, instanceId)
    await h.settle()
    const inUse = await h.getEni(eni.id)
    assert.equal(inUse.status, 'InUse')
    assert.equal(inUse.deviceIndex, 1)
    assert.equal(inUse.instanceId, instanceId)

    const assigned = await assignPrivateIpAddresses(ctx, caller, {
      regionId,
      networkInterfaceId,
      secondaryPrivateIpAddressCount: 3,
    })
    assert.equal(assigned.assigned.length, 3)
    assert.equal((await h.getEni(eni.id)).privateIps.length, 6)
    assert.equal(await h.available(w.vswitch.id), 245)
    await h.rejects(
      () =>
        assignPrivateIpAddresses(ctx, caller, {
          regionId,
          networkInterfaceId,
          secondaryPrivateIpAddressCount: 1,
        }),
      'InvalidOperation.Ipv4CountExceeded',
      403,
    )

    const second = await h.eni(w)
    await h.attach(second.id, instanceId)
    assert.equal((await h.getEni(second.id)).deviceIndex, 2)
    const third = await h.eni(w)
    await h.rejects(
      () =>
        attachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId: third.id }),
      'EniPerInstanceLimitExceeded',
      403,
    )

    await h.rejects(
      () => deleteNetworkInterface(ctx, caller, { regionId, networkInterfaceId }),
      'InvalidOperation.InvalidEniState',
      400,
    )

    await detachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId })
    assert.equal((await h.getEni(eni.id)).status, 'Detaching')
    await h.settle()
    const detached = await h.getEni(eni.id)
    assert.equal(detached.status, 'Available')
    assert.equal(detached.instanceId, null)
    assert.equal(detached.deviceIndex, null)
    assert.equal(detached.privateIps.length, 6, 'IPs stay on a detached ENI')

    const before = await h.available(w.vswitch.id)
    await deleteNetworkInterface(ctx, caller, { regionId, networkInterfaceId })
    assert.equal((await h.getEni(eni.id)).status, 'Deleting')
    assert.equal(await h.available(w.vswitch.id), before, 'addresses held while Deleting')
    await h.settle()
    const gone = await describeNetworkInterfaces(ctx, caller, { regionId, ids: [eni.id] })
    assert.deepEqual([gone.items.length, gone.totalCount], [0, 0])
    await h.rejects(
      () => describeNetworkInterfaceAttribute(ctx, caller, { regionId, networkInterfaceId }),
      'InvalidEniId.NotFound',
      404,
    )
    assert.equal(await h.available(w.vswitch.id), before + 6)

    const primary = await h.primaryEniOf(instanceId)
    await h.rejects(
      () =>
        detachNetworkInterface(ctx, caller, {
          regionId,
          instanceId,
          networkInterfaceId: primary.id,
        }),
      'InvalidOperation.DetachPrimaryEniNotAllowed',
      400,
    )

    const addr = (a: string) =>
      assignPrivateIpAddresses(ctx, caller, {
        regionId,
        networkInterfaceId: second.id,
        privateIpAddresses: [a],
      })
    await h.rejects(() => addr('192.168.1.255'), 'InvalidVSwitchId.IpInvalid', 403)
    await h.rejects(() => addr('192.168.2.5'), 'InvalidVSwitchId.IpInvalid', 403)
    await h.rejects(() => addr(primary.primaryIp), 'InvalidIp.IpAssigned', 403)
  })

  t.it('failover: detach from instance A, attach to standby B, addresses kept', async (h) => {
    const { ctx, caller } = h
    const w = await h.world()
    const a = await h.instance(w)
    const b = await h.instance(w)
    const eni = await h.eni(w, { secondaryPrivateIpAddressCount: 3 })
    await h.attach(eni.id, a)
    const addresses = await h.addressesOf(eni.id)
    await h.rejects(
      () =>
        attachNetworkInterface(ctx, caller, {
          regionId,
          instanceId: b,
          networkInterfaceId: eni.id,
        }),
      'InvalidOperation.InvalidEniState',
      400,
    )
    await h.rejects(
      () =>
        detachNetworkInterface(ctx, caller, {
          regionId,
          instanceId: b,
          networkInterfaceId: eni.id,
        }),
      'InvalidOperation.InvalidEniState',
      400,
    )
    await detachNetworkInterface(ctx, caller, {
      regionId,
      instanceId: a,
      networkInterfaceId: eni.id,
    })
    // a re-issued detach while Detaching is accepted (Terway re-sends)
    await detachNetworkInterface(ctx, caller, {
      regionId,
      instanceId: a,
      networkInterfaceId: eni.id,
    })
    // Detaching: the ENI is busy with a task (extensions.md §4.3)
    await h.rejects(
      () =>
        attachNetworkInterface(ctx, caller, {
          regionId,
          instanceId: b,
          networkInterfaceId: eni.id,
        }),
      'Operation.Conflict',
      403,
    )
    await h.settle()
    await h.attach(eni.id, b)
    const moved = await h.getEni(eni.id)
    assert.deepEqual([moved.status, moved.instanceId, moved.deviceIndex], ['InUse', b, 1])
    assert.deepEqual(await h.addressesOf(eni.id), addresses)
    const onA = await describeNetworkInterfaces(ctx, caller, { regionId, instanceId: a })
    assert.deepEqual(
      onA.items.map((e) => e.type),
      ['Primary'],
    )
  })

  t.it(
    'delete is retried while Deleting; transitional states answer Operation.Conflict',
    async (h) => {
      const { ctx, caller } = h
      const w = await h.world()
      const instanceId = await h.instance(w)
      const eni = await h.eni(w)
      const networkInterfaceId = eni.id
      await attachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId })
      for (const call of [
        () => deleteNetworkInterface(ctx, caller, { regionId, networkInterfaceId }),
        () =>
          assignPrivateIpAddresses(ctx, caller, {
            regionId,
            networkInterfaceId,
            secondaryPrivateIpAddressCount: 1,
          }),
        () => attachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId }),
        () => detachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId }),
      ]) {
        // Attaching: the ENI is busy with a task (extensions.md §4.3), retryable
        await h.rejects(call, 'Operation.Conflict', 403)
      }
      await h.settle()
      await detachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId })
      await h.settle()
      await deleteNetworkInterface(ctx, caller, { regionId, networkInterfaceId })
      await deleteNetworkInterface(ctx, caller, { regionId, networkInterfaceId })
      await h.rejects(
        () =>
          assignPrivateIpAddresses(ctx, caller, {
            regionId,
            networkInterfaceId,
            secondaryPrivateIpAddressCount: 1,
          }),
        'Operation.Conflict',
        403,
      )
      await h.rejects(
        () => attachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId }),
        'Operation.Conflict',
        403,
      )
      assert.equal(await h.settle(), 1, 'the re-issued delete left one operation')
      await h.rejects(
        () => deleteNetworkInterface(ctx, caller, { regionId, networkInterfaceId }),
        'InvalidEniId.NotFound',
        404,
      )
    },
  )

  t.it(
    'NotFound codes: ENI, instance (InvalidEcsId), another account, another region',
    async (h) => {
      const { ctx, caller } = h
      const w = await h.world()
      const instanceId = await h.instance(w)
      const eni = await h.eni(w)
      const ghost = 'eni-bp1doesnotexist00000'
      const ghostInstance = 'i-bp1doesnotexist000000'
      await h.rejects(
        () =>
          attachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId: ghost }),
        'InvalidEniId.NotFound',
        404,
      )
      await h.rejects(
        () =>
          attachNetworkInterface(ctx, caller, {
            regionId,
            instanceId: ghostInstance,
            networkInterfaceId: eni.id,
          }),
        'InvalidEcsId.NotFound',
        404,
      )
      await h.rejects(
        () =>
          detachNetworkInterface(ctx, caller, {
            regionId,
            instanceId: ghostInstance,
            networkInterfaceId: eni.id,
          }),
        'InvalidEcsId.NotFound',
        404,
      )
      await h.rejects(
        () =>
          detachNetworkInterface(ctx, caller, { regionId, instanceId, networkInterfaceId: ghost }),
        'InvalidEniId.NotFound',
        404,
      )
      await h.rejects(
        () => deleteNetworkInterface(ctx, caller, { regionId, networkInterfaceId: ghost }),
        'InvalidEniId.NotFound',
        404,
      )
      await h.rejects(
        () =>
          describeNetworkInterfaceAttribute(ctx, caller, { regionId, networkInterfaceId: ghost }),
        'InvalidEniId.NotFound',
        404,
      )
      // Tenancy: another account's ENI is not found, never leaked.
      const other = { accountId: 'acc-someoneelse' }
      await h.rejects(
        () => deleteNetworkInterface(ctx, other, { regionId, networkInterfaceId: eni.id }),
        'InvalidEniId.NotFound',
        404,
      )
      await h.rejects(
        () =>
          deleteNetworkInterface(ctx, caller, {
            regionId: 'cn-beijing',
            networkInterfaceId: eni.id,
          }),
        'InvalidRegionId.NotFound',
        404,
      )
      await h.rejects(
        () => deleteNetworkInterface(ctx, caller, { regionId: '', networkInterfaceId: eni.id }),
        'MissingRegionId',
        400,
      )
    },
  )

  t.it(
    'Primary ENIs: delete/attach → InvalidEniType, detach → DetachPrimaryEniNotAllowed',
    async (h) => {
      const { ctx, caller } = h
      const w = await h.world()
      const a = await h.instance(w)
      const b = await h.instance(w)
      const primary = await h.primaryEniOf(a)
      await h.rejects(
        () => deleteNetworkInterface(ctx, caller, { regionId, networkInterfaceId: primary.id }),
        'InvalidOperation.InvalidEniType',
        403,
      )
      await h.rejects(
        () =>
          attachNetworkInterface(ctx, caller, {
            regionId,
            instanceId: b,
            networkInterfaceId: primary.id,
          }),
        'InvalidOperation.InvalidEniType',
        403,
      )
      await h.rejects(
        () =>
          detachNetworkInterface(ctx, caller, {
            regionId,
            instanceId: a,
            networkInterfaceId: primary.id,
          }),
        'InvalidOperation.DetachPrimaryEniNotAllowed',
        400,
      )
    },
  )

  t.it(
    'a deleted ENI gives its addresses back: picked again first in sequential mode',
    { allocation: 'sequential' },
    async (h) => {
      const w = await h.world()
      const first = await h.eni(w, { secondaryPrivateIpAddressCount: 2 })
      assert.deepEqual(await h.addressesOf(first.id), ['192.168.1.1', '192.168.1.2', '192.168.1.3'])
      const second = await h.eni(w)
      assert.equal(second.primaryIp, '192.168.1.4')
      await deleteNetworkInterface(h.ctx, h.caller, { regionId, networkInterfaceId: first.id })
      await h.settle()
      assert.equal(await h.available(w.vswitch.id), 251)
      const third = await h.eni(w, { secondaryPrivateIpAddressCount: 2 })
      assert.deepEqual(await h.addressesOf(third.id), ['192.168.1.1', '192.168.1.2', '192.168.1.3'])
    },
  )
})
