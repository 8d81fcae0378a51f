// TagResources / UntagResources / ListTagResources (extensions.md §1.3–§1.4) on both engines:
// overwrite, the per-resource cap of 20, all-or-nothing over several resources, row paging,
// tenancy, tags gone with their resource, and every code of both APIs with its HTTP status.
import assert from 'node:assert/strict'

import type { TagInput } from '../domain/tags.js'
import type { Harness } from '../testing/service-harness.js'
import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { createAccount } from './accounts.js'
import { deleteNetworkInterface } from './delete-network-interface.js'
import { listTagResources } from './list-tag-resources.js'
import type { TagApi } from './tag-apis.js'
import { tagResources } from './tag-resources.js'
import { untagResources } from './untag-resources.js'

const regionId = REGION
const many = (n: number, prefix = 'k'): TagInput[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `${prefix}${String(i).padStart(2, '0')}`,
    value: '',
  }))

const tag = (h: Harness, ids: string[], tags: TagInput[], api: TagApi = 'ecs', type = 'eni') =>
  tagResources(h.ctx, h.caller, {
    api,
    regionId,
    resourceType: type as 'eni',
    resourceIds: ids,
    tags,
  })
const untag = (h: Harness, ids: string[], tagKeys: string[], all?: boolean, api: TagApi = 'ecs') =>
  untagResources(h.ctx, h.caller, {
    api,
    regionId,
    resourceType: api === 'ecs' ? 'eni' : 'vpc',
    resourceIds: ids,
    tagKeys,
    all,
  })
const list = (
  h: Harness,
  f: {
    ids?: string[]
    tags?: TagInput[]
    nextToken?: string | undefined
    maxResults?: number
  },
  api: TagApi = 'ecs',
) =>
  listTagResources(h.ctx, h.caller, {
    api,
    regionId,
    resourceType: api === 'ecs' ? 'eni' : 'vpc',
    resourceIds: f.ids ?? [],
    tags: f.tags ?? [],
    nextToken: f.nextToken,
    maxResults: f.maxResults,
  })

