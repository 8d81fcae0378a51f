import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { WireImage, WireInstanceType, WireRegion, WireZone } from '../../api/wire/catalogue.js'
import type { Wrapped } from '../../api/wire/list.js'
import { wrap } from '../list-wrapper.js'
import { Params } from '../params.js'
import { describeRegionsAction } from './describe-regions.js'
import { allActions } from './register-actions.js'
import {
  ACCOUNT_ID,
  IMAGE_ID,
  listIn,
  REGION,
  startHarness,
  ZONE,
  type Harness,
} from '../../testing/action-harness.js'

type ImagePage = {
  RegionId: string
  TotalCount: number
  PageNumber: number
  PageSize: number
  Images: Wrapped<'Image', WireImage>
}

let h: Harness
before(async () => {
  h = await startHarness()
})
after(() => h.close())

describe('catalogue', () => {
  test('DescribeRegions lists the configured region', async () => {
    const body = await h.ok<{ Regions: Wrapped<'Region', WireRegion> }>('DescribeRegions')
    assert.deepEqual(listIn(body.Regions, 'Region'), [
      {
        RegionId: REGION,
        LocalName: 'China (Hangzhou)',
        RegionEndpoint: 'ecs.cn-hangzhou.aliyuncs.com',
        Status: 'available',
      },
    ])
  })

  test('DescribeRegions reports the endpoint the composition root gives', async () => {
    const action = describeRegionsAction({ ctx: h.ctx, regionEndpoint: () => '127.0.0.1:8080' })
    const body = await action.handler({
      params: new Params({}),
      accountId: ACCOUNT_ID,
      requestId: 'R',
      log: h.app.log,
    })
    assert.deepEqual(
      body,
      wrap('Regions', 'Region', [
        {
          RegionId: REGION,
          LocalName: 'China (Hangzhou)',
          RegionEndpoint: '127.0.0.1:8080',
          Status: 'available',
        },
      ]),
    )
  })

  test('DescribeZones lists the zones with what they offer', async () => {
    const body = await h.ok<{ Zones: Wrapped<'Zone', WireZone> }>('DescribeZones', {
      RegionId: REGION,
    })
    const zones = listIn(body.Zones, 'Zone') as WireZone[]
    assert.deepEqual(
      zones.map((z) => z.ZoneId),
      [ZONE, 'cn-hangzhou-i', 'cn-hangzhou-j'],
    )
    assert.equal(zones[0]?.LocalName, 'China (Hangzhou) Zone H')
    assert.ok(zones[0]?.AvailableInstanceTypes.InstanceTypes.includes('ecs.g7.large'))
    assert.ok(zones[0]?.AvailableResourceCreation.ResourceTypes.includes('VSwitch'))
    await h.fails('DescribeZones', {}, 400, 'MissingRegionId')
  })

  test('DescribeImages pages, filters and keeps empty results wrapped', async () => {
    const all = await h.ok<ImagePage>('DescribeImages', { RegionId: REGION, PageSize: '4' })
    assert.equal(all.RegionId, REGION)
    assert.equal(all.TotalCount, 6)
    assert.equal(all.PageSize, 4)
    assert.equal(all.Images.Image.length, 4)
    const second = await h.ok<ImagePage>('DescribeImages', {
      RegionId: REGION,
      PageSize: '4',
      PageNumber: '2',
    })
    assert.equal(second.Images.Image.length, 2)

    const one = await h.ok<ImagePage>('DescribeImages', { RegionId: REGION, ImageId: IMAGE_ID })
    const [image] = listIn(one.Images, 'Image') as WireImage[]
    assert.ok(image)
    assert.equal(image.ImageId, IMAGE_ID)
    assert.equal(image.OSType, 'linux')
    assert.equal(image.Platform, 'Aliyun')
    assert.equal(image.Size, 20)
    assert.equal(image.IsSupportCloudinit, true)
    assert.equal(image.CreationTime, '2024-08-19T00:00:00Z')

    const windows = await h.ok<ImagePage>('DescribeImages', { RegionId: REGION, OSType: 'windows' })
    assert.deepEqual(
      windows.Images.Image.map((i) => i.Platform),
      ['Windows Server 2022'],
    )
    const mine = await h.ok<ImagePage>('DescribeImages', {
      RegionId: REGION,
      ImageOwnerAlias: 'self',
    })
    assert.deepEqual(mine.Images, { Image: [] })
    assert.equal(mine.TotalCount, 0)
    await h.fails('DescribeImages', { RegionId: REGION, PageSize: '0' }, 400, 'InvalidParameter')
  })

  test('DescribeInstanceTypes gives the ENI limits, numbers as numbers', async () => {
    const body = await h.ok<{
      NextToken: string
      InstanceTypes: Wrapped<'InstanceType', WireInstanceType>
    }>('DescribeInstanceTypes', {
      'InstanceTypes.1': 'ecs.g6.large',
      'InstanceTypes.2': 'ecs.unknown',
    })
    assert.equal(body.NextToken, '')
    const [type] = listIn(body.InstanceTypes, 'InstanceType') as WireInstanceType[]
    assert.ok(type)
    assert.equal(body.InstanceTypes.InstanceType.length, 1)
    assert.deepEqual(
      [type.EniQuantity, type.EniPrivateIpAddressQuantity, type.EniIpv6AddressQuantity],
      [2, 6, 1],
    )
    assert.equal(type.EniTotalQuantity, 2)
    assert.equal(type.EniTrunkSupported, false)
    assert.equal(type.MemorySize, 8)
    assert.equal(type.CpuCoreCount, 2)
    assert.equal(type.InstanceTypeFamily, 'ecs.g6')

    const family = await h.ok<{ InstanceTypes: Wrapped<'InstanceType', WireInstanceType> }>(
      'DescribeInstanceTypes',
      { InstanceTypeFamily: 'ecs.g7' },
    )
    assert.ok(family.InstanceTypes.InstanceType.length > 1)
    assert.ok(family.InstanceTypes.InstanceType.every((t) => t.InstanceTypeFamily === 'ecs.g7'))
    const many = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`InstanceTypes.${i + 1}`, 'ecs.g6.large']),
    )
    await h.fails('DescribeInstanceTypes', many, 400, 'InvalidParameter')
  })

  test('DescribeInstanceTypes pages with MaxResults/NextToken, "" on the last page', async () => {
    type Page = { NextToken: string; InstanceTypes: Wrapped<'InstanceType', WireInstanceType> }
    const seen: string[] = []
    let nextToken = ''
    let pages = 0
    do {
      const page = await h.ok<Page>('DescribeInstanceTypes', {
        MaxResults: '100',
        ...(nextToken !== '' ? { NextToken: nextToken } : {}),
      })
      assert.ok(page.InstanceTypes.InstanceType.length <= 100)
      seen.push(...page.InstanceTypes.InstanceType.map((t) => t.InstanceTypeId))
      nextToken = page.NextToken
      pages++
    } while (nextToken !== '' && pages < 10)
    assert.equal(pages, 2)
    assert.equal(seen.length, 155)
    assert.equal(new Set(seen).size, 155)
    const all = await h.ok<Page>('DescribeInstanceTypes', {})
    assert.equal(all.InstanceTypes.InstanceType.length, 155)
    assert.equal(all.NextToken, '')
    for (const bad of ['it0', 'it155', 'garbage']) {
      await h.fails('DescribeInstanceTypes', { NextToken: bad }, 400, 'InvalidParameter')
    }
  })

  test('under seed, EniPrivateIpAddressQuantity is the enforced min(20, type)', async () => {
    type Page = { InstanceTypes: Wrapped<'InstanceType', WireInstanceType> }
    const page = await h.ok<Page>('DescribeInstanceTypes', {
      'InstanceTypes.1': 'ecs.g8i.4xlarge', // 30 per ENI in the catalogue
      'InstanceTypes.2': 'ecs.g6.large', // 6
    })
    const limits = Object.fromEntries(
      page.InstanceTypes.InstanceType.map((t) => [t.InstanceTypeId, t.EniPrivateIpAddressQuantity]),
    )
    assert.deepEqual(limits, { 'ecs.g8i.4xlarge': 20, 'ecs.g6.large': 6 })
    const current = await startHarness({ profile: 'current' })
    try {
      const types = await current.ok<Page>('DescribeInstanceTypes', {
        'InstanceTypes.1': 'ecs.g8i.4xlarge',
      })
      assert.equal(types.InstanceTypes.InstanceType[0]?.EniPrivateIpAddressQuantity, 30)
    } finally {
      await current.close()
    }
  })
})

