import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Wrapped } from '../../api/wire/list.js'
import type { WireVSwitch, WireVpc } from '../../api/wire/network.js'
import type { WireSecurityGroup } from '../../api/wire/security-group.js'
import {
  buildWorld,
  listIn,
  REGION,
  startHarness,
  ZONE,
  type Harness,
} from '../../testing/action-harness.js'

type VpcPage = {
  TotalCount: number
  PageNumber: number
  PageSize: number
  Vpcs: Wrapped<'Vpc', WireVpc>
}
type VSwitchPage = {
  TotalCount: number
  PageNumber: number
  PageSize: number
  VSwitches: Wrapped<'VSwitch', WireVSwitch>
}
type GroupPage = {
  RegionId: string
  TotalCount: number
  PageNumber: number
  PageSize: number
  NextToken: string
  SecurityGroups: Wrapped<'SecurityGroup', WireSecurityGroup>
}

const SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

let h: Harness
before(async () => {
  h = await startHarness()
})
after(() => h.close())

describe('VPCs', () => {
  test('CreateVpc answers ids; DescribeVpcs shows Pending, then Available with its vSwitches', async () => {
    const created = await h.ok<Record<string, string>>('CreateVpc', {
      RegionId: REGION,
      CidrBlock: '10.0.0.0/8',
      VpcName: 'main-vpc',
    })
    assert.deepEqual(Object.keys(created).sort(), [
      'RequestId',
      'ResourceGroupId',
      'RouteTableId',
      'VRouterId',
      'VpcId',
    ])
    const describe = () =>
      h.ok<VpcPage>('DescribeVpcs', { RegionId: REGION, VpcId: created['VpcId'] ?? '' })
    const pending = await describe()
    assert.equal(pending.Vpcs.Vpc[0]?.Status, 'Pending')
    await h.settle()

    const vsw = await h.ok<{ VSwitchId: string }>('CreateVSwitch', {
      RegionId: REGION,
      VpcId: created['VpcId'] ?? '',
      ZoneId: ZONE,
      CidrBlock: '10.1.0.0/24',
    })
    const page = await describe()
    assert.equal(page.TotalCount, 1)
    assert.equal(page.PageNumber, 1)
    assert.equal(page.PageSize, 10)
    const [vpc] = listIn(page.Vpcs, 'Vpc') as WireVpc[]
    assert.ok(vpc)
    assert.equal(vpc.Status, 'Available')
    assert.equal(vpc.VpcName, 'main-vpc')
    assert.equal(vpc.CidrBlock, '10.0.0.0/8')
    assert.equal(vpc.IsDefault, false)
    assert.match(vpc.CreationTime, SECONDS)
    assert.deepEqual(vpc.VSwitchIds, { VSwitchId: [vsw.VSwitchId] })
    assert.deepEqual(vpc.RouterTableIds, { RouterTableIds: [created['RouteTableId']] })
    assert.deepEqual(vpc.Tags, { Tag: [] })

    await h.fails('DeleteVpc', { RegionId: REGION, VpcId: vpc.VpcId }, 400, 'DependencyViolation')
    await h.settle()
    await h.ok('DeleteVSwitch', { RegionId: REGION, VSwitchId: vsw.VSwitchId })
    await h.fails(
      'DeleteVpc',
      { RegionId: REGION, VpcId: vpc.VpcId, DryRun: 'true' },
      400,
      'DryRunOperation',
    )
    const deleted = await h.ok('DeleteVpc', { RegionId: REGION, VpcId: vpc.VpcId })
    assert.deepEqual(Object.keys(deleted), ['RequestId'])
    assert.deepEqual((await describe()).Vpcs, { Vpc: [] })
  })

  test('errors', async () => {
    await h.fails('CreateVpc', {}, 400, 'MissingRegionId')
    await h.fails('CreateVpc', { RegionId: 'mars-1' }, 404, 'InvalidRegionId.NotFound')
    await h.fails(
      'CreateVpc',
      { RegionId: REGION, CidrBlock: '10.0.0.0/30' },
      400,
      'InvalidCirdrBlock.MaskLength',
    )
    await h.fails('CreateVpc', { RegionId: REGION, DryRun: 'true' }, 400, 'DryRunOperation')
    await h.fails('CreateVpc', { RegionId: REGION, EnableIpv6: 'yes' }, 400, 'InvalidParameter')
    await h.fails(
      'CreateVpc',
      { RegionId: REGION, Ipv6CidrBlock: '2408:4000:0:100::/56' },
      400,
      'InvalidParameter',
    )
    await h.ok('CreateVpc', { RegionId: REGION, ClientToken: 'vpc-token' })
    await h.fails(
      'CreateVpc',
      { RegionId: REGION, ClientToken: 'vpc-token', VpcName: 'other' },
      400,
      'IdempotenceParamNotMatch',
    )
    await h.fails('DescribeVpcs', { RegionId: REGION, PageSize: '51' }, 400, 'InvalidParameter')
    await h.fails(
      'DeleteVpc',
      { RegionId: REGION, VpcId: 'vpc-nope' },
      404,
      'InvalidVpcId.NotFound',
    )
  })
})