describeOnEngines('tag resources', (t) => {
  t.it('TagResources adds and overwrites; UntagResources removes keys or all', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w, { tags: [{ key: 'creator', value: 'terraform' }] })
    await tag(
      h,
      [eni.id],
      [{ key: 'creator', value: 'terway' }, { key: 'env', value: 'lab' }, { key: 'team' }],
    )
    assert.deepEqual((await h.getEni(eni.id)).tags, [
      { key: 'creator', value: 'terway' },
      { key: 'env', value: 'lab' },
      { key: 'team', value: '' },
    ])
    await untag(h, [eni.id], ['env', 'not-there'])
    assert.deepEqual(
      (await h.getEni(eni.id)).tags.map((x) => x.key),
      ['creator', 'team'],
    )
    await untag(h, [eni.id], ['team'], true) // All is ignored when TagKey.N is given
    assert.deepEqual(
      (await h.getEni(eni.id)).tags.map((x) => x.key),
      ['creator'],
    )
    await untag(h, [eni.id], [], true)
    assert.deepEqual((await h.getEni(eni.id)).tags, [])
  })

  t.it('a resource carries at most 20 keys, counting existing ones', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w, { tags: many(19) })
    await tag(h, [eni.id], [{ key: 'k00', value: 'overwrite' }, { key: 'new' }]) // 20 keys
    await h.rejects(
      () => tag(h, [eni.id], [{ key: 'one-more' }]),
      'OperationDenied.QuotaExceed',
      400,
    )
    const vpc = (await h.world({ vpcCidr: '10.0.0.0/16', vswitchCidr: '10.0.1.0/24' })).vpc
    await tag(h, [vpc.id], many(20), 'vpc', 'vpc')
    await h.rejects(
      () => tag(h, [vpc.id], [{ key: 'x' }], 'vpc', 'vpc'),
      'QuotaExceeded.TagNum',
      400,
    )
  })

  t.it('several resources: all tagged, or none when one is unknown', async (h) => {
    const w = await h.world()
    const [a, b] = [await h.eni(w), await h.eni(w)]
    await tag(h, [a.id, b.id, a.id], [{ key: 'k', value: 'v' }])
    assert.equal((await list(h, { tags: [{ key: 'k', value: 'v' }] })).items.length, 2)
    await h.rejects(
      () => tag(h, [a.id, 'eni-unknown'], [{ key: 'other' }]),
      'InvalidResourceId.NotFound',
      404,
    )
    await h.rejects(
      () => tag(h, [w.vpc.id], [{ key: 'other' }]),
      'InvalidResourceId.NotSupported',
      403,
    )
    await h.rejects(
      () => tag(h, [a.id], [{ key: 'k' }], 'ecs', 'instance'),
      'InvalidResourceId.NotFound',
      404,
    )
  })

  t.it('ECS limits and codes of TagResources and UntagResources', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    const ids51 = Array.from({ length: 51 }, (_, i) => `eni-${i}`)
    await h.rejects(() => tag(h, ids51, [{ key: 'k' }]), 'NumberExceed.ResourceIds', 400)
    await h.rejects(() => tag(h, [eni.id], many(21)), 'NumberExceed.Tags', 400)
    await h.rejects(() => tag(h, [eni.id], []), 'MissingParameter.Tags', 404)
    await h.rejects(() => tag(h, [], [{ key: 'k' }]), 'MissingParameter', 400)
    await h.rejects(() => tag(h, [eni.id], [{ key: 'a' }, { key: 'a' }]), 'Duplicate.TagKey', 400)
    await h.rejects(() => tag(h, [eni.id], [{ key: 'aliyun' }]), 'InvalidTagKey.Malformed', 400)
    await h.rejects(
      () => tag(h, [eni.id], [{ key: 'k', value: 'x'.repeat(129) }]),
      'InvalidTagValue.Malformed',
      400,
    )
    await h.rejects(() => tag(h, [eni.id], [{ value: 'v' }]), 'InvalidTag.Mismatch', 400)
    await h.rejects(() => untag(h, [eni.id], []), 'InvalidTagCount', 400)
    await h.rejects(
      () =>
        untag(
          h,
          [eni.id],
          many(21).map((x) => x.key!),
        ),
      'NumberExceed.Tags',
      400,
    )
    await h.rejects(() => untag(h, ids51, ['k']), 'NumberExceed.ResourceIds', 400)
    await h.rejects(() => untag(h, ['eni-unknown'], ['k']), 'InvalidResourceId.NotFound', 404)
  })

  t.it('VPC limits and codes of TagResources and UnTagResources', async (h) => {
    const w = await h.world()
    const vpcTag = (ids: string[], tags: TagInput[]) => tag(h, ids, tags, 'vpc', 'vpc')
    const ids51 = Array.from({ length: 51 }, (_, i) => `vpc-${i}`)
    await h.rejects(() => vpcTag(ids51, [{ key: 'k' }]), 'SizeLimitExceeded.ResourceId', 400)
    await h.rejects(() => vpcTag([w.vpc.id], many(21)), 'SizeLimitExceeded.TagNum', 400)
    await h.rejects(
      () => vpcTag([w.vpc.id], [{ key: 'a' }, { key: 'a' }]),
      'Forbidden.TagKey.Duplicated',
      400,
    )
    await h.rejects(() => vpcTag([w.vpc.id], [{ key: 'acs:x' }]), 'InvalidTagKey', 400)
    await h.rejects(
      () => vpcTag([w.vpc.id], [{ key: 'k', value: 'acs:x' }]),
      'InvalidTagValue',
      400,
    )
    await h.rejects(
      () => vpcTag(['vpc-unknown'], [{ key: 'k' }]),
      'InvalidInstanceIds.NotFound',
      400,
    )
    await h.rejects(
      () => vpcTag([w.vswitch.id], [{ key: 'k' }]),
      'InvalidInstanceIds.NotFound',
      400,
    )
    await h.rejects(
      () => untag(h, [w.vpc.id], ['aliyun-x'], undefined, 'vpc'),
      'Forbidden.TagKeys',
      400,
    )
    await h.rejects(() => untag(h, [w.vpc.id], [], false, 'vpc'), 'MissingParameter', 400)
    await vpcTag([w.vpc.id], [{ key: 'k', value: '' }])
    await untag(h, [w.vpc.id], ['k'], undefined, 'vpc')
    assert.deepEqual((await list(h, { ids: [w.vpc.id] }, 'vpc')).items, [])
  })

  t.it('ListTagResources selects by ids and/or tags and pages 50 rows at a time', async (h) => {
    const w = await h.world()
    const enis = []
    for (let i = 0; i < 6; i++) enis.push(await h.eni(w, { tags: many(10, `e${i}-`) }))
    const [first] = enis
    assert.ok(first)
    const byId = await list(h, { ids: [first.id, 'eni-unknown'] })
    assert.equal(byId.items.length, 10)
    assert.equal(byId.nextToken, '')
    assert.deepEqual(byId.items[0], { resourceId: first.id, key: 'e0-00', value: '' })
    const rows = []
    let nextToken: string | undefined
    let pages = 0
    do {
      const page = await list(h, { ids: enis.map((e) => e.id), nextToken })
      assert.ok(page.items.length <= 50)
      rows.push(...page.items)
      nextToken = page.nextToken === '' ? undefined : page.nextToken
      pages++
    } while (nextToken !== undefined && pages < 10)
    assert.equal(pages, 2)
    assert.equal(rows.length, 60)
    assert.equal(new Set(rows.map((r) => `${r.resourceId}/${r.key}`)).size, 60)
    const byTag = await list(h, { tags: [{ key: 'e3-04' }] })
    assert.deepEqual(new Set(byTag.items.map((r) => r.resourceId)), new Set([enis[3]!.id]))
    const both = await list(h, { ids: [first.id], tags: [{ key: 'e3-04' }] })
    assert.deepEqual(both.items, [])
    const vpcPage = await list(h, { tags: [{ key: 'x' }], maxResults: 1 }, 'vpc')
    assert.deepEqual(vpcPage, { items: [], nextToken: '' })
  })

  t.it('ListTagResources codes', async (h) => {
    await h.rejects(() => list(h, {}), 'MissingParameter', 400)
    await h.rejects(() => list(h, {}, 'vpc'), 'BothEmpty.TagsAndResources', 403)
    await h.rejects(() => list(h, { tags: [{ value: 'v' }] }), 'InvalidParameter.TagValue', 400)
    await h.rejects(() => list(h, { tags: many(21) }), 'NumberExceed.Tags', 400)
    await h.rejects(() => list(h, { tags: many(21) }, 'vpc'), 'SizeLimitExceeded.TagNum', 400)
    const ids51 = Array.from({ length: 51 }, (_, i) => `eni-${i}`)
    await h.rejects(() => list(h, { ids: ids51 }), 'NumberExceed.ResourceIds', 400)
    await h.rejects(() => list(h, { ids: ['x'], nextToken: 'garbage' }), 'InvalidParameter', 400)
  })

  t.it("another account's resources are not found and their tags not listed", async (h) => {
    const w = await h.world()
    const eni = await h.eni(w, { tags: [{ key: 'k', value: 'v' }] })
    const other = await createAccount(h.ctx.store, h.clock.now(), 'tag-other', {
      accountId: 'acc-tag-other',
      accessKeyId: 'LTAItagother0000001',
      accessKeySecret: 'secret',
    })
    const caller = { accountId: other.accountId }
    const base = { api: 'ecs' as const, regionId, resourceType: 'eni' as const }
    await h.rejects(
      () => tagResources(h.ctx, caller, { ...base, resourceIds: [eni.id], tags: [{ key: 'x' }] }),
      'InvalidResourceId.NotFound',
      404,
    )
    await h.rejects(
      () => untagResources(h.ctx, caller, { ...base, resourceIds: [eni.id], tagKeys: ['k'] }),
      'InvalidResourceId.NotFound',
      404,
    )
    const seen = await listTagResources(h.ctx, caller, {
      ...base,
      resourceIds: [eni.id],
      tags: [{ key: 'k' }],
    })
    assert.deepEqual(seen.items, [])
  })

  t.it('deleting an ENI deletes its tags', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w, { tags: [{ key: 'k', value: 'v' }] })
    await deleteNetworkInterface(h.ctx, h.caller, { regionId, networkInterfaceId: eni.id })
    await h.settle()
    assert.deepEqual((await list(h, { ids: [eni.id] })).items, [])
    assert.deepEqual((await list(h, { tags: [{ key: 'k' }] })).items, [])
  })
})
