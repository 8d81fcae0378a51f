// AssignPrivateIpAddresses / UnassignPrivateIpAddresses: every error code they produce, each
// asserted by code and HTTP status, and each failed call leaving the world unchanged.
import assert from 'node:assert/strict'

import type { Harness, World } from '../testing/service-harness.js'
import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { assignPrivateIpAddresses } from './assign-private-ip-addresses.js'
import { detachNetworkInterface } from './detach-network-interface.js'
import { unassignPrivateIpAddresses } from './unassign-private-ip-addresses.js'

const regionId = REGION

const unassign = (h: Harness, networkInterfaceId: string, privateIpAddresses: string[]) =>
  unassignPrivateIpAddresses(h.ctx, h.caller, { regionId, networkInterfaceId, privateIpAddresses })

const secondariesOf = async (h: Harness, eniId: string) =>
  (await h.getEni(eniId)).privateIps.filter((p) => !p.primary).map((p) => p.address)

describeOnEngines('AssignPrivateIpAddresses / UnassignPrivateIpAddresses', (t) => {
  t.it('chosen addresses are assigned in order, unassigned back to the pool', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    const result = await h.assignIps(eni.id, ['192.168.1.20', '192.168.1.10'])
    assert.deepEqual(result, {
      networkInterfaceId: eni.id,
      assigned: ['192.168.1.20', '192.168.1.10'],
      assignedPrefixes: [],
    })
    assert.deepEqual(await secondariesOf(h, eni.id), ['192.168.1.20', '192.168.1.10'])
    assert.equal(await h.available(w.vswitch.id), 252 - 3)
    await unassign(h, eni.id, ['192.168.1.20'])
    assert.deepEqual(await secondariesOf(h, eni.id), ['192.168.1.10'])
    assert.equal(await h.available(w.vswitch.id), 252 - 2)
    // the freed address can be taken again, by another ENI
    const other = await h.eni(w)
    assert.deepEqual((await h.assignIps(other.id, ['192.168.1.20'])).assigned, ['192.168.1.20'])
  })

  t.it(
    'count-based assign picks free, distinct, usable addresses',
    { allocation: 'sequential' },
    async (h) => {
      const w = await h.world()
      const eni = await h.eni(w)
      assert.equal(eni.primaryIp, '192.168.1.1')
      await h.assignIps(eni.id, ['192.168.1.3'])
      const { assigned } = await h.assignCount(eni.id, 3)
      assert.deepEqual(assigned, ['192.168.1.2', '192.168.1.4', '192.168.1.5'])
    },
  )

  t.it('InvalidIp.Address: malformed or non-IPv4 addresses', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w, { secondaryPrivateIpAddressCount: 1 })
    for (const bad of ['abc', '192.168.1', '192.168.1.300', '::1', '192.168.1.10/32', '']) {
      await h.rejects(() => h.assignIps(eni.id, ['192.168.1.9', bad]), 'InvalidIp.Address', 403)
      await h.rejects(() => unassign(h, eni.id, [bad]), 'InvalidIp.Address', 403)
      await h.rejects(() => h.eni(w, { privateIpAddresses: [bad] }), 'InvalidIp.Address', 403)
      await h.rejects(() => h.eni(w, { primaryIpAddress: bad }), 'InvalidIp.Address', 403)
    }
  })

  t.it('InvalidIp.IpRepeated: an address twice in one request', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w, { secondaryPrivateIpAddressCount: 1 })
    const [held] = await secondariesOf(h, eni.id)
    assert.ok(held)
    await h.rejects(
      () => h.assignIps(eni.id, ['192.168.1.9', '192.168.1.9']),
      'InvalidIp.IpRepeated',
      403,
    )
    await h.rejects(() => unassign(h, eni.id, [held, held]), 'InvalidIp.IpRepeated', 403)
    await h.rejects(
      () => h.eni(w, { primaryIpAddress: '192.168.1.9', privateIpAddresses: ['192.168.1.9'] }),
      'InvalidIp.IpRepeated',
      403,
    )
  })

  t.it('InvalidVSwitchId.IpInvalid: outside the vSwitch CIDR', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    for (const outside of ['192.168.2.5', '10.0.0.1', '192.168.0.255']) {
      await h.rejects(() => h.assignIps(eni.id, [outside]), 'InvalidVSwitchId.IpInvalid', 403)
      await h.rejects(
        () => h.eni(w, { primaryIpAddress: outside }),
        'InvalidVSwitchId.IpInvalid',
        403,
      )
    }
  })

  t.it(
    'InvalidIp.IpAssigned: an address used by this ENI, another ENI or an instance',
    async (h) => {
      const w = await h.world()
      const instanceId = await h.instance(w)
      const instancePrimary = (await h.primaryEniOf(instanceId)).primaryIp
      const eni = await h.eni(w, { secondaryPrivateIpAddressCount: 1 })
      const other = await h.eni(w, { secondaryPrivateIpAddressCount: 1 })
      const [own] = await secondariesOf(h, eni.id)
      const [theirs] = await secondariesOf(h, other.id)
      assert.ok(own && theirs)
      for (const taken of [own, eni.primaryIp, theirs, other.primaryIp, instancePrimary]) {
        await h.rejects(
          () => h.assignIps(eni.id, ['192.168.1.200', taken]),
          'InvalidIp.IpAssigned',
          403,
        )
        await h.rejects(() => h.eni(w, { primaryIpAddress: taken }), 'InvalidIp.IpAssigned', 403)
        await h.rejects(
          () => h.eni(w, { privateIpAddresses: [taken] }),
          'InvalidIp.IpAssigned',
          403,
        )
      }
    },
  )

  t.it(
    'InvalidIp.IpUnassigned: not on this ENI, or its primary address; all or nothing',
    async (h) => {
      const w = await h.world()
      const eni = await h.eni(w, { secondaryPrivateIpAddressCount: 2 })
      const other = await h.eni(w, { secondaryPrivateIpAddressCount: 1 })
      const [a, b] = await secondariesOf(h, eni.id)
      const [theirs] = await secondariesOf(h, other.id)
      assert.ok(a && b && theirs)
      for (const wrong of [
        '192.168.1.250',
        theirs,
        other.primaryIp,
        eni.primaryIp,
        '192.168.9.9',
      ]) {
        await h.rejects(() => unassign(h, eni.id, [a, wrong]), 'InvalidIp.IpUnassigned', 403)
      }
      assert.deepEqual(await secondariesOf(h, eni.id), [a, b])
      await unassign(h, eni.id, [b, a])
      assert.deepEqual(await secondariesOf(h, eni.id), [])
      await h.rejects(() => unassign(h, eni.id, [a]), 'InvalidIp.IpUnassigned', 403)
    },
  )

  t.it('InvalidVSwitchId.IpNotEnough: a /29 has 4 usable addresses', async (h) => {
    const w = await h.world({ vswitchCidr: '192.168.1.0/29' })
    assert.equal(await h.available(w.vswitch.id), 4)
    const eni = await h.eni(w)
    await h.rejects(() => h.assignCount(eni.id, 4), 'InvalidVSwitchId.IpNotEnough', 403)
    await h.rejects(
      () => h.eni(w, { secondaryPrivateIpAddressCount: 3 }),
      'InvalidVSwitchId.IpNotEnough',
      403,
    )
    assert.equal((await h.assignCount(eni.id, 3)).assigned.length, 3)
    assert.equal(await h.available(w.vswitch.id), 0)
    await h.rejects(() => h.eni(w), 'InvalidVSwitchId.IpNotEnough', 403)
    await h.rejects(() => h.assignCount(eni.id, 1), 'InvalidVSwitchId.IpNotEnough', 403)
    const used = await secondariesOf(h, eni.id)
    await unassign(h, eni.id, used.slice(0, 1))
    assert.equal(await h.available(w.vswitch.id), 1)
    assert.deepEqual((await h.assignCount(eni.id, 1)).assigned, used.slice(0, 1))
  })

  t.it('parameters: Conflict, Missing, too many, bad counts', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    const networkInterfaceId = eni.id
    const { ctx, caller } = h
    await h.rejects(
      () =>
        assignPrivateIpAddresses(ctx, caller, {
          regionId,
          networkInterfaceId,
          privateIpAddresses: ['192.168.1.9'],
          secondaryPrivateIpAddressCount: 1,
        }),
      'InvalidParameter.Conflict',
      400,
    )
    await h.rejects(
      () => h.eni(w, { privateIpAddresses: ['192.168.1.9'], secondaryPrivateIpAddressCount: 1 }),
      'InvalidParameter.Conflict',
      400,
    )
    await h.rejects(
      () => assignPrivateIpAddresses(ctx, caller, { regionId, networkInterfaceId }),
      'MissingParameter',
      400,
    )
    await h.rejects(
      () =>
        assignPrivateIpAddresses(ctx, caller, {
          regionId,
          networkInterfaceId,
          privateIpAddresses: [],
        }),
      'MissingParameter',
      400,
    )
    await h.rejects(() => unassign(h, networkInterfaceId, []), 'MissingParameter', 400)
    const many = Array.from({ length: 33 }, (_, i) => `192.168.1.${i + 10}`)
    await h.rejects(() => h.assignIps(networkInterfaceId, many), 'InvalidParameter', 400)
    await h.rejects(() => unassign(h, networkInterfaceId, many), 'InvalidParameter', 400)
    for (const n of [0, -1, 1.5]) {
      await h.rejects(() => h.assignCount(networkInterfaceId, n), 'InvalidParameter', 400)
      await h.rejects(
        () => h.eni(w, { secondaryPrivateIpAddressCount: n }),
        'InvalidParameter',
        400,
      )
    }
  })

  t.it(
    'InvalidEniId.NotFound and Operation.Conflict (Detaching) on assign and unassign',
    async (h) => {
      const w: World = await h.world()
      const ghost = 'eni-bp1doesnotexist00000'
      await h.rejects(() => h.assignCount(ghost, 1), 'InvalidEniId.NotFound', 404)
      await h.rejects(() => unassign(h, ghost, ['192.168.1.9']), 'InvalidEniId.NotFound', 404)
      const instanceId = await h.instance(w)
      const eni = await h.eni(w, { secondaryPrivateIpAddressCount: 1 })
      const [held] = await secondariesOf(h, eni.id)
      assert.ok(held)
      await h.attach(eni.id, instanceId)
      assert.equal((await h.assignCount(eni.id, 1)).assigned.length, 1)
      await detachNetworkInterface(h.ctx, h.caller, {
        regionId,
        instanceId,
        networkInterfaceId: eni.id,
      })
      // Detaching: busy with a task (extensions.md §4.3)
      await h.rejects(() => h.assignCount(eni.id, 1), 'Operation.Conflict', 403)
      await h.rejects(() => unassign(h, eni.id, [held]), 'Operation.Conflict', 403)
    },
  )
})