describe('vSwitches', () => {
  test('DescribeVSwitches and DescribeVSwitchAttributes show the exact free-address count', async () => {
    const world = await buildWorld(h)
    const page = await h.ok<VSwitchPage>('DescribeVSwitches', {
      VpcId: world.vpcId,
    })
    assert.equal(page.TotalCount, 1)
    assert.equal(typeof page.PageSize, 'number')
    const [vsw] = listIn(page.VSwitches, 'VSwitch') as WireVSwitch[]
    assert.ok(vsw)
    assert.equal(vsw.VSwitchId, world.vswitchId)
    assert.equal(vsw.AvailableIpAddressCount, 252)
    assert.equal(vsw.Status, 'Available')
    assert.equal(vsw.ZoneId, ZONE)
    assert.equal(vsw.EnabledIpv6, false)
    assert.match(vsw.CreationTime, SECONDS)
    assert.equal(vsw.RouteTable.RouteTableType, 'System')
    assert.match(vsw.RouteTable.RouteTableId, /^vtb-/)
    assert.deepEqual(vsw.Tags, { Tag: [] })

    const single = await h.ok<WireVSwitch>('DescribeVSwitchAttributes', {
      RegionId: REGION,
      VSwitchId: world.vswitchId,
    })
    const flat: Record<string, unknown> = { ...single }
    delete flat['RequestId']
    assert.deepEqual(flat, vsw)

    const none = await h.ok<VSwitchPage>('DescribeVSwitches', {
      RegionId: REGION,
      VSwitchId: 'vsw-a,vsw-b',
    })
    assert.deepEqual(none.VSwitches, { VSwitch: [] })
  })

  test('errors', async () => {
    const vpc = await h.ok<{ VpcId: string }>('CreateVpc', {
      RegionId: REGION,
      CidrBlock: '172.16.0.0/16',
    })
    const vsw = { RegionId: REGION, VpcId: vpc.VpcId, ZoneId: ZONE, CidrBlock: '172.16.1.0/24' }
    await h.fails('CreateVSwitch', vsw, 400, 'IncorrectVpcStatus')
    await h.settle()
    await h.fails(
      'CreateVSwitch',
      { ...vsw, ZoneId: 'cn-hangzhou-z' },
      404,
      'InvalidZoneId.NotFound',
    )
    await h.fails('CreateVSwitch', { ...vsw, CidrBlock: '' }, 400, 'MissingParameter')
    await h.fails('CreateVSwitch', { ...vsw, DryRun: 'true' }, 400, 'DryRunOperation')
    await h.fails('DescribeVSwitches', {}, 400, 'MissingParameter')
    await h.fails(
      'DescribeVSwitchAttributes',
      { RegionId: REGION, VSwitchId: 'vsw-nope' },
      404,
      'InvalidVSwitchId.NotFound',
    )
    await h.fails(
      'DeleteVSwitch',
      { RegionId: REGION, VSwitchId: 'vsw-nope' },
      404,
      'InvalidVSwitchId.NotFound',
    )
  })
})

describe('security groups', () => {
  test('create, describe (single id, JSON id list, by VPC) and delete', async () => {
    const world = await buildWorld(h)
    const other = await h.ok<{ SecurityGroupId: string }>('CreateSecurityGroup', {
      RegionId: REGION,
      VpcId: world.vpcId,
      SecurityGroupName: 'web-group',
      Description: 'web servers',
      SecurityGroupType: 'enterprise',
    })
    const byVpc = await h.ok<GroupPage>('DescribeSecurityGroups', {
      RegionId: REGION,
      VpcId: world.vpcId,
    })
    assert.equal(byVpc.RegionId, REGION)
    assert.equal(byVpc.TotalCount, 2)
    assert.equal(byVpc.NextToken, '')
    const groups = listIn(byVpc.SecurityGroups, 'SecurityGroup') as WireSecurityGroup[]
    const web = groups.find((g) => g.SecurityGroupId === other.SecurityGroupId)
    assert.ok(web)
    assert.equal(web.SecurityGroupName, 'web-group')
    assert.equal(web.SecurityGroupType, 'enterprise')
    assert.equal(web.VpcId, world.vpcId)
    assert.equal(web.ServiceManaged, false)
    assert.match(web.CreationTime, SECONDS)

    const byJson = await h.ok<GroupPage>('DescribeSecurityGroups', {
      RegionId: REGION,
      SecurityGroupIds: JSON.stringify([world.securityGroupId, 'sg-unknown']),
    })
    assert.deepEqual(
      byJson.SecurityGroups.SecurityGroup.map((g) => g.SecurityGroupId),
      [world.securityGroupId],
    )
    const tagged = await h.ok<GroupPage>('DescribeSecurityGroups', {
      RegionId: REGION,
      'Tag.1.Key': 'k',
    })
    assert.deepEqual(tagged.SecurityGroups, { SecurityGroup: [] })

    await h.ok('DeleteSecurityGroup', { RegionId: REGION, SecurityGroupId: other.SecurityGroupId })
    await h.fails(
      'DeleteSecurityGroup',
      { RegionId: REGION, SecurityGroupId: other.SecurityGroupId },
      404,
      'InvalidSecurityGroupId.NotFound',
    )
  })

  test('errors', async () => {
    await h.fails('CreateSecurityGroup', { RegionId: REGION }, 400, 'MissingParameter')
    await h.fails(
      'CreateSecurityGroup',
      { RegionId: REGION, VpcId: 'vpc-nope' },
      404,
      'InvalidVpcId.NotFound',
    )
    await h.fails(
      'DescribeSecurityGroups',
      { RegionId: REGION, SecurityGroupIds: 'sg-a' },
      400,
      'InvalidParameter',
    )
  })
})
