// VPCs and vSwitches (lists are paged the same way everywhere: see paging.contract.ts).
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import { aVSwitch, aVpc, anAccount, at } from '../../testing/builders.js'
import type { Cases } from './harness.js'
import { rejectsWithCode } from './harness.js'
import { ids, seedNetwork } from './seed.js'

const ALL = { limit: 100 }

export function vpcsContract(c: Cases): void {
  describe('VPCs', () => {
    c.it(
      'insertVpc then getVpc returns it; another account or an unknown id is undefined',
      async ({ store }) => {
        const { account, vpc } = await store.transaction((tx) => seedNetwork(tx))
        const other = anAccount()
        await store.transaction(async (tx) => {
          await tx.insertAccount(other)
          assert.deepEqual(await tx.getVpc(account.id, vpc.id), vpc)
          assert.equal(await tx.getVpc(other.id, vpc.id), undefined)
          assert.equal(await tx.getVpc(account.id, 'vpc-unknown'), undefined)
        })
      },
    )

    c.it('a VPC with a duplicate id is OperationConflict', async ({ store }) => {
      const { account, vpc } = await store.transaction((tx) => seedNetwork(tx))
      await rejectsWithCode(
        store.transaction((tx) => tx.insertVpc(aVpc({ accountId: account.id, id: vpc.id }))),
        'OperationConflict',
      )
    })

    c.it('listVpcs filters by account, region, ids and name', async ({ store }) => {
      const a = anAccount()
      const b = anAccount()
      const v1 = aVpc({ accountId: a.id, name: 'blue' })
      const v2 = aVpc({ accountId: a.id, name: 'green' })
      const v3 = aVpc({ accountId: a.id, name: 'blue', regionId: 'cn-beijing' })
      const v4 = aVpc({ accountId: b.id, name: 'blue' })
      await store.transaction(async (tx) => {
        for (const v of [v1, v2, v3, v4]) await tx.insertVpc(v)
      })
      await store.transaction(async (tx) => {
        const list = (f: Parameters<typeof tx.listVpcs>[1]) => tx.listVpcs(a.id, f, ALL)
        const hz = await list({ regionId: 'cn-hangzhou' })
        assert.deepEqual(hz.items, [v1, v2])
        assert.equal(hz.totalCount, 2)
        assert.deepEqual(ids((await list({ regionId: 'cn-beijing' })).items), [v3.id])
        assert.deepEqual(
          ids((await list({ regionId: 'cn-hangzhou', ids: [v2.id, v4.id] })).items),
          [v2.id],
        )
        assert.deepEqual(ids((await list({ regionId: 'cn-hangzhou', name: 'blue' })).items), [
          v1.id,
        ])
        assert.deepEqual(await list({ regionId: 'cn-hangzhou', ids: [] }), {
          items: [],
          totalCount: 0,
          nextToken: '',
        })
      })
    })

    c.it('countVpcs counts one account in one region', async ({ store }) => {
      const a = anAccount()
      await store.transaction(async (tx) => {
        await tx.insertVpc(aVpc({ accountId: a.id }))
        await tx.insertVpc(aVpc({ accountId: a.id }))
        await tx.insertVpc(aVpc({ accountId: a.id, regionId: 'cn-beijing' }))
        await tx.insertVpc(aVpc({ accountId: anAccount().id }))
        assert.equal(await tx.countVpcs(a.id, 'cn-hangzhou'), 2)
        assert.equal(await tx.countVpcs(a.id, 'cn-beijing'), 1)
        assert.equal(await tx.countVpcs(a.id, 'cn-shanghai'), 0)
      })
    })

    c.it('setVpcStatus changes only the status', async ({ store }) => {
      const a = anAccount()
      const vpc = aVpc({ accountId: a.id, status: 'Pending' })
      await store.transaction((tx) => tx.insertVpc(vpc))
      await store.transaction((tx) => tx.setVpcStatus(vpc.id, 'Available'))
      const got = await store.transaction((tx) => tx.getVpc(a.id, vpc.id))
      assert.deepEqual(got, { ...vpc, status: 'Available' })
    })

    c.it("deleteVpc deletes only the owner account's VPC", async ({ store }) => {
      const a = anAccount()
      const vpc = aVpc({ accountId: a.id })
      await store.transaction((tx) => tx.insertVpc(vpc))
      await store.transaction((tx) => tx.deleteVpc(anAccount().id, vpc.id))
      assert.deepEqual(await store.transaction((tx) => tx.getVpc(a.id, vpc.id)), vpc)
      await store.transaction((tx) => tx.deleteVpc(a.id, vpc.id))
      assert.equal(await store.transaction((tx) => tx.getVpc(a.id, vpc.id)), undefined)
    })
  })

  describe('vSwitches', () => {
    c.it(
      'insertVSwitch then getVSwitch returns it; another account or an unknown id is undefined',
      async ({ store }) => {
        const { account, vswitch } = await store.transaction((tx) => seedNetwork(tx))
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.getVSwitch(account.id, vswitch.id), vswitch)
          assert.equal(await tx.getVSwitch(anAccount().id, vswitch.id), undefined)
          assert.equal(await tx.getVSwitch(account.id, 'vsw-unknown'), undefined)
        })
      },
    )

    c.it('listVSwitches filters by account, region, VPC, zone, ids and name', async ({ store }) => {
      const { account, vpc, vswitch: s1 } = await store.transaction((tx) => seedNetwork(tx))
      const other = await store.transaction((tx) => seedNetwork(tx))
      const vpc2 = aVpc({ accountId: account.id })
      const s2 = aVSwitch({
        accountId: account.id,
        vpcId: vpc.id,
        zoneId: 'cn-hangzhou-i',
        name: 'x',
      })
      const s3 = aVSwitch({ accountId: account.id, vpcId: vpc2.id, name: 'x' })
      const vpc3 = aVpc({ accountId: account.id, regionId: 'cn-beijing' })
      const s4 = aVSwitch({ accountId: account.id, vpcId: vpc3.id, regionId: 'cn-beijing' })
      await store.transaction(async (tx) => {
        await tx.insertVpc(vpc2)
        await tx.insertVpc(vpc3)
        for (const s of [s2, s3, s4]) await tx.insertVSwitch(s)
      })
      await store.transaction(async (tx) => {
        const list = async (f: Parameters<typeof tx.listVSwitches>[1]) =>
          ids((await tx.listVSwitches(account.id, f, ALL)).items)
        const all = await tx.listVSwitches(account.id, {}, ALL)
        assert.deepEqual(all.items, [s1, s2, s3, s4])
        assert.equal(all.totalCount, 4)
        assert.deepEqual(await list({ regionId: 'cn-hangzhou' }), [s1.id, s2.id, s3.id])
        assert.deepEqual(await list({ vpcId: vpc.id }), [s1.id, s2.id])
        assert.deepEqual(await list({ zoneId: 'cn-hangzhou-i' }), [s2.id])
        assert.deepEqual(await list({ name: 'x' }), [s2.id, s3.id])
        assert.deepEqual(await list({ ids: [s3.id, other.vswitch.id] }), [s3.id])
        assert.deepEqual(await list({ ids: [] }), [])
        assert.deepEqual(await list({ vpcId: other.vpc.id }), [])
      })
    })

    c.it("vswitchesOfVpc lists a VPC's vSwitches by (created_at, id)", async ({ store }) => {
      const { account, vpc, vswitch } = await store.transaction((tx) => seedNetwork(tx))
      const earlier = aVSwitch({ accountId: account.id, vpcId: vpc.id, createdAt: at(-1000) })
      const later = aVSwitch({ accountId: account.id, vpcId: vpc.id, createdAt: at(1000) })
      const other = await store.transaction(async (tx) => {
        await tx.insertVSwitch(later)
        await tx.insertVSwitch(earlier)
        return seedNetwork(tx)
      })
      await store.transaction(async (tx) => {
        assert.deepEqual(await tx.vswitchesOfVpc(vpc.id), [earlier, vswitch, later])
        assert.deepEqual(await tx.vswitchesOfVpc(other.vpc.id), [other.vswitch])
        assert.deepEqual(await tx.vswitchesOfVpc('vpc-unknown'), [])
      })
    })

    c.it('setVSwitchStatus changes only the status', async ({ store }) => {
      const { account, vpc } = await store.transaction((tx) => seedNetwork(tx))
      const s = aVSwitch({ accountId: account.id, vpcId: vpc.id, status: 'Pending' })
      await store.transaction((tx) => tx.insertVSwitch(s))
      await store.transaction((tx) => tx.setVSwitchStatus(s.id, 'Available'))
      const got = await store.transaction((tx) => tx.getVSwitch(account.id, s.id))
      assert.deepEqual(got, { ...s, status: 'Available' })
    })

    c.it("deleteVSwitch deletes only the owner account's vSwitch", async ({ store }) => {
      const { account, vpc } = await store.transaction((tx) => seedNetwork(tx))
      const s = aVSwitch({ accountId: account.id, vpcId: vpc.id })
      await store.transaction((tx) => tx.insertVSwitch(s))
      await store.transaction((tx) => tx.deleteVSwitch(anAccount().id, s.id))
      assert.deepEqual(await store.transaction((tx) => tx.getVSwitch(account.id, s.id)), s)
      await store.transaction((tx) => tx.deleteVSwitch(account.id, s.id))
      assert.equal(await store.transaction((tx) => tx.getVSwitch(account.id, s.id)), undefined)
    })
  })
}
