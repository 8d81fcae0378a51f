// ECS 2014-05-26's copies of the VPC actions act on the same VPCs and vSwitches as VPC
// 2016-04-28's, read only the ECS request model's parameters, and answer the VPC responses.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { ECS_VERSION, VPC_VERSION } from '../../api/action-versions.js'
import { REGION, startHarness, ZONE, type Harness } from '../../testing/action-harness.js'

type Ids = { VpcId: string; VRouterId: string; RouteTableId: string }
type VpcList = { TotalCount: number; Vpcs: { Vpc: Array<Record<string, unknown>> } }
type VSwitchList = { TotalCount: number; VSwitches: { VSwitch: Array<Record<string, unknown>> } }

const ecs = { Version: ECS_VERSION }
const vpcApi = { Version: VPC_VERSION }

let h: Harness
before(async () => {
  h = await startHarness()
})
after(() => h.close())

describe("ECS's copies of the VPC actions", () => {
  test('a VPC and vSwitch created through ECS are the ones the VPC API sees, and back', async () => {
    const created = await h.ok<Ids>('CreateVpc', {
      ...ecs,
      RegionId: REGION,
      CidrBlock: '10.0.0.0/8',
      VpcName: 'ecs-made',
    })
    assert.match(created.VpcId, /^vpc-/)
    assert.match(created.VRouterId, /^vrt-/)
    assert.match(created.RouteTableId, /^vtb-/)
    await h.settle()
    const seenByVpc = await h.ok<VpcList>('DescribeVpcs', {
      ...vpcApi,
      RegionId: REGION,
      VpcId: created.VpcId,
    })
    assert.equal(seenByVpc.Vpcs.Vpc[0]?.['VpcName'], 'ecs-made')
    assert.equal(seenByVpc.Vpcs.Vpc[0]?.['Status'], 'Available')

    const vsw = await h.ok<{ VSwitchId: string }>('CreateVSwitch', {
      ...vpcApi,
      RegionId: REGION,
      VpcId: created.VpcId,
      ZoneId: ZONE,
      CidrBlock: '10.1.0.0/24',
    })
    await h.settle()
    const seenByEcs = await h.ok<VSwitchList>('DescribeVSwitches', {
      ...ecs,
      RegionId: REGION,
      VpcId: created.VpcId,
    })
    assert.equal(seenByEcs.TotalCount, 1)
    const item = seenByEcs.VSwitches.VSwitch[0]
    assert.equal(item?.['VSwitchId'], vsw.VSwitchId)
    assert.equal(item?.['AvailableIpAddressCount'], 252)
    for (const field of ['VpcId', 'Status', 'CidrBlock', 'ZoneId', 'IsDefault', 'CreationTime']) {
      assert.ok(item !== undefined && field in item, `DescribeVSwitches item lacks ${field}`)
    }
    const vpcs = await h.ok<VpcList>('DescribeVpcs', { ...ecs, RegionId: REGION })
    const vpc = vpcs.Vpcs.Vpc.find((v) => v['VpcId'] === created.VpcId)
    assert.deepEqual(vpc?.['VSwitchIds'], { VSwitchId: [vsw.VSwitchId] })
    assert.equal(vpc?.['VRouterId'], created.VRouterId)

    const routers = await h.ok<{
      TotalCount: number
      VRouters: { VRouter: Array<Record<string, unknown>> }
    }>('DescribeVRouters', { ...ecs, RegionId: REGION, VRouterId: created.VRouterId })
    assert.equal(routers.TotalCount, 1)
    assert.equal(routers.VRouters.VRouter[0]?.['VpcId'], created.VpcId)
    assert.deepEqual(routers.VRouters.VRouter[0]?.['RouteTableIds'], {
      RouteTableId: [created.RouteTableId],
    })

    await h.fails(
      'DeleteVpc',
      { ...ecs, RegionId: REGION, VpcId: created.VpcId },
      400,
      'DependencyViolation',
    )
    await h.ok('DeleteVSwitch', { ...ecs, RegionId: REGION, VSwitchId: vsw.VSwitchId })
    await h.ok('DeleteVpc', { ...ecs, RegionId: REGION, VpcId: created.VpcId })
    const gone = await h.ok<VpcList>('DescribeVpcs', {
      ...vpcApi,
      RegionId: REGION,
      VpcId: created.VpcId,
    })
    assert.equal(gone.TotalCount, 0)
  })

  test('parameters outside the ECS request model are not read (DryRun, Ipv6CidrBlock)', async () => {
    // VPC 2016-04-28 honours DryRun; ECS's CreateVpc has no such parameter, so the VPC is made.
    await h.fails(
      'CreateVpc',
      { ...vpcApi, RegionId: REGION, DryRun: 'true' },
      400,
      'DryRunOperation',
    )
    const made = await h.ok<Ids>('CreateVpc', { ...ecs, RegionId: REGION, DryRun: 'true' })
    assert.match(made.VpcId, /^vpc-/)
    await h.settle()
    // VPC 2016-04-28 refuses Ipv6CidrBlock here; ECS's CreateVSwitch does not have it.
    const vswParams = {
      RegionId: REGION,
      VpcId: made.VpcId,
      ZoneId: ZONE,
      CidrBlock: '172.16.1.0/24',
      Ipv6CidrBlock: '1',
    }
    await h.fails('CreateVSwitch', { ...vpcApi, ...vswParams }, 400, 'InvalidParameter')
    const vsw = await h.ok<{ VSwitchId: string }>('CreateVSwitch', { ...ecs, ...vswParams })
    assert.match(vsw.VSwitchId, /^vsw-/)
  })

  test('errors are the VPC ones: an unknown VPC is InvalidVpcId.NotFound', async () => {
    await h.fails(
      'DeleteVpc',
      { ...ecs, RegionId: REGION, VpcId: 'vpc-doesnotexist00000' },
      404,
      'InvalidVpcId.NotFound',
    )
    await h.fails(
      'DescribeVpcs',
      { ...ecs, RegionId: 'xx-nowhere-1' },
      404,
      'InvalidRegionId.NotFound',
    )
  })

  test('without a Version, an Action both products have asks for one', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ Action: 'DescribeVpcs', RegionId: REGION }).toString(),
    })
    assert.equal(res.statusCode, 400)
    assert.equal(res.json<{ Code: string }>().Code, 'MissingParameter')
  })
})