describe('registerActions', () => {
  test('registers every Action once, under its product version', () => {
    const names = h.registry.definitions().map((d) => `${d.version} ${d.action}`)
    assert.equal(new Set(names).size, names.length)
    assert.equal(names.length, allActions(h.ctx).length)
    assert.equal(names.length, 56)
    for (const action of ['TagResources', 'UntagResources', 'ListTagResources']) {
      assert.ok(names.includes(`2014-05-26 ${action}`), action)
    }
    for (const action of ['TagResources', 'UnTagResources', 'ListTagResources']) {
      assert.ok(names.includes(`2016-04-28 ${action}`), action)
    }
    for (const action of ['CreateVpc', 'DescribeVSwitchAttributes', 'DeleteVSwitch']) {
      assert.ok(names.includes(`2016-04-28 ${action}`), action)
    }
    // ECS's copies of the VPC actions (extensions.md §6) and the VPC API's own catalogue
    for (const action of ['CreateVpc', 'DescribeVpcs', 'DeleteVSwitch', 'DescribeVRouters']) {
      assert.ok(names.includes(`2014-05-26 ${action}`), action)
    }
    assert.ok(!names.includes('2014-05-26 DescribeVSwitchAttributes'))
    assert.ok(names.includes('2016-04-28 DescribeRegions'))
    assert.ok(names.includes('2016-04-28 DescribeZones'))
    assert.ok(names.includes('2015-04-01 GetCallerIdentity'))
    assert.ok(names.includes('2015-06-12 DescribeEndpoints'))
    assert.ok(names.includes('2014-05-26 AssignPrivateIpAddresses'))
    assert.ok(names.includes('2014-05-26 EniplaneNoOp'))
    assert.ok(names.includes('2014-05-26 EniplaneDescribeEvents'))
    assert.ok(names.includes('2014-05-26 EniplaneAddFaultRules'))
    assert.ok(names.includes('2014-05-26 DescribeEniplaneOperations'))
  })

  test("DescribeEniplaneOperations lists the caller's pending operations", async () => {
    const vpc = await h.ok<{ VpcId: string }>('CreateVpc', { RegionId: REGION })
    const listed = await h.ok<{
      TotalCount: number
      Operations: { Operation: { ResourceId: string; Status: string; Attempts: number }[] }
    }>('DescribeEniplaneOperations', { RegionId: REGION, ResourceId: vpc.VpcId })
    assert.deepEqual(
      listed.Operations.Operation.map((o) => [o.ResourceId, o.Status, o.Attempts]),
      [[vpc.VpcId, 'Pending', 0]],
    )
    assert.equal(listed.TotalCount, 1)
    await h.settle()
  })

  test('an unknown Action is InvalidAction.NotFound', async () => {
    await h.fails('AssignIpv7Addresses', { RegionId: REGION }, 404, 'InvalidAction.NotFound')
  })
})
