// Tags: put (add or overwrite), delete (some keys or all), tagsOf, listTagResources (filters and
// row paging), `Tag.N` filters on every list, and tags gone with their resource.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import { anAccount, anInstance } from '../../testing/builders.js'
import type { ResourceTag } from '../store.js'
import type { Cases } from './harness.js'
import { rejectsWithCode } from './harness.js'
import { ids, seedEni, seedNetwork } from './seed.js'

const ALL = { limit: 100 }
const R = 'cn-hangzhou'
const row = (resourceId: string, key: string, value: string): ResourceTag => ({
  resourceId,
  key,
  value,
})

export function tagsContract(c: Cases): void {
  describe('tags', () => {
    c.it(
      'putTags adds and overwrites; tagsOf reads them by resource then key',
      async ({ store }) => {
        const net = await store.transaction((tx) => seedNetwork(tx))
        const a = net.account.id
        await store.transaction(async (tx) => {
          const e1 = await seedEni(tx, net)
          const e2 = await seedEni(tx, net)
          await tx.putTags(a, R, 'eni', e1.id, [
            { key: 'k2', value: 'v2' },
            { key: 'k1', value: '' },
          ])
          await tx.putTags(a, R, 'eni', e2.id, [{ key: 'k1', value: 'x' }])
          await tx.putTags(a, R, 'eni', e1.id, [
            { key: 'k2', value: 'changed' },
            { key: 'k3', value: 'v3' },
          ])
          assert.deepEqual(await tx.tagsOf(a, 'eni', [e2.id, e1.id]), [
            row(e1.id, 'k1', ''),
            row(e1.id, 'k2', 'changed'),
            row(e1.id, 'k3', 'v3'),
            row(e2.id, 'k1', 'x'),
          ])
          assert.deepEqual(await tx.tagsOf(a, 'eni', []), [])
          assert.deepEqual(await tx.tagsOf(a, 'instance', [e1.id]), [], 'another resource type')
          assert.deepEqual(await tx.tagsOf(anAccount().id, 'eni', [e1.id]), [], 'another account')
        })
      },
    )

    c.it('deleteTags removes named keys or all, ignoring absent keys', async ({ store }) => {
      const net = await store.transaction((tx) => seedNetwork(tx))
      const a = net.account.id
      await store.transaction(async (tx) => {
        const e = await seedEni(tx, net)
        const tags = ['a', 'b', 'c'].map((key) => ({ key, value: key }))
        await tx.putTags(a, R, 'eni', e.id, tags)
        assert.equal(await tx.deleteTags(anAccount().id, 'eni', e.id), 0, 'another account')
        assert.equal(await tx.deleteTags(a, 'eni', e.id, ['a', 'zz']), 1)
        assert.equal(await tx.deleteTags(a, 'eni', e.id, []), 0)
        assert.deepEqual(
          (await tx.tagsOf(a, 'eni', [e.id])).map((t) => t.key),
          ['b', 'c'],
        )
        assert.equal(await tx.deleteTags(a, 'eni', e.id), 2)
        assert.deepEqual(await tx.tagsOf(a, 'eni', [e.id]), [])
      })
    })

    c.it('listTagResources filters by type, region, ids and tags (AND)', async ({ store }) => {
      const net = await store.transaction((tx) => seedNetwork(tx))
      const a = net.account.id
      await store.transaction(async (tx) => {
        const [e1, e2, e3] = [
          await seedEni(tx, net),
          await seedEni(tx, net),
          await seedEni(tx, net),
        ]
        await tx.putTags(a, R, 'eni', e1.id, [
          { key: 'team', value: 'net' },
          { key: 'env', value: 'prod' },
        ])
        await tx.putTags(a, R, 'eni', e2.id, [{ key: 'team', value: 'web' }])
        await tx.putTags(a, 'cn-beijing', 'eni', e3.id, [{ key: 'team', value: 'net' }])
        await tx.putTags(a, R, 'vpc', net.vpc.id, [{ key: 'team', value: 'net' }])
        const list = async (f: {
          resourceIds?: string[]
          tags?: { key: string; value?: string }[]
        }) => (await tx.listTagResources(a, { regionId: R, resourceType: 'eni', ...f }, ALL)).items
        assert.deepEqual(await list({ resourceIds: [e1.id] }), [
          row(e1.id, 'env', 'prod'),
          row(e1.id, 'team', 'net'),
        ])
        assert.deepEqual(await list({ tags: [{ key: 'team' }] }), [
          row(e1.id, 'env', 'prod'),
          row(e1.id, 'team', 'net'),
          row(e2.id, 'team', 'web'),
        ])
        assert.deepEqual(
          (await list({ tags: [{ key: 'team', value: 'net' }, { key: 'env' }] })).map(
            (t) => t.resourceId,
          ),
          [e1.id, e1.id],
        )
        assert.deepEqual(await list({ tags: [{ key: 'team', value: 'web' }, { key: 'env' }] }), [])
        assert.deepEqual(await list({ resourceIds: [e2.id], tags: [{ key: 'env' }] }), [])
        assert.deepEqual(await list({ resourceIds: [] }), [])
        const other = await tx.listTagResources(
          anAccount().id,
          { regionId: R, resourceType: 'eni', tags: [{ key: 'team' }] },
          ALL,
        )
        assert.deepEqual(other, { items: [], nextToken: '' }, 'another account')
      })
    })

    c.it(
      'listTagResources pages by row; a foreign NextToken is InvalidParameter',
      async ({ store }) => {
        const net = await store.transaction((tx) => seedNetwork(tx))
        const a = net.account.id
        const all: ResourceTag[] = []
        await store.transaction(async (tx) => {
          for (let n = 0; n < 3; n++) {
            const e = await seedEni(tx, net)
            const tags = ['a', 'b'].map((key) => ({ key, value: `${key}${n}` }))
            await tx.putTags(a, R, 'eni', e.id, tags)
            all.push(...tags.map((t) => row(e.id, t.key, t.value)))
          }
        })
        const f = { regionId: R, resourceType: 'eni' as const, tags: [{ key: 'a' }] }
        const seen: ResourceTag[] = []
        let after: string | undefined
        let pages = 0
        do {
          const page = await store.transaction((tx) =>
            tx.listTagResources(a, f, { after, limit: 4 }),
          )
          seen.push(...page.items)
          after = page.nextToken
          pages++
        } while (after !== '' && pages < 10)
        assert.equal(pages, 2)
        assert.deepEqual(seen, all)
        await rejectsWithCode(
          store.transaction((tx) =>
            tx.listTagResources(a, f, { after: 'bm90LWEtdG9rZW4', limit: 4 }),
          ),
          'InvalidParameter',
        )
      },
    )

    c.it(
      'every list filters by Tag.N (AND; a pair without a value matches any value)',
      async ({ store }) => {
        const net = await store.transaction((tx) => seedNetwork(tx))
        const a = net.account.id
        await store.transaction(async (tx) => {
          const tagged = await seedEni(tx, net)
          await seedEni(tx, net)
          const instance = anInstance({
            accountId: a,
            vpcId: net.vpc.id,
            vswitchId: net.vswitch.id,
          })
          await tx.insertInstance(instance)
          const both = [
            { key: 'creator', value: 'terway' },
            { key: 'env', value: '' },
          ]
          for (const [type, id] of [
            ['eni', tagged.id],
            ['instance', instance.id],
            ['vpc', net.vpc.id],
            ['vswitch', net.vswitch.id],
            ['securitygroup', net.sg.id],
          ] as const) {
            await tx.putTags(a, R, type, id, both)
          }
          const match = [{ key: 'creator', value: 'terway' }, { key: 'env' }]
          const miss = [
            { key: 'creator', value: 'terway' },
            { key: 'env', value: 'x' },
          ]
          const base = { regionId: R }
          assert.deepEqual(ids((await tx.listEnis(a, { ...base, tags: match }, ALL)).items), [
            tagged.id,
          ])
          assert.equal((await tx.listEnis(a, { ...base, tags: miss }, ALL)).totalCount, 0)
          assert.deepEqual(ids((await tx.listInstances(a, { ...base, tags: match }, ALL)).items), [
            instance.id,
          ])
          assert.equal((await tx.listInstances(a, { ...base, tags: miss }, ALL)).totalCount, 0)
          assert.deepEqual(ids((await tx.listVpcs(a, { ...base, tags: match }, ALL)).items), [
            net.vpc.id,
          ])
          assert.equal((await tx.listVpcs(a, { ...base, tags: miss }, ALL)).totalCount, 0)
          assert.deepEqual(ids((await tx.listVSwitches(a, { ...base, tags: match }, ALL)).items), [
            net.vswitch.id,
          ])
          assert.equal((await tx.listVSwitches(a, { ...base, tags: miss }, ALL)).totalCount, 0)
          assert.deepEqual(
            ids((await tx.listSecurityGroups(a, { ...base, tags: match }, ALL)).items),
            [net.sg.id],
          )
          assert.equal((await tx.listSecurityGroups(a, { ...base, tags: miss }, ALL)).totalCount, 0)
          const otherAccount = anAccount().id
          assert.equal(
            (await tx.listEnis(otherAccount, { ...base, tags: match }, ALL)).totalCount,
            0,
          )
        })
      },
    )

    c.it(
      'deleting a resource deletes its tags; a rolled-back delete keeps them',
      async ({ store }) => {
        const net = await store.transaction((tx) => seedNetwork(tx))
        const a = net.account.id
        const t = [{ key: 'k', value: 'v' }]
        const instance = anInstance({ accountId: a, vpcId: net.vpc.id, vswitchId: net.vswitch.id })
        const eni = await store.transaction(async (tx) => {
          const e = await seedEni(tx, net)
          await tx.insertInstance(instance)
          await tx.putTags(a, R, 'eni', e.id, t)
          await tx.putTags(a, R, 'instance', instance.id, t)
          await tx.putTags(a, R, 'vpc', net.vpc.id, t)
          await tx.putTags(a, R, 'vswitch', net.vswitch.id, t)
          await tx.putTags(a, R, 'securitygroup', net.sg.id, t)
          return e
        })
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.deleteEni(eni.id)
            throw new Error('roll back')
          }),
          /roll back/,
        )
        await store.transaction(async (tx) => {
          assert.equal((await tx.tagsOf(a, 'eni', [eni.id])).length, 1, 'rolled back')
          await tx.deleteEni(eni.id)
          await tx.deleteInstance(a, instance.id)
          await tx.deleteSecurityGroup(a, net.sg.id)
          await tx.deleteVSwitch(a, net.vswitch.id)
          await tx.deleteVpc(a, net.vpc.id)
        })
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.tagsOf(a, 'eni', [eni.id]), [])
          assert.deepEqual(await tx.tagsOf(a, 'instance', [instance.id]), [])
          assert.deepEqual(await tx.tagsOf(a, 'securitygroup', [net.sg.id]), [])
          assert.deepEqual(await tx.tagsOf(a, 'vswitch', [net.vswitch.id]), [])
          assert.deepEqual(await tx.tagsOf(a, 'vpc', [net.vpc.id]), [])
        })
      },
    )
  })
}
