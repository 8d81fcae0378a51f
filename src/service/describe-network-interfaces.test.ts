// DescribeNetworkInterfaces: paging walks every ENI exactly once with an exact TotalCount;
// filters combine with AND; unknown ids are simply absent.
import assert from 'node:assert/strict'

import type { Harness } from '../testing/service-harness.js'
import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { deleteNetworkInterface } from './delete-network-interface.js'
import type { DescribeNetworkInterfacesInput } from './describe-network-interfaces.js'
import { describeNetworkInterfaces } from './describe-network-interfaces.js'

const regionId = REGION

const list = (h: Harness, f: Omit<DescribeNetworkInterfacesInput, 'regionId'> = {}) =>
  describeNetworkInterfaces(h.ctx, h.caller, { regionId, ...f })

const idsOf = async (h: Harness, f: Omit<DescribeNetworkInterfacesInput, 'regionId'>) =>
  (await list(h, f)).items.map((e) => e.id).sort()

describeOnEngines('DescribeNetworkInterfaces', (t) => {
  t.it('MaxResults/NextToken walks every ENI once; TotalCount is exact', async (h) => {
    const w = await h.world()
    const expected = new Set<string>()
    for (let i = 0; i < 2; i++) {
      const instanceId = await h.instance(w)
      expected.add((await h.primaryEniOf(instanceId)).id)
    }
    for (let i = 0; i < 21; i++) {
      h.clock.advance(i % 3 === 0 ? 1000 : 0) // some share a creation time, some do not
      expected.add((await h.eni(w)).id)
    }
    assert.equal(expected.size, 23)
    for (const maxResults of [1, 5, 10, 23, 500]) {
      const seen: string[] = []
      let nextToken: string | undefined
      let pages = 0
      for (;;) {
        const page = await list(h, { maxResults, nextToken })
        pages++
        assert.equal(page.totalCount, 23)
        assert.ok(page.items.length <= maxResults)
        seen.push(...page.items.map((e) => e.id))
        if (page.nextToken === '') break
        nextToken = page.nextToken
        assert.ok(pages <= 23, 'paging ends')
      }
      assert.equal(seen.length, 23, `maxResults ${maxResults}: each once`)
      assert.deepEqual(new Set(seen), expected)
      assert.equal(pages, Math.max(1, Math.ceil(23 / maxResults)))
    }
    // PageNumber/PageSize (deprecated) pages the same set.
    const byNumber: string[] = []
    for (let pageNumber = 1; pageNumber <= 3; pageNumber++) {
      const page = await list(h, { pageNumber, pageSize: 10 })
      assert.deepEqual([page.pageNumber, page.pageSize, page.totalCount], [pageNumber, 10, 23])
      byNumber.push(...page.items.map((e) => e.id))
    }
    assert.deepEqual(new Set(byNumber), expected)
    assert.equal(byNumber.length, 23)
    // A filtered walk counts only matches.
    const secondaries = await list(h, { type: 'Secondary', maxResults: 7 })
    assert.deepEqual([secondaries.totalCount, secondaries.items.length], [21, 7])
  })

  t.it('filters combine with AND; unknown ids are absent without error', async (h) => {
    const w = await h.world()
    const instanceId = await h.instance(w)
    const primary = await h.primaryEniOf(instanceId)
    const g2 = await h.securityGroup(w.vpc)
    const a = await h.eni(w, { name: 'alpha', secondaryPrivateIpAddressCount: 1 })
    const b = await h.eni(w, { name: 'beta', securityGroupIds: [g2.id] })
    await h.attach(b.id, instanceId)
    const secondaryOfA = a.privateIps.find((p) => !p.primary)!.address

    assert.deepEqual(await idsOf(h, { ids: [a.id, 'eni-bp1doesnotexist00000'] }), [a.id])
    assert.deepEqual(await idsOf(h, { ids: [] }), [])
    assert.deepEqual(await idsOf(h, { instanceId }), [primary.id, b.id].sort())
    assert.deepEqual(await idsOf(h, { type: 'Primary' }), [primary.id])
    assert.deepEqual(await idsOf(h, { status: 'Available' }), [a.id])
    assert.deepEqual(await idsOf(h, { status: 'InUse', type: 'Secondary' }), [b.id])
    assert.deepEqual(await idsOf(h, { securityGroupId: g2.id }), [b.id])
    assert.deepEqual(await idsOf(h, { name: 'alpha' }), [a.id])
    assert.deepEqual(await idsOf(h, { primaryIp: a.primaryIp }), [a.id])
    assert.deepEqual(await idsOf(h, { primaryIp: secondaryOfA }), [])
    assert.deepEqual(
      await idsOf(h, { privateIps: [secondaryOfA, b.primaryIp] }),
      [a.id, b.id].sort(),
    )
    assert.deepEqual(await idsOf(h, { vswitchId: w.vswitch.id, name: 'beta' }), [b.id])
    assert.deepEqual(await idsOf(h, { vpcId: 'vpc-bp1doesnotexist00000' }), [])
    // Another account sees nothing of ours.
    const theirs = await describeNetworkInterfaces(h.ctx, { accountId: 'acc-other' }, { regionId })
    assert.deepEqual([theirs.totalCount, theirs.items.length], [0, 0])
  })

  t.it('a deleted ENI is absent: empty set, TotalCount 0', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    await deleteNetworkInterface(h.ctx, h.caller, { regionId, networkInterfaceId: eni.id })
    assert.equal((await list(h, { ids: [eni.id] })).items[0]?.status, 'Deleting')
    await h.settle()
    const gone = await list(h, { ids: [eni.id] })
    assert.deepEqual([gone.items, gone.totalCount, gone.nextToken], [[], 0, ''])
  })

  t.it('more than 100 NetworkInterfaceId.N → InvalidParameter', async (h) => {
    const ids = Array.from({ length: 101 }, (_, i) => `eni-bp1x${String(i).padStart(17, '0')}`)
    await h.rejects(() => list(h, { ids }), 'InvalidParameter', 400)
    assert.equal((await list(h, { ids: ids.slice(0, 100) })).totalCount, 0)
  })
})
