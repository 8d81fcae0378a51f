// ENIs with their security groups and private IPs: round trip, uniqueness, update, delete.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import {
  aVSwitch,
  anAccount,
  anAddress,
  anEni,
  anInstance,
  at,
  privateIpsOf,
} from '../../testing/builders.js'
import type { Cases } from './harness.js'
import { rejectsWithCode } from './harness.js'
import { ids, seedEni, seedGroup, seedNetwork, viewOf } from './seed.js'

export function enisContract(c: Cases): void {
  describe('ENIs', () => {
    c.it(
      'insertEni then getEni returns it with its groups in order and its IPs primary first',
      async ({ store }) => {
        const x1 = anAddress()
        const x2 = anAddress()
        const w = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          const sg2 = await seedGroup(tx, net)
          const eni = await seedEni(
            tx,
            net,
            {},
            { secondaries: [x2, x1], sgIds: [sg2.id, net.sg.id] },
          )
          return { net, sg2, eni }
        })
        await store.transaction(async (tx) => {
          const view = viewOf(w.eni, [w.sg2.id, w.net.sg.id], [x2, x1])
          assert.deepEqual(await tx.getEni(w.net.account.id, w.eni.id), view)
          assert.deepEqual(await tx.getEni(w.net.account.id, w.eni.id, true), view)
        })
      },
    )

    c.it(
      'a page of ENIs reads each its own children in order, as getEni does, and its tags',
      async ({ store }) => {
        const x1 = anAddress()
        const x2 = anAddress()
        const w = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          const sg2 = await seedGroup(tx, net)
          const a = { accountId: net.account.id, vpcId: net.vpc.id, vswitchId: net.vswitch.id }
          // the secondaries are assigned before the primary: the primary still reads first
          const first = anEni({ ...a, createdAt: at(1) })
          await tx.insertEni(first, [sg2.id, net.sg.id])
          await tx.insertPrivateIps(privateIpsOf(first, [x2, x1]))
          await tx.insertPrivateIps(privateIpsOf(first, [first.primaryIp], { primaryFirst: true }))
          await tx.putTags(net.account.id, 'cn-hangzhou', 'eni', first.id, [
            { key: 'k2', value: 'v2' },
            { key: 'k1', value: '' },
          ])
          const bare = anEni({ ...a, createdAt: at(2) })
          await tx.insertEni(bare, [])
          const last = await seedEni(tx, net, { createdAt: at(3) })
          return { net, sg2, first, bare, last }
        })
        await store.transaction(async (tx) => {
          const account = w.net.account.id
          const page = await tx.listEnis(account, { regionId: 'cn-hangzhou' }, { limit: 10 })
          const views = await Promise.all(
            [w.first, w.bare, w.last].map(async (e) => tx.getEni(account, e.id)),
          )
          assert.deepEqual(page.items, [
            {
              ...views[0],
              tags: [
                { key: 'k1', value: '' },
                { key: 'k2', value: 'v2' },
              ],
            },
            { ...views[1], tags: [] },
            { ...views[2], tags: [] },
          ])
          assert.deepEqual(views[0], viewOf(w.first, [w.sg2.id, w.net.sg.id], [x2, x1]))
          assert.deepEqual(views[1], { ...viewOf(w.bare, []), privateIps: [] })
          assert.deepEqual(views[2], viewOf(w.last, [w.net.sg.id]))
        })
      },
    )

    c.it('an ENI with no groups and no IPs reads back with empty lists', async ({ store }) => {
      const net = await store.transaction((tx) => seedNetwork(tx))
      const eni = anEni({ accountId: net.account.id, vpcId: net.vpc.id, vswitchId: net.vswitch.id })
      await store.transaction((tx) => tx.insertEni(eni, []))
      const got = await store.transaction((tx) => tx.getEni(net.account.id, eni.id))
      assert.deepEqual(got, {
        ...eni,
        securityGroupIds: [],
        privateIps: [],
        ipv6Addresses: [],
        ipv4Prefixes: [],
        ipv6Prefixes: [],
        attachedInstanceType: null,
      })
    })

    c.it(
      'traffic mode, resource group and queues read back as inserted (extensions.md §7)',
      async ({ store }) => {
        const { net, hp, plain } = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          const hp = await seedEni(tx, net, {
            trafficMode: 'HighPerformance',
            resourceGroupId: 'rg-aek2roundtrip',
            queueNumber: 2048,
            queuePairNumber: 8,
          })
          return { net, hp, plain: await seedEni(tx, net) }
        })
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.getEni(net.account.id, hp.id), viewOf(hp, [net.sg.id]))
          const got = await tx.getEni(net.account.id, plain.id)
          assert.deepEqual(
            [got?.trafficMode, got?.resourceGroupId, got?.queueNumber, got?.queuePairNumber],
            ['Standard', plain.resourceGroupId, null, null],
          )
        })
      },
    )

    c.it('getEni of another account or an unknown id is undefined', async ({ store }) => {
      const { net, eni } = await store.transaction(async (tx) => {
        const net = await seedNetwork(tx)
        return { net, eni: await seedEni(tx, net) }
      })
      await store.transaction(async (tx) => {
        assert.equal(await tx.getEni(anAccount().id, eni.id), undefined)
        assert.equal(await tx.getEni(anAccount().id, eni.id, true), undefined)
        assert.equal(await tx.getEni(net.account.id, 'eni-unknown'), undefined)
      })
    })

    c.it('an ENI with a duplicate MAC address is OperationConflict', async ({ store }) => {
      const { net, eni } = await store.transaction(async (tx) => {
        const net = await seedNetwork(tx)
        return { net, eni: await seedEni(tx, net) }
      })
      await rejectsWithCode(
        store.transaction((tx) => seedEni(tx, net, { macAddress: eni.macAddress })),
        'OperationConflict',
      )
    })

    c.it('an ENI with a duplicate id is OperationConflict', async ({ store }) => {
      const { net, eni } = await store.transaction(async (tx) => {
        const net = await seedNetwork(tx)
        return { net, eni: await seedEni(tx, net) }
      })
      await rejectsWithCode(
        store.transaction((tx) => seedEni(tx, net, { id: eni.id })),
        'OperationConflict',
      )
    })

    c.it('two ENIs at one device index of an instance is OperationConflict', async ({ store }) => {
      const net = await store.transaction((tx) => seedNetwork(tx))
      const i = anInstance({ accountId: net.account.id })
      await store.transaction(async (tx) => {
        await tx.insertInstance(i)
        await seedEni(tx, net, { instanceId: i.id, deviceIndex: 1 })
      })
      await rejectsWithCode(
        store.transaction((tx) => seedEni(tx, net, { instanceId: i.id, deviceIndex: 1 })),
        'OperationConflict',
      )
      const e = await store.transaction((tx) => seedEni(tx, net))
      await rejectsWithCode(
        store.transaction((tx) => tx.updateEni(e.id, { instanceId: i.id, deviceIndex: 1 })),
        'OperationConflict',
      )
    })

    c.it('an ENI in an unknown vSwitch is rejected', async ({ store }) => {
      const net = await store.transaction((tx) => seedNetwork(tx))
      const eni = anEni({ accountId: net.account.id, vpcId: net.vpc.id, vswitchId: 'vsw-unknown' })
      await assert.rejects(store.transaction((tx) => tx.insertEni(eni, [])))
      assert.equal(await store.transaction((tx) => tx.getEni(net.account.id, eni.id)), undefined)
    })

    c.it("enisOfInstance lists the instance's ENIs by device index", async ({ store }) => {
      const w = await store.transaction(async (tx) => {
        const net = await seedNetwork(tx)
        const i = anInstance({ accountId: net.account.id })
        const other = anInstance({ accountId: net.account.id })
        await tx.insertInstance(i)
        await tx.insertInstance(other)
        // inserted out of order, the later ones created earlier
        const d2 = await seedEni(tx, net, { instanceId: i.id, deviceIndex: 2, createdAt: at(-2) })
        const d0 = await seedEni(tx, net, { instanceId: i.id, deviceIndex: 0, type: 'Primary' })
        const d1 = await seedEni(tx, net, { instanceId: i.id, deviceIndex: 1, createdAt: at(-1) })
        await seedEni(tx, net, { instanceId: other.id, deviceIndex: 0 })
        return { net, i, d0, d1, d2 }
      })
      await store.transaction(async (tx) => {
        const enis = await tx.enisOfInstance(w.i.id)
        assert.deepEqual(ids(enis), [w.d0.id, w.d1.id, w.d2.id])
        assert.deepEqual(enis[0], viewOf(w.d0, [w.net.sg.id], [], w.i.instanceType))
        assert.deepEqual(await tx.enisOfInstance('i-unknown'), [])
      })
    })

    c.it(
      'countEnis counts the non-primary ENIs of one account in one region',
      async ({ store }) => {
        const { net } = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          await seedEni(tx, net)
          await seedEni(tx, net, { status: 'InUse' })
          await seedEni(tx, net, { type: 'Primary' })
          await seedEni(tx, net, { regionId: 'cn-beijing' })
          await seedEni(tx, await seedNetwork(tx))
          return { net }
        })
        await store.transaction(async (tx) => {
          assert.equal(await tx.countEnis(net.account.id, 'cn-hangzhou'), 2)
          assert.equal(await tx.countEnis(net.account.id, 'cn-beijing'), 1)
          assert.equal(await tx.countEnis(anAccount().id, 'cn-hangzhou'), 0)
        })
      },
    )

    c.it(
      'the unfiltered total and countEnis follow inserts, deletes and rolled-back inserts',
      async ({ store }) => {
        const page = { limit: 2 }
        const hz = { regionId: 'cn-hangzhou' }
        const { net, enis } = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          const enis = [
            await seedEni(tx, net),
            await seedEni(tx, net, { type: 'Primary' }),
            await seedEni(tx, net),
            await seedEni(tx, net, { regionId: 'cn-beijing' }),
          ]
          return { net, enis }
        })
        const totals = () =>
          store.transaction(async (tx) => ({
            hz: (await tx.listEnis(net.account.id, hz, page)).totalCount,
            bj: (await tx.listEnis(net.account.id, { regionId: 'cn-beijing' }, page)).totalCount,
            quota: await tx.countEnis(net.account.id, 'cn-hangzhou'),
            secondaries: (await tx.listEnis(net.account.id, { ...hz, type: 'Secondary' }, page))
              .totalCount,
          }))
        assert.deepEqual(await totals(), { hz: 3, bj: 1, quota: 2, secondaries: 2 })
        await store.transaction((tx) => tx.deleteEni(enis[1]!.id))
        await store.transaction((tx) => tx.deleteEni(enis[0]!.id))
        await store.transaction((tx) => tx.deleteEni('eni-unknown'))
        assert.deepEqual(await totals(), { hz: 1, bj: 1, quota: 1, secondaries: 1 })
        await assert.rejects(
          store.transaction(async (tx) => {
            await seedEni(tx, net)
            throw new Error('rolled back')
          }),
        )
        assert.deepEqual(await totals(), { hz: 1, bj: 1, quota: 1, secondaries: 1 })
        // A NextToken walk reports the same total on every page.
        await store.transaction(async (tx) => {
          for (let i = 0; i < 4; i++) await seedEni(tx, net)
          let after: string | undefined
          let pages = 0
          do {
            const p = await tx.listEnis(net.account.id, hz, { limit: 2, after })
            assert.equal(p.totalCount, 5)
            after = p.nextToken === '' ? undefined : p.nextToken
          } while (after !== undefined && ++pages < 5)
        })
      },
    )

    c.it('countEnisOfVSwitch counts every ENI in a vSwitch', async ({ store }) => {
      const { net, vsw2 } = await store.transaction(async (tx) => {
        const net = await seedNetwork(tx)
        const vsw2 = aVSwitch({ accountId: net.account.id, vpcId: net.vpc.id })
        await tx.insertVSwitch(vsw2)
        await seedEni(tx, net)
        await seedEni(tx, net, { type: 'Primary' })
        await seedEni(tx, net, { vswitchId: vsw2.id })
        return { net, vsw2 }
      })
      await store.transaction(async (tx) => {
        assert.equal(await tx.countEnisOfVSwitch(net.vswitch.id), 2)
        assert.equal(await tx.countEnisOfVSwitch(vsw2.id), 1)
        assert.equal(await tx.countEnisOfVSwitch('vsw-unknown'), 0)
      })
    })

    c.it(
      'updateEni changes exactly the patched fields, including back to null',
      async ({ store }) => {
        const { net, eni, i } = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          const i = anInstance({ accountId: net.account.id })
          await tx.insertInstance(i)
          return {
            net,
            i,
            eni: await seedEni(tx, net, { deleteOnRelease: true, sourceDestCheck: false }),
          }
        })
        const get = () => store.transaction((tx) => tx.getEni(net.account.id, eni.id))
        const before = await get()
        assert.ok(before)
        await store.transaction((tx) => tx.updateEni(eni.id, {}))
        assert.deepEqual(await get(), before)

        const attached = {
          status: 'InUse',
          name: 'renamed',
          description: 'described',
          instanceId: i.id,
          deviceIndex: 3,
          deleteOnRelease: false,
          sourceDestCheck: true,
        } as const
        await store.transaction((tx) => tx.updateEni(eni.id, attached))
        const attachedView = { ...before, ...attached, attachedInstanceType: i.instanceType }
        assert.deepEqual(await get(), attachedView)

        const traffic = {
          trafficMode: 'HighPerformance',
          queueNumber: 8,
          queuePairNumber: 4,
        } as const
        await store.transaction((tx) => tx.updateEni(eni.id, traffic))
        assert.deepEqual(await get(), { ...attachedView, ...traffic })

        await store.transaction((tx) =>
          tx.updateEni(eni.id, {
            instanceId: null,
            deviceIndex: null,
            queueNumber: null,
            queuePairNumber: null,
          }),
        )
        assert.deepEqual(await get(), {
          ...before,
          ...attached,
          trafficMode: 'HighPerformance',
          instanceId: null,
          deviceIndex: null,
        })

        await store.transaction((tx) => tx.updateEni('eni-unknown', { name: 'ghost' }))
        assert.equal(
          await store.transaction((tx) => tx.getEni(net.account.id, 'eni-unknown')),
          undefined,
        )
      },
    )

    c.it(
      "setEniSecurityGroups replaces the ENI's groups, keeping the given order",
      async ({ store }) => {
        const w = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          const sg2 = await seedGroup(tx, net)
          const sg3 = await seedGroup(tx, net)
          return { net, sg2, sg3, eni: await seedEni(tx, net) }
        })
        const groupsOf = async () =>
          (await store.transaction((tx) => tx.getEni(w.net.account.id, w.eni.id)))?.securityGroupIds
        await store.transaction((tx) =>
          tx.setEniSecurityGroups(w.eni.id, w.net.account.id, [w.sg3.id, w.net.sg.id, w.sg2.id]),
        )
        assert.deepEqual(await groupsOf(), [w.sg3.id, w.net.sg.id, w.sg2.id])
        await store.transaction((tx) =>
          tx.setEniSecurityGroups(w.eni.id, w.net.account.id, [w.sg2.id]),
        )
        assert.deepEqual(await groupsOf(), [w.sg2.id])
        assert.equal(await store.transaction((tx) => tx.countSecurityGroupMembers(w.net.sg.id)), 0)
        await store.transaction((tx) => tx.setEniSecurityGroups(w.eni.id, w.net.account.id, []))
        assert.deepEqual(await groupsOf(), [])
      },
    )

    c.it('deleteEni removes the ENI, its private IPs and its memberships', async ({ store }) => {
      const secondary = anAddress()
      const w = await store.transaction(async (tx) => {
        const net = await seedNetwork(tx)
        const sg2 = await seedGroup(tx, net)
        const gone = await seedEni(
          tx,
          net,
          {},
          { secondaries: [secondary], sgIds: [net.sg.id, sg2.id] },
        )
        const kept = await seedEni(tx, net)
        return { net, sg2, gone, kept }
      })
      await store.transaction((tx) => tx.deleteEni(w.gone.id))
      await store.transaction(async (tx) => {
        assert.equal(await tx.getEni(w.net.account.id, w.gone.id), undefined)
        assert.deepEqual(await tx.privateIpsOf(w.gone.id), [])
        assert.deepEqual(await tx.usedAddresses(w.net.vswitch.id), [w.kept.primaryIp])
        assert.equal(await tx.countSecurityGroupMembers(w.sg2.id), 0)
        assert.equal(await tx.countSecurityGroupMembers(w.net.sg.id), 1)
        assert.equal(await tx.countSecurityGroupIps(w.net.sg.id), 1)
        assert.deepEqual(
          await tx.getEni(w.net.account.id, w.kept.id),
          viewOf(w.kept, [w.net.sg.id]),
        )
        // the addresses are free again, and the group can go
        await seedEni(tx, w.net, { primaryIp: w.gone.primaryIp }, { secondaries: [secondary] })
        await tx.deleteSecurityGroup(w.net.account.id, w.sg2.id)
      })
    })
  })
}
