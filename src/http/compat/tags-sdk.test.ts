// Tags through the official SDKs (extensions.md §1, §8.3): @alicloud/ecs20140526 for the ECS tag
// actions, @alicloud/vpc20160428 for the VPC ones (capital-T UnTagResources), pop-core for
// hand-numbered `Tag.N`. Terraform's ENI sequence end to end, the wire spellings, and the codes
// only the HTTP layer produces (ResourceType, RegionId) with their statuses.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import * as $Ecs from '@alicloud/ecs20140526'
import * as $Vpc from '@alicloud/vpc20160428'
import type { RunningServer } from '../../main.js'
import {
  ecsClient,
  eventually,
  popClient,
  sdkError,
  startCompatServer,
  vpcClient,
} from '../../testing/sdk-harness.js'

type Json = Record<string, unknown>
const regionId = 'cn-hangzhou'

describe('tags through the official SDKs', () => {
  let server: RunningServer
  let vpcId = ''
  let vswitchId = ''
  let sgId = ''

  before(async () => {
    server = await startCompatServer()
    const vpc = vpcClient(server.url)
    const created = await vpc.createVpc(
      new $Vpc.CreateVpcRequest({
        regionId,
        cidrBlock: '192.168.0.0/16',
        tag: [new $Vpc.CreateVpcRequestTag({ key: 'env', value: 'lab' })],
      }),
    )
    vpcId = created.body?.vpcId ?? ''
    await eventually(
      'VPC Available',
      () => vpc.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId, vpcId })),
      (r) => r.body?.vpcs?.vpc?.[0]?.status === 'Available',
    )
    const vsw = await vpc.createVSwitch(
      new $Vpc.CreateVSwitchRequest({
        regionId,
        vpcId,
        zoneId: 'cn-hangzhou-h',
        cidrBlock: '192.168.1.0/24',
        tag: [new $Vpc.CreateVSwitchRequestTag({ key: 'tier', value: 'pods' })],
      }),
    )
    vswitchId = vsw.body?.vSwitchId ?? ''
    await eventually(
      'vSwitch Available',
      () =>
        vpc.describeVSwitches(
          new $Vpc.DescribeVSwitchesRequest({ regionId, vSwitchId: vswitchId }),
        ),
      (r) => r.body?.vSwitches?.vSwitch?.[0]?.status === 'Available',
    )
    const sg = await ecsClient(server.url).createSecurityGroup(
      new $Ecs.CreateSecurityGroupRequest({
        regionId,
        vpcId,
        tag: [new $Ecs.CreateSecurityGroupRequestTag({ key: 'cilium', value: 'sg' })],
      }),
    )
    sgId = sg.body?.securityGroupId ?? ''
  })
  after(async () => {
    await server.close()
  })

  test("Terraform's ENI sequence: create, read, update tags, read, delete", async () => {
    const ecs = ecsClient(server.url)
    const created = await ecs.createNetworkInterface(
      new $Ecs.CreateNetworkInterfaceRequest({
        regionId,
        vSwitchId: vswitchId,
        securityGroupIds: [sgId],
        tag: [
          new $Ecs.CreateNetworkInterfaceRequestTag({ key: 'Name', value: 'tf-eni' }),
          new $Ecs.CreateNetworkInterfaceRequestTag({ key: 'owner', value: 'ops' }),
        ],
      }),
    )
    const id = created.body?.networkInterfaceId ?? ''
    assert.deepEqual(
      created.body?.tags?.tag?.map((t) => [t.tagKey, t.tagValue]),
      [
        ['Name', 'tf-eni'],
        ['owner', 'ops'],
      ],
    )
    const read = async () => {
      const d = await ecs.describeNetworkInterfaces(
        new $Ecs.DescribeNetworkInterfacesRequest({ regionId, networkInterfaceId: [id] }),
      )
      const item = d.body?.networkInterfaceSets?.networkInterfaceSet?.[0]
      assert.equal(item?.networkInterfaceId, id)
      const tags = await ecs.listTagResources(
        new $Ecs.ListTagResourcesRequest({ regionId, resourceType: 'eni', resourceId: [id] }),
      )
      assert.equal(tags.body?.nextToken, undefined, 'one page: no NextToken')
      return {
        described: item?.tags?.tag?.map((t) => `${t.tagKey}=${t.tagValue}`),
        listed: tags.body?.tagResources?.tagResource?.map((r) => {
          assert.equal(r.resourceId, id)
          assert.equal(r.resourceType, 'eni')
          return `${r.tagKey}=${r.tagValue}`
        }),
      }
    }
    assert.deepEqual(await read(), {
      described: ['Name=tf-eni', 'owner=ops'],
      listed: ['Name=tf-eni', 'owner=ops'],
    })
    // Update: removed keys first, then added/changed ones.
    await ecs.untagResources(
      new $Ecs.UntagResourcesRequest({
        regionId,
        resourceType: 'eni',
        resourceId: [id],
        tagKey: ['owner'],
      }),
    )
    await ecs.tagResources(
      new $Ecs.TagResourcesRequest({
        regionId,
        resourceType: 'eni',
        resourceId: [id],
        tag: [
          new $Ecs.TagResourcesRequestTag({ key: 'Name', value: 'tf-eni-2' }),
          new $Ecs.TagResourcesRequestTag({ key: 'team', value: '' }),
        ],
      }),
    )
    assert.deepEqual(await read(), {
      described: ['Name=tf-eni-2', 'team='],
      listed: ['Name=tf-eni-2', 'team='],
    })
    await ecs.deleteNetworkInterface(
      new $Ecs.DeleteNetworkInterfaceRequest({ regionId, networkInterfaceId: id }),
    )
    await eventually(
      'ENI gone',
      () =>
        ecs.describeNetworkInterfaces(
          new $Ecs.DescribeNetworkInterfacesRequest({ regionId, networkInterfaceId: [id] }),
        ),
      (r) => (r.body?.networkInterfaceSets?.networkInterfaceSet ?? []).length === 0,
    )
    const gone = await ecs.listTagResources(
      new $Ecs.ListTagResourcesRequest({ regionId, resourceType: 'eni', resourceId: [id] }),
    )
    assert.deepEqual(gone.body?.tagResources?.tagResource, [])
  })

  test('Tag.N in any index order; Describe actions filter and spell tags per API', async () => {
    const pop = popClient(server.url)
    const created = await pop.request<Json>(
      'CreateNetworkInterface',
      {
        RegionId: regionId,
        VSwitchId: vswitchId,
        SecurityGroupId: sgId,
        'Tag.7.Key': 'creator',
        'Tag.7.Value': 'terway',
        'Tag.2.Key': 'cilium-eni-index',
        'Tag.2.Value': '3',
      },
      { method: 'POST' },
    )
    const id = String(created['NetworkInterfaceId'])
    const ecs = ecsClient(server.url)
    const filtered = await ecs.describeNetworkInterfaces(
      new $Ecs.DescribeNetworkInterfacesRequest({
        regionId,
        vpcId,
        tag: [
          new $Ecs.DescribeNetworkInterfacesRequestTag({ key: 'creator', value: 'terway' }),
          new $Ecs.DescribeNetworkInterfacesRequestTag({ key: 'cilium-eni-index' }),
        ],
      }),
    )
    assert.deepEqual(
      filtered.body?.networkInterfaceSets?.networkInterfaceSet?.map((e) => e.networkInterfaceId),
      [id],
    )
    const groups = await ecs.describeSecurityGroups(
      new $Ecs.DescribeSecurityGroupsRequest({
        regionId,
        tag: [new $Ecs.DescribeSecurityGroupsRequestTag({ key: 'cilium' })],
      }),
    )
    const group = groups.body?.securityGroups?.securityGroup?.[0]
    assert.equal(group?.securityGroupId, sgId)
    assert.deepEqual(
      group?.tags?.tag?.map((t) => [t.tagKey, t.tagValue]),
      [['cilium', 'sg']],
    )
    const vpc = vpcClient(server.url)
    const vsws = await vpc.describeVSwitches(
      new $Vpc.DescribeVSwitchesRequest({
        regionId,
        tag: [new $Vpc.DescribeVSwitchesRequestTag({ key: 'tier', value: 'pods' })],
      }),
    )
    const vsw = vsws.body?.vSwitches?.vSwitch?.[0]
    assert.deepEqual(
      vsw?.tags?.tag?.map((t) => [t.key, t.value]),
      [['tier', 'pods']],
    )
    const vpcs = await vpc.describeVpcs(
      new $Vpc.DescribeVpcsRequest({
        regionId,
        tag: [new $Vpc.DescribeVpcsRequestTag({ key: 'env', value: 'prod' })],
      }),
    )
    assert.equal(vpcs.body?.totalCount, 0)
    const raw = await popClient(server.url, undefined, '2016-04-28').request<Json>(
      'DescribeVpcs',
      { RegionId: regionId, VpcId: vpcId },
      { method: 'POST' },
    )
    const rawVpc = (raw['Vpcs'] as { Vpc: { Tags: unknown }[] }).Vpc[0]
    assert.equal(JSON.stringify(rawVpc?.Tags), '{"Tag":[{"Key":"env","Value":"lab"}]}')
  })

  test('VPC tag actions: any-case ResourceType echoed upper case, MaxResults, UnTagResources', async () => {
    const vpc = vpcClient(server.url)
    await vpc.tagResources(
      new $Vpc.TagResourcesRequest({
        regionId,
        resourceType: 'vswitch',
        resourceId: [vswitchId],
        tag: [
          new $Vpc.TagResourcesRequestTag({ key: 'a', value: '1' }),
          new $Vpc.TagResourcesRequestTag({ key: 'b', value: '2' }),
        ],
      }),
    )
    const first = await vpc.listTagResources(
      new $Vpc.ListTagResourcesRequest({
        regionId,
        resourceType: 'VSwitch',
        resourceId: [vswitchId],
        maxResults: 2,
      }),
    )
    const rows = first.body?.tagResources?.tagResource ?? []
    assert.deepEqual(
      rows.map((r) => [r.resourceType, r.tagKey, r.tagValue]),
      [
        ['VSWITCH', 'a', '1'],
        ['VSWITCH', 'b', '2'],
      ],
    )
    assert.ok(first.body?.nextToken, 'a third row remains')
    const second = await vpc.listTagResources(
      new $Vpc.ListTagResourcesRequest({
        regionId,
        resourceType: 'VSWITCH',
        resourceId: [vswitchId],
        maxResults: 2,
        nextToken: first.body?.nextToken,
      }),
    )
    assert.deepEqual(
      second.body?.tagResources?.tagResource?.map((r) => r.tagKey),
      ['tier'],
    )
    assert.equal(second.body?.nextToken, undefined)
    await vpc.unTagResources(
      new $Vpc.UnTagResourcesRequest({
        regionId,
        resourceType: 'VSWITCH',
        resourceId: [vswitchId],
        all: true,
      }),
    )
    const none = await vpc.listTagResources(
      new $Vpc.ListTagResourcesRequest({
        regionId,
        resourceType: 'VSWITCH',
        resourceId: [vswitchId],
      }),
    )
    assert.deepEqual(none.body?.tagResources?.tagResource, [])
  })

  test('codes the HTTP layer answers, with their statuses', async () => {
    const ecs = ecsClient(server.url)
    const vpc = vpcClient(server.url)
    const ecsList = (o: Json) => ecs.listTagResources(new $Ecs.ListTagResourcesRequest(o))
    const cases: [Promise<unknown>, string, number][] = [
      [ecsList({ regionId, resourceId: ['x'] }), 'MissingParameter.ResourceType', 404],
      [ecsList({ resourceType: 'eni', resourceId: ['x'] }), 'MissingParameter.RegionId', 404],
      [
        ecsList({ regionId, resourceType: 'disk', resourceId: ['x'] }),
        'InvalidResourceType.NotFound',
        404,
      ],
      [
        ecs.tagResources(
          new $Ecs.TagResourcesRequest({ regionId, resourceType: 'eni', resourceId: ['eni-x'] }),
        ),
        'MissingParameter.Tags',
        404,
      ],
      [
        ecs.tagResources(
          new $Ecs.TagResourcesRequest({
            regionId,
            resourceType: 'eni',
            resourceId: ['eni-unknown'],
            tag: [new $Ecs.TagResourcesRequestTag({ key: 'k', value: 'v' })],
          }),
        ),
        'InvalidResourceId.NotFound',
        404,
      ],
      [
        ecs.createNetworkInterface(
          new $Ecs.CreateNetworkInterfaceRequest({
            regionId,
            vSwitchId: vswitchId,
            securityGroupIds: [sgId],
            tag: Array.from(
              { length: 21 },
              (_, i) => new $Ecs.CreateNetworkInterfaceRequestTag({ key: `k${i}`, value: '' }),
            ),
          }),
        ),
        'QuotaExceed.Tags',
        403,
      ],
      [
        vpc.listTagResources(
          new $Vpc.ListTagResourcesRequest({
            regionId,
            resourceType: 'ROUTETABLE',
            resourceId: ['x'],
          }),
        ),
        'InvalidInstanceType.NotFound',
        400,
      ],
      [
        vpc.listTagResources(new $Vpc.ListTagResourcesRequest({ regionId, resourceType: 'VPC' })),
        'BothEmpty.TagsAndResources',
        403,
      ],
      [
        vpc.createVpc(
          new $Vpc.CreateVpcRequest({
            regionId,
            tag: [
              new $Vpc.CreateVpcRequestTag({ key: 'a', value: '' }),
              new $Vpc.CreateVpcRequestTag({ key: 'a', value: 'b' }),
            ],
          }),
        ),
        'Forbidden.TagKey.Duplicated',
        400,
      ],
    ]
    for (const [call, code, status] of cases) {
      const e = await sdkError(call)
      assert.deepEqual([e.code, e.statusCode], [code, status], code)
    }
  })
})
