// @alicloud/ecs20140526 (V3) and pop-core with apiVersion 2014-05-26 (V1) call the VPC actions
// under ECS's Version, as the old aliyun-sdk and Go's ecs package do (extensions.md §6); the VPC
// SDK reads the regions and zones of the VPC API.
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

describe("official SDKs use ECS's copies of the VPC actions", () => {
  let server: RunningServer
  const region = 'cn-hangzhou'
  before(async () => {
    server = await startCompatServer()
  })
  after(async () => {
    await server.close()
  })

  test('@alicloud/ecs20140526: create, describe and delete a VPC and a vSwitch', async () => {
    const ecs = ecsClient(server.url)
    const created = await ecs.createVpc(
      new $Ecs.CreateVpcRequest({ regionId: region, cidrBlock: '10.0.0.0/16', vpcName: 'via-ecs' }),
    )
    const vpcId = created.body?.vpcId ?? ''
    assert.match(vpcId, /^vpc-/)
    assert.match(created.body?.VRouterId ?? '', /^vrt-/)
    const ready = await eventually(
      'VPC Available',
      () => ecs.describeVpcs(new $Ecs.DescribeVpcsRequest({ regionId: region, vpcId })),
      (r) => r.body?.vpcs?.vpc?.[0]?.status === 'Available',
    )
    assert.equal(ready.body?.vpcs?.vpc?.[0]?.vpcName, 'via-ecs')
    assert.equal(ready.body?.totalCount, 1)

    const vsw = await ecs.createVSwitch(
      new $Ecs.CreateVSwitchRequest({
        regionId: region,
        vpcId,
        zoneId: 'cn-hangzhou-i',
        cidrBlock: '10.0.1.0/24',
      }),
    )
    const vswitchId = vsw.body?.vSwitchId ?? ''
    // The VPC SDK sees the same vSwitch.
    const viaVpc = await vpcClient(server.url).describeVSwitches(
      new $Vpc.DescribeVSwitchesRequest({ regionId: region, vSwitchId: vswitchId }),
    )
    assert.equal(viaVpc.body?.vSwitches?.vSwitch?.[0]?.vpcId, vpcId)
    const listed = await eventually(
      'vSwitch Available',
      () => ecs.describeVSwitches(new $Ecs.DescribeVSwitchesRequest({ regionId: region, vpcId })),
      (r) => r.body?.vSwitches?.vSwitch?.[0]?.status === 'Available',
    )
    const item = listed.body?.vSwitches?.vSwitch?.[0]
    assert.equal(item?.vSwitchId, vswitchId)
    assert.equal(item?.availableIpAddressCount, 252)
    assert.equal(item?.zoneId, 'cn-hangzhou-i')

    const routers = await ecs.describeVRouters(
      new $Ecs.DescribeVRoutersRequest({ regionId: region, VRouterId: created.body?.VRouterId }),
    )
    assert.equal(routers.body?.VRouters?.VRouter?.[0]?.vpcId, vpcId)

    const busy = await sdkError(
      ecs.deleteVpc(new $Ecs.DeleteVpcRequest({ regionId: region, vpcId })),
    )
    assert.equal(busy.code, 'DependencyViolation')
    await ecs.deleteVSwitch(
      new $Ecs.DeleteVSwitchRequest({ regionId: region, vSwitchId: vswitchId }),
    )
    await ecs.deleteVpc(new $Ecs.DeleteVpcRequest({ regionId: region, vpcId }))
    const gone = await ecs.describeVpcs(new $Ecs.DescribeVpcsRequest({ regionId: region, vpcId }))
    assert.equal(gone.body?.totalCount, 0)
  })

  test('pop-core with apiVersion 2014-05-26 (V1) lists VPCs under ECS', async () => {
    const pop = popClient(server.url)
    const made = await pop.request<{ VpcId: string }>(
      'CreateVpc',
      { RegionId: region, CidrBlock: '172.16.0.0/16' },
      { method: 'POST' },
    )
    const page = await pop.request<{
      TotalCount: number
      Vpcs: { Vpc: Array<{ VpcId: string; CidrBlock: string }> }
    }>('DescribeVpcs', { RegionId: region, VpcId: made.VpcId })
    assert.equal(page.TotalCount, 1)
    assert.equal(page.Vpcs.Vpc[0]?.CidrBlock, '172.16.0.0/16')
  })

  test('the VPC SDK reads DescribeRegions and DescribeZones of the VPC API', async () => {
    const vpc = vpcClient(server.url)
    const regions = await vpc.describeRegions(new $Vpc.DescribeRegionsRequest({}))
    assert.deepEqual(
      regions.body?.regions?.region?.map((r) => r.regionId),
      ['cn-hangzhou'],
    )
    const zones = await vpc.describeZones(new $Vpc.DescribeZonesRequest({ regionId: region }))
    assert.deepEqual(
      zones.body?.zones?.zone?.map((z) => z.zoneId),
      ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'],
    )
  })
})
