// Security groups: reads, counts, locks and deletion.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import { aSecurityGroup, aVpc, anAccount, anAddress } from '../../testing/builders.js'
import type { Cases } from './harness.js'
import { rejectsWithCode } from './harness.js'
import { ids, seedEni, seedGroup, seedNetwork } from './seed.js'

const ALL = { limit: 100 }

export function securityGroupsContract(c: Cases): void {
  describe('security groups', () => {
    c.it(
      'getSecurityGroups returns the requested groups of the account in request order',
      async ({ store }) => {
        const { account, vpc, sg } = await store.transaction((tx) => seedNetwork(tx))
        const other = await store.transaction((tx) => seedNetwork(tx))
        const sg2 = aSecurityGroup({ accountId: account.id, vpcId: vpc.id, type: 'enterprise' })
        await store.transaction((tx) => tx.insertSecurityGroup(sg2))
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.getSecurityGroups(account.id, [sg2.id, sg.id]), [sg2, sg])
          assert.deepEqual(
            await tx.getSecurityGroups(account.id, [sg.id, 'sg-unknown', other.sg.id]),
            [sg],
          )
          assert.deepEqual(await tx.getSecurityGroups(account.id, []), [])
        })
      },
    )

    c.it('a security group with a duplicate id is OperationConflict', async ({ store }) => {
      const { account, vpc, sg } = await store.transaction((tx) => seedNetwork(tx))
      await rejectsWithCode(
        store.transaction((tx) =>
          tx.insertSecurityGroup(
            aSecurityGroup({ accountId: account.id, vpcId: vpc.id, id: sg.id }),
          ),
        ),
        'OperationConflict',
      )
    })

    c.it('listSecurityGroups filters by account, region, VPC, ids and name', async ({ store }) => {
      const { account, vpc, sg: g1 } = await store.transaction((tx) => seedNetwork(tx))
      const other = await store.transaction((tx) => seedNetwork(tx))
      const vpc2 = aVpc({ accountId: account.id })
      const g2 = aSecurityGroup({ accountId: account.id, vpcId: vpc.id, name: 'web' })
      const g3 = aSecurityGroup({ accountId: account.id, vpcId: vpc2.id, name: 'web' })
      const g4 = aSecurityGroup({ accountId: account.id, vpcId: vpc2.id, regionId: 'cn-beijing' })
      await store.transaction(async (tx) => {
        await tx.insertVpc(vpc2)
        for (const g of [g2, g3, g4]) await tx.insertSecurityGroup(g)
      })
      await store.transaction(async (tx) => {
        const list = async (f: Parameters<typeof tx.listSecurityGroups>[1]) =>
          ids((await tx.listSecurityGroups(account.id, f, ALL)).items)
        const all = await tx.listSecurityGroups(account.id, { regionId: 'cn-hangzhou' }, ALL)
        assert.deepEqual(all.items, [g1, g2, g3])
        assert.equal(all.totalCount, 3)
        assert.deepEqual(await list({ regionId: 'cn-beijing' }), [g4.id])
        assert.deepEqual(await list({ regionId: 'cn-hangzhou', vpcId: vpc2.id }), [g3.id])
        assert.deepEqual(await list({ regionId: 'cn-hangzhou', name: 'web' }), [g2.id, g3.id])
        assert.deepEqual(await list({ regionId: 'cn-hangzhou', ids: [g1.id, other.sg.id] }), [
          g1.id,
        ])
        assert.deepEqual(await list({ regionId: 'cn-hangzhou', ids: [] }), [])
      })
    })

    c.it(
      'countSecurityGroups and countSecurityGroupsOfVpc count their scope',
      async ({ store }) => {
        const { account, vpc } = await store.transaction((tx) => seedNetwork(tx))
        const vpc2 = aVpc({ accountId: account.id, regionId: 'cn-beijing' })
        await store.transaction(async (tx) => {
          await tx.insertVpc(vpc2)
          await tx.insertSecurityGroup(aSecurityGroup({ accountId: account.id, vpcId: vpc.id }))
          await tx.insertSecurityGroup(
            aSecurityGroup({ accountId: account.id, vpcId: vpc2.id, regionId: 'cn-beijing' }),
          )
          await seedNetwork(tx)
        })
        await store.transaction(async (tx) => {
          assert.equal(await tx.countSecurityGroups(account.id, 'cn-hangzhou'), 2)
          assert.equal(await tx.countSecurityGroups(account.id, 'cn-beijing'), 1)
          assert.equal(await tx.countSecurityGroups(anAccount().id, 'cn-hangzhou'), 0)
          assert.equal(await tx.countSecurityGroupsOfVpc(vpc.id), 2)
          assert.equal(await tx.countSecurityGroupsOfVpc(vpc2.id), 1)
          assert.equal(await tx.countSecurityGroupsOfVpc('vpc-unknown'), 0)
        })
      },
    )

    c.it(
      'lockSecurityGroups accepts any ids in any order and leaves the groups unchanged',
      async ({ store }) => {
        const { account, vpc, sg } = await store.transaction((tx) => seedNetwork(tx))
        const sg2 = aSecurityGroup({ accountId: account.id, vpcId: vpc.id })
        await store.transaction((tx) => tx.insertSecurityGroup(sg2))
        await store.transaction(async (tx) => {
          await tx.lockSecurityGroups([sg2.id, sg.id, 'sg-unknown'])
          await tx.lockSecurityGroups([])
          assert.deepEqual(await tx.getSecurityGroups(account.id, [sg.id, sg2.id]), [sg, sg2])
          // read and locked at once: in the order asked, unknown and foreign ids left out
          assert.deepEqual(
            await tx.getSecurityGroups(account.id, [sg2.id, 'sg-unknown', sg.id], true),
            [sg2, sg],
          )
          assert.deepEqual(await tx.getSecurityGroups(anAccount().id, [sg.id], true), [])
          assert.deepEqual(await tx.getSecurityGroups(account.id, [], true), [])
        })
      },
    )

    c.it(
      'countSecurityGroupIps counts primary and secondary IPs of member ENIs',
      async ({ store }) => {
        const { net, sg2 } = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          const sg2 = await seedGroup(tx, net)
          await seedEni(tx, net, {}, { secondaries: [anAddress(), anAddress()] })
          await seedEni(tx, net, {}, { secondaries: [anAddress()], sgIds: [net.sg.id, sg2.id] })
          await seedEni(tx, net, {}, { sgIds: [] })
          return { net, sg2 }
        })
        await store.transaction(async (tx) => {
          assert.equal(await tx.countSecurityGroupIps(net.sg.id), 5)
          assert.equal(await tx.countSecurityGroupIps(sg2.id), 2)
          assert.equal(await tx.countSecurityGroupIps('sg-unknown'), 0)
          assert.deepEqual(
            await tx.countSecurityGroupIpsIn([sg2.id, 'sg-unknown', net.sg.id]),
            new Map([
              [sg2.id, 2],
              ['sg-unknown', 0],
              [net.sg.id, 5],
            ]),
          )
          assert.deepEqual(await tx.countSecurityGroupIpsIn([]), new Map())
        })
      },
    )

    c.it('countSecurityGroupMembers counts member ENIs', async ({ store }) => {
      const { net, sg2 } = await store.transaction(async (tx) => {
        const net = await seedNetwork(tx)
        const sg2 = await seedGroup(tx, net)
        await seedEni(tx, net, {}, { secondaries: [anAddress()] })
        await seedEni(tx, net, {}, { sgIds: [net.sg.id, sg2.id] })
        return { net, sg2 }
      })
      await store.transaction(async (tx) => {
        assert.equal(await tx.countSecurityGroupMembers(net.sg.id), 2)
        assert.equal(await tx.countSecurityGroupMembers(sg2.id), 1)
        assert.equal(await tx.countSecurityGroupMembers('sg-unknown'), 0)
      })
    })

    c.it("deleteSecurityGroup deletes only the owner account's group", async ({ store }) => {
      const { account, sg } = await store.transaction((tx) => seedNetwork(tx))
      await store.transaction((tx) => tx.deleteSecurityGroup(anAccount().id, sg.id))
      assert.deepEqual(await store.transaction((tx) => tx.getSecurityGroups(account.id, [sg.id])), [
        sg,
      ])
      await store.transaction((tx) => tx.deleteSecurityGroup(account.id, sg.id))
      assert.deepEqual(
        await store.transaction((tx) => tx.getSecurityGroups(account.id, [sg.id])),
        [],
      )
    })
  })
}
