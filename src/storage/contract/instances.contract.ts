// Instances: round trip, tenancy, listInstances filters, status and deletion.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import type { Instance } from '../../domain/resources.js'
import { aVSwitch, anAccount, anAddress, anInstance, at } from '../../testing/builders.js'
import type { InstanceFilter } from '../store.js'
import type { Cases } from './harness.js'
import { rejectsWithCode } from './harness.js'
import type { Network } from './seed.js'
import { ids, seedEni, seedGroup, seedNetwork } from './seed.js'

const ALL = { limit: 100 }

const instanceIn = (net: Network, o: Partial<Instance> = {}): Instance =>
  anInstance({
    accountId: net.account.id,
    vpcId: net.vpc.id,
    vswitchId: net.vswitch.id,
    zoneId: net.vswitch.zoneId,
    ...o,
  })

export function instancesContract(c: Cases): void {
  describe('instances', () => {
    c.it(
      'insertInstance then getInstance returns it; another account or an unknown id is undefined',
      async ({ store }) => {
        const net = await store.transaction((tx) => seedNetwork(tx))
        const running = instanceIn(net, { startedAt: at(5000) })
        const classic = anInstance({
          accountId: net.account.id,
          networkType: 'classic',
          status: 'Stopped',
        })
        await store.transaction(async (tx) => {
          await tx.insertInstance(running)
          await tx.insertInstance(classic)
        })
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.getInstance(net.account.id, running.id), running)
          assert.deepEqual(await tx.getInstance(net.account.id, classic.id, true), classic)
          assert.equal(await tx.getInstance(anAccount().id, running.id), undefined)
          assert.equal(await tx.getInstance(net.account.id, 'i-unknown', true), undefined)
        })
      },
    )

    c.it('an instance with a duplicate id is OperationConflict', async ({ store }) => {
      const net = await store.transaction((tx) => seedNetwork(tx))
      const i = instanceIn(net)
      await store.transaction((tx) => tx.insertInstance(i))
      await rejectsWithCode(
        store.transaction((tx) => tx.insertInstance(instanceIn(net, { id: i.id }))),
        'OperationConflict',
      )
    })

    c.it(
      'listInstances filters by account, region, ids, VPC, vSwitch, zone, status, type and name',
      async ({ store }) => {
        const net = await store.transaction((tx) => seedNetwork(tx))
        const other = await store.transaction((tx) => seedNetwork(tx))
        const vsw2 = aVSwitch({
          accountId: net.account.id,
          vpcId: net.vpc.id,
          zoneId: 'cn-hangzhou-i',
        })
        const i1 = instanceIn(net, { name: 'web' })
        const i2 = instanceIn(net, { vswitchId: vsw2.id, zoneId: vsw2.zoneId, status: 'Stopped' })
        const i3 = instanceIn(net, { instanceType: 'ecs.g7.xlarge', name: 'web' })
        const i4 = instanceIn(net, { regionId: 'cn-beijing' })
        const i5 = instanceIn(other)
        await store.transaction(async (tx) => {
          await tx.insertVSwitch(vsw2)
          for (const i of [i1, i2, i3, i4, i5]) await tx.insertInstance(i)
        })
        await store.transaction(async (tx) => {
          const list = async (f: Omit<InstanceFilter, 'regionId'>) =>
            ids(
              (await tx.listInstances(net.account.id, { regionId: 'cn-hangzhou', ...f }, ALL))
                .items,
            )
          const all = await tx.listInstances(net.account.id, { regionId: 'cn-hangzhou' }, ALL)
          assert.deepEqual(all.items, [i1, i2, i3])
          assert.equal(all.totalCount, 3)
          assert.deepEqual(await list({ ids: [i3.id, i4.id, i5.id] }), [i3.id])
          assert.deepEqual(await list({ ids: [] }), [])
          assert.deepEqual(await list({ vpcId: net.vpc.id }), [i1.id, i2.id, i3.id])
          assert.deepEqual(await list({ vpcId: other.vpc.id }), [])
          assert.deepEqual(await list({ vswitchId: vsw2.id }), [i2.id])
          assert.deepEqual(await list({ zoneId: 'cn-hangzhou-i' }), [i2.id])
          assert.deepEqual(await list({ status: 'Stopped' }), [i2.id])
          assert.deepEqual(await list({ instanceType: 'ecs.g7.xlarge' }), [i3.id])
          assert.deepEqual(await list({ name: 'web' }), [i1.id, i3.id])
          assert.deepEqual(await list({ name: 'web', status: 'Running' }), [i1.id, i3.id])
          assert.deepEqual(await list({ name: 'web', instanceType: 'ecs.g7.large' }), [i1.id])
        })
      },
    )

    c.it(
      'listInstances filters by security group and private IP of the primary ENI',
      async ({ store }) => {
        const w = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          const sg2 = await seedGroup(tx, net)
          const i1 = instanceIn(net)
          const i2 = instanceIn(net)
          await tx.insertInstance(i1)
          await tx.insertInstance(i2)
          const secondaryOfI1 = anAddress()
          const p1 = await seedEni(
            tx,
            net,
            { type: 'Primary', status: 'InUse', instanceId: i1.id, deviceIndex: 0 },
            { secondaries: [secondaryOfI1] },
          )
          const p2 = await seedEni(
            tx,
            net,
            { type: 'Primary', status: 'InUse', instanceId: i2.id, deviceIndex: 0 },
            { sgIds: [sg2.id] },
          )
          // a secondary ENI of i2 in the first group: secondary ENIs do not count
          const s2 = await seedEni(tx, net, { status: 'InUse', instanceId: i2.id, deviceIndex: 1 })
          return { net, sg2, i1, i2, p1, p2, s2, secondaryOfI1 }
        })
        await store.transaction(async (tx) => {
          const list = async (f: Omit<InstanceFilter, 'regionId'>) =>
            ids(
              (await tx.listInstances(w.net.account.id, { regionId: 'cn-hangzhou', ...f }, ALL))
                .items,
            )
          assert.deepEqual(await list({ securityGroupId: w.net.sg.id }), [w.i1.id])
          assert.deepEqual(await list({ securityGroupId: w.sg2.id }), [w.i2.id])
          assert.deepEqual(await list({ securityGroupId: 'sg-unknown' }), [])
          assert.deepEqual(await list({ privateIps: [w.p2.primaryIp] }), [w.i2.id])
          assert.deepEqual(await list({ privateIps: [w.p1.primaryIp, w.p2.primaryIp] }), [
            w.i1.id,
            w.i2.id,
          ])
          assert.deepEqual(await list({ privateIps: [w.s2.primaryIp, w.secondaryOfI1] }), [])
          assert.deepEqual(await list({ privateIps: [] }), [])
        })
      },
    )

    c.it(
      'findInstancesByAddress finds the instance behind any address of an attached ENI',
      async ({ store }) => {
        const w = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          const other = await seedNetwork(tx)
          const i1 = instanceIn(net)
          const i2 = instanceIn(other)
          await tx.insertInstance(i1)
          await tx.insertInstance(i2)
          const secondary = anAddress()
          const p1 = await seedEni(
            tx,
            net,
            { type: 'Primary', status: 'InUse', instanceId: i1.id, deviceIndex: 0 },
            { secondaries: [secondary] },
          )
          const e1 = await seedEni(tx, net, { status: 'InUse', instanceId: i1.id, deviceIndex: 1 })
          const attaching = await seedEni(tx, net, {
            status: 'Attaching',
            instanceId: i1.id,
            deviceIndex: 2,
          })
          const loose = await seedEni(tx, net)
          // the other account's VPC reuses i1's primary address
          await seedEni(tx, other, {
            type: 'Primary',
            status: 'InUse',
            instanceId: i2.id,
            deviceIndex: 0,
            primaryIp: p1.primaryIp,
          })
          return { net, other, i1, i2, p1, e1, attaching, loose, secondary }
        })
        await store.transaction(async (tx) => {
          const find = async (address: string, vsw?: string) =>
            ids(await tx.findInstancesByAddress(address, vsw))
          const [first, second] = [w.i1.id, w.i2.id].sort()
          assert.deepEqual(await find(w.p1.primaryIp), [first, second])
          assert.deepEqual(await find(w.p1.primaryIp, w.net.vswitch.id), [w.i1.id])
          assert.deepEqual(await find(w.p1.primaryIp, w.other.vswitch.id), [w.i2.id])
          assert.deepEqual(await find(w.secondary), [w.i1.id])
          assert.deepEqual(await find(w.e1.primaryIp, w.net.vswitch.id), [w.i1.id])
          assert.deepEqual(await find(w.secondary, w.other.vswitch.id), [])
          // an ENI still attaching, or not attached, identifies no instance
          assert.deepEqual(await find(w.attaching.primaryIp), [])
          assert.deepEqual(await find(w.loose.primaryIp), [])
          assert.deepEqual(await find('10.255.255.1'), [])
        })
      },
    )

    c.it('countInstancesOfVSwitch counts the instances in a vSwitch', async ({ store }) => {
      const net = await store.transaction((tx) => seedNetwork(tx))
      await store.transaction(async (tx) => {
        await tx.insertInstance(instanceIn(net))
        await tx.insertInstance(instanceIn(net))
        await tx.insertInstance(anInstance({ accountId: net.account.id, networkType: 'classic' }))
        assert.equal(await tx.countInstancesOfVSwitch(net.vswitch.id), 2)
        assert.equal(await tx.countInstancesOfVSwitch('vsw-unknown'), 0)
      })
    })

    c.it('setInstanceStatus sets the status, and startedAt only when given', async ({ store }) => {
      const net = await store.transaction((tx) => seedNetwork(tx))
      const i = instanceIn(net, { status: 'Pending' })
      await store.transaction((tx) => tx.insertInstance(i))
      const get = () => store.transaction((tx) => tx.getInstance(net.account.id, i.id))
      await store.transaction((tx) => tx.setInstanceStatus(i.id, 'Running', at(60_000)))
      assert.deepEqual(await get(), { ...i, status: 'Running', startedAt: at(60_000) })
      await store.transaction((tx) => tx.setInstanceStatus(i.id, 'Stopped'))
      assert.deepEqual(await get(), { ...i, status: 'Stopped', startedAt: at(60_000) })
    })

    c.it("deleteInstance deletes only the owner account's instance", async ({ store }) => {
      const net = await store.transaction((tx) => seedNetwork(tx))
      const i = instanceIn(net)
      await store.transaction((tx) => tx.insertInstance(i))
      await store.transaction((tx) => tx.deleteInstance(anAccount().id, i.id))
      assert.deepEqual(await store.transaction((tx) => tx.getInstance(net.account.id, i.id)), i)
      await store.transaction((tx) => tx.deleteInstance(net.account.id, i.id))
      assert.equal(await store.transaction((tx) => tx.getInstance(net.account.id, i.id)), undefined)
    })
  })
}
