// The metadata view: identified by primary IP across accounts, only InUse ENIs, vSwitch facts.
import assert from 'node:assert/strict'

import { seedEni, seedNetwork } from '../storage/contract/seed.js'
import { anInstance } from '../testing/builders.js'
import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { assignPrivateIpAddresses } from './assign-private-ip-addresses.js'
import { attachNetworkInterface } from './attach-network-interface.js'
import { instanceMetadataByIp, runningInstanceMetadata } from './instance-metadata.js'
import { stopInstance } from './instance-lifecycle.js'

const regionId = REGION

describeOnEngines('instance metadata view', (t) => {
  t.it('describes the instance behind its primary IP, attached ENIs only', async (h) => {
    const { ctx, caller } = h
    const w = await h.world()
    const instanceId = await h.instance(w)
    const primary = await h.primaryEniOf(instanceId)
    await assignPrivateIpAddresses(ctx, caller, {
      regionId,
      networkInterfaceId: primary.id,
      secondaryPrivateIpAddressCount: 2,
    })
    const attached = await h.eni(w, { secondaryPrivateIpAddressCount: 1 })
    await h.attach(attached.id, instanceId)
    const pending = await h.eni(w)
    await attachNetworkInterface(ctx, caller, {
      regionId,
      instanceId,
      networkInterfaceId: pending.id,
    })

    const view = await instanceMetadataByIp(ctx, primary.primaryIp)
    assert.ok(view)
    assert.equal(view.instanceId, instanceId)
    assert.equal(view.accountId, caller.accountId)
    assert.deepEqual(
      view.interfaces.map((i) => [i.eniId, i.deviceIndex]),
      [
        [primary.id, 0],
        [attached.id, 1],
      ],
    )
    const p = view.primary
    assert.equal(p.mac, primary.macAddress.toLowerCase())
    assert.equal(p.privateIps[0], primary.primaryIp)
    assert.equal(p.privateIps.length, 3)
    assert.equal(p.vswitchCidr, '192.168.1.0/24')
    assert.equal(p.prefixLength, 24)
    assert.equal(p.netmask, '255.255.255.0')
    assert.equal(p.gateway, '192.168.1.253')
    assert.equal(p.vpcCidr, '192.168.0.0/16')
    assert.equal(view.interfaces[1]?.privateIps.length, 2)

    assert.equal(
      (await instanceMetadataByIp(ctx, primary.primaryIp, w.vswitch.id))?.instanceId,
      instanceId,
    )
    assert.equal(await instanceMetadataByIp(ctx, primary.primaryIp, 'vsw-other'), undefined)
    // any address of any attached ENI identifies the instance; an attaching ENI's does not
    const secondaryOfPrimary = p.privateIps[1] ?? ''
    for (const address of [
      attached.primaryIp,
      secondaryOfPrimary,
      view.interfaces[1]?.privateIps[1] ?? '',
    ]) {
      assert.equal((await instanceMetadataByIp(ctx, address))?.instanceId, instanceId, address)
    }
    assert.equal(await instanceMetadataByIp(ctx, pending.primaryIp), undefined)
    assert.equal(await instanceMetadataByIp(ctx, '192.168.1.250'), undefined)
    assert.equal(view.hostName, `iZ${instanceId.slice(2)}Z`)
  })

  t.it('tells equal addresses of two accounts apart only by vSwitch', async (h) => {
    const w = await h.world()
    const mine = await h.instance(w, 'ecs.g7.large', { privateIpAddress: '192.168.1.10' })
    const theirs = await h.ctx.store.transaction(async (tx) => {
      const net = await seedNetwork(tx)
      const instance = anInstance({
        accountId: net.account.id,
        vpcId: net.vpc.id,
        vswitchId: net.vswitch.id,
      })
      await tx.insertInstance(instance)
      await seedEni(tx, net, {
        type: 'Primary',
        status: 'InUse',
        primaryIp: '192.168.1.10',
        instanceId: instance.id,
        deviceIndex: 0,
      })
      return { instanceId: instance.id, vswitchId: net.vswitch.id }
    })
    assert.equal(await instanceMetadataByIp(h.ctx, '192.168.1.10'), undefined)
    const byVsw = (vsw: string) => instanceMetadataByIp(h.ctx, '192.168.1.10', vsw)
    assert.equal((await byVsw(w.vswitch.id))?.instanceId, mine)
    assert.equal((await byVsw(theirs.vswitchId))?.instanceId, theirs.instanceId)
  })

  t.it('lists Running instances for the dataplane', async (h) => {
    const { ctx, caller } = h
    const w = await h.world()
    const running = await h.instance(w)
    const stopped = await h.instance(w)
    await stopInstance(ctx, caller, { regionId, instanceId: stopped })
    await h.settle()
    const ids = (await runningInstanceMetadata(ctx)).map((v) => v.instanceId)
    assert.ok(ids.includes(running))
    assert.ok(!ids.includes(stopped))
  })
})
