// CreateNetworkInterface and ModifyNetworkInterfaceAttribute: defaults, the region ENI quota,
// and every error they produce (code and HTTP status; nothing changes on failure).
import assert from 'node:assert/strict'

import { defaultResourceGroupId } from '../domain/resource-group.js'
import type { Harness } from '../testing/service-harness.js'
import { describeOnEngines, REGION, ZONE_H } from '../testing/service-harness.js'
import { attachNetworkInterface } from './attach-network-interface.js'
import { createVSwitch } from './create-vswitch.js'
import { deleteNetworkInterface } from './delete-network-interface.js'
import { describeNetworkInterfaces } from './describe-network-interfaces.js'
import type { ModifyNetworkInterfaceAttributeInput } from './modify-network-interface-attribute.js'
import { modifyNetworkInterfaceAttribute } from './modify-network-interface-attribute.js'

const regionId = REGION

const modify = (
  h: Harness,
  networkInterfaceId: string,
  more: Omit<ModifyNetworkInterfaceAttributeInput, 'regionId' | 'networkInterfaceId'>,
) => modifyNetworkInterfaceAttribute(h.ctx, h.caller, { regionId, networkInterfaceId, ...more })

describeOnEngines('CreateNetworkInterface / ModifyNetworkInterfaceAttribute', (t) => {
  t.it('a new ENI: Available, Secondary, in the vSwitch zone and VPC, with defaults', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w, {
      primaryIpAddress: '192.168.1.77',
      privateIpAddresses: ['192.168.1.78'],
      name: 'eni-web',
      description: 'front end',
    })
    assert.equal(eni.status, 'Available')
    assert.equal(eni.type, 'Secondary')
    assert.deepEqual([eni.vpcId, eni.vswitchId, eni.zoneId], [w.vpc.id, w.vswitch.id, ZONE_H])
    assert.deepEqual(eni.securityGroupIds, [w.sg.id])
    assert.equal(eni.primaryIp, '192.168.1.77')
    assert.deepEqual(eni.privateIps, [
      { address: '192.168.1.77', primary: true },
      { address: '192.168.1.78', primary: false },
    ])
    assert.deepEqual([eni.name, eni.description], ['eni-web', 'front end'])
    // extensions.md §7: DeleteOnRelease false for a standalone ENI, SourceDestCheck false
    assert.deepEqual([eni.deleteOnRelease, eni.sourceDestCheck], [false, false])
    assert.deepEqual(
      [eni.trafficMode, eni.resourceGroupId, eni.queueNumber, eni.queuePairNumber],
      ['Standard', defaultResourceGroupId(h.caller.accountId), null, null],
    )
    assert.deepEqual([eni.instanceId, eni.deviceIndex], [null, null])
    assert.match(eni.id, /^eni-/)
    assert.match(eni.macAddress, /^00:16:3e(:[0-9a-f]{2}){3}$/)
  })

  t.it(
    'an automatic primary never takes one of the chosen secondaries',
    { allocation: 'sequential' },
    async (h) => {
      const w = await h.world()
      const eni = await h.eni(w, { privateIpAddresses: ['192.168.1.1', '192.168.1.2'] })
      assert.deepEqual(eni.privateIps, [
        { address: '192.168.1.3', primary: true },
        { address: '192.168.1.1', primary: false },
        { address: '192.168.1.2', primary: false },
      ])
      assert.equal(eni.primaryIp, '192.168.1.3')
    },
  )

  t.it(
    'security groups: Missing, NotFound, duplicate, JoinedGroupLimitExceed (5 per ENI)',
    async (h) => {
      const w = await h.world()
      await h.rejects(() => h.eni(w, { securityGroupIds: [] }), 'MissingParameter', 400)
      await h.rejects(
        () => h.eni(w, { securityGroupIds: [w.sg.id, 'sg-bp1doesnotexist000000'] }),
        'InvalidSecurityGroupId.NotFound',
        404,
      )
      await h.rejects(
        () => h.eni(w, { securityGroupIds: [w.sg.id, w.sg.id] }),
        'InvalidParameter',
        400,
      )
      const groups = [w.sg.id]
      for (let i = 0; i < 5; i++) groups.push((await h.securityGroup(w.vpc)).id)
      await h.rejects(() => h.eni(w, { securityGroupIds: groups }), 'JoinedGroupLimitExceed', 400)
      const five = await h.eni(w, { securityGroupIds: groups.slice(0, 5) })
      assert.deepEqual(five.securityGroupIds, groups.slice(0, 5))
    },
  )

  t.it('vSwitch: NotFound, and IncorrectVSwitchStatus while Pending', async (h) => {
    const w = await h.world()
    await h.rejects(
      () => h.eni({ ...w, vswitch: { ...w.vswitch, id: 'vsw-bp1doesnotexist00000' } }),
      'InvalidVSwitchId.NotFound',
      404,
    )
    const pending = await createVSwitch(h.ctx, h.caller, {
      regionId,
      vpcId: w.vpc.id,
      zoneId: ZONE_H,
      cidrBlock: '192.168.2.0/24',
    })
    assert.equal(pending.status, 'Pending')
    await h.rejects(() => h.eni({ ...w, vswitch: pending }), 'IncorrectVSwitchStatus', 400)
    await h.settle()
    assert.equal((await h.eni({ ...w, vswitch: pending })).status, 'Available')
  })

  t.it(
    'MaxEniCountExceeded: the region quota counts secondary ENIs until they are gone',
    { quotas: { enisPerRegion: 2 } },
    async (h) => {
      const w = await h.world()
      await h.instance(w) // a primary ENI does not count
      const a = await h.eni(w)
      await h.eni(w)
      await h.rejects(() => h.eni(w), 'MaxEniCountExceeded', 403)
      await deleteNetworkInterface(h.ctx, h.caller, { regionId, networkInterfaceId: a.id })
      await h.rejects(() => h.eni(w), 'MaxEniCountExceeded', 403)
      await h.settle()
      assert.equal((await h.eni(w)).status, 'Available')
    },
  )

  t.it('names and descriptions are validated', async (h) => {
    const w = await h.world()
    for (const name of ['1starts-with-digit', 'x', 'http://example.com', 'a'.repeat(129)]) {
      await h.rejects(() => h.eni(w, { name }), 'InvalidNetworkInterfaceName.Malformed', 400)
    }
    for (const description of ['x', 'https://example.com', 'd'.repeat(257)]) {
      await h.rejects(() => h.eni(w, { description }), 'InvalidDescription.Malformed', 400)
    }
    const eni = await h.eni(w)
    await h.rejects(
      () => modify(h, eni.id, { name: 'http://x' }),
      'InvalidNetworkInterfaceName.Malformed',
      400,
    )
    await h.rejects(
      () => modify(h, eni.id, { description: 'x' }),
      'InvalidDescription.Malformed',
      400,
    )
  })

  t.it('modify changes only the given fields', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w, { name: 'before', description: 'kept as is' })
    await modify(h, eni.id, { name: 'after', deleteOnRelease: true, sourceDestCheck: false })
    const after = await h.getEni(eni.id)
    assert.deepEqual(
      [after.name, after.description, after.deleteOnRelease, after.sourceDestCheck],
      ['after', 'kept as is', true, false],
    )
    assert.deepEqual(after.privateIps, eni.privateIps)
    assert.deepEqual(after.securityGroupIds, eni.securityGroupIds)
  })

  t.it('modify replaces the security-group set, checked like a create', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w, { secondaryPrivateIpAddressCount: 2 })
    const g2 = await h.securityGroup(w.vpc)
    await modify(h, eni.id, { securityGroupIds: [g2.id, w.sg.id] })
    assert.deepEqual((await h.getEni(eni.id)).securityGroupIds, [g2.id, w.sg.id])
    await modify(h, eni.id, { securityGroupIds: [g2.id] })
    const inOld = await describeNetworkInterfaces(h.ctx, h.caller, {
      regionId,
      securityGroupId: w.sg.id,
    })
    assert.equal(inOld.totalCount, 0)

    await h.rejects(() => modify(h, eni.id, { securityGroupIds: [] }), 'MissingParameter', 400)
    await h.rejects(
      () => modify(h, eni.id, { securityGroupIds: ['sg-bp1doesnotexist000000'] }),
      'InvalidSecurityGroupId.NotFound',
      404,
    )
    const groups = [w.sg.id]
    for (let i = 0; i < 5; i++) groups.push((await h.securityGroup(w.vpc)).id)
    await h.rejects(
      () => modify(h, eni.id, { securityGroupIds: groups }),
      'JoinedGroupLimitExceed',
      400,
    )
    const other = await h.world({ vpcCidr: '10.0.0.0/16', vswitchCidr: '10.0.1.0/24' })
    await h.rejects(
      () => modify(h, eni.id, { securityGroupIds: [other.sg.id] }),
      'InvalidOperation.VpcMismatch',
      403,
    )
    await h.rejects(
      () => modify(h, 'eni-bp1doesnotexist00000', { name: 'x1' }),
      'InvalidEniId.NotFound',
      404,
    )
  })

  t.it('modify on a transitional ENI answers Operation.Conflict', async (h) => {
    const w = await h.world()
    const instanceId = await h.instance(w)
    const eni = await h.eni(w)
    await attachNetworkInterface(h.ctx, h.caller, {
      regionId,
      instanceId,
      networkInterfaceId: eni.id,
    })
    await h.rejects(() => modify(h, eni.id, { name: 'busy' }), 'Operation.Conflict', 403)
    await h.settle()
    await modify(h, eni.id, { name: 'attached' })
    assert.equal((await h.getEni(eni.id)).name, 'attached')
  })
})
