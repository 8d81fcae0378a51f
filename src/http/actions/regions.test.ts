// More than one region (DESIGN.md "more from config"): DescribeRegions/DescribeZones in both API
// versions list the configured ones, and every resource lives in one region: Describe calls and
// mutations naming another region do not see it.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { ECS_VERSION, VPC_VERSION } from '../../api/action-versions.js'
import type { Region } from '../../domain/regions.js'
import {
  buildWorld,
  runInstance,
  REGION,
  startHarness,
  type Harness,
  type World,
} from '../../testing/action-harness.js'

const BEIJING = 'cn-beijing'
const REGIONS: readonly Region[] = [
  { regionId: REGION, localName: 'China (Hangzhou)', zones: ['cn-hangzhou-h', 'cn-hangzhou-i'] },
  { regionId: BEIJING, localName: 'China (Beijing)', zones: ['cn-beijing-a', 'cn-beijing-b'] },
]

type Regions = { Regions: { Region: Array<{ RegionId: string; RegionEndpoint: string }> } }
type Zones = { Zones: { Zone: Array<{ ZoneId: string; LocalName: string; ZoneType: string }> } }
type Total = { TotalCount: number }

let h: Harness
let world: World
let eniId = ''
let instanceId = ''
before(async () => {
  h = await startHarness({ regions: REGIONS })
  world = await buildWorld(h)
  const eni = await h.ok<{ NetworkInterfaceId: string }>('CreateNetworkInterface', {
    RegionId: REGION,
    VSwitchId: world.vswitchId,
    SecurityGroupId: world.securityGroupId,
  })
  eniId = eni.NetworkInterfaceId
  instanceId = await runInstance(h, world)
})
after(() => h.close())

describe('regions and zones from configuration', () => {
  for (const version of [ECS_VERSION, VPC_VERSION]) {
    test(`DescribeRegions and DescribeZones (${version}) list the configured ones`, async () => {
      const regions = await h.ok<Regions>('DescribeRegions', { Version: version })
      assert.deepEqual(
        regions.Regions.Region.map((r) => r.RegionId),
        [REGION, BEIJING],
      )
      const product = version === VPC_VERSION ? 'vpc' : 'ecs'
      assert.equal(regions.Regions.Region[1]?.RegionEndpoint, `${product}.cn-beijing.aliyuncs.com`)
      const zones = await h.ok<Zones>('DescribeZones', { Version: version, RegionId: BEIJING })
      assert.deepEqual(
        zones.Zones.Zone.map((z) => [z.ZoneId, z.LocalName, z.ZoneType]),
        [
          ['cn-beijing-a', 'China (Beijing) Zone A', 'AvailabilityZone'],
          ['cn-beijing-b', 'China (Beijing) Zone B', 'AvailabilityZone'],
        ],
      )
      await h.fails(
        'DescribeZones',
        { Version: version, RegionId: 'cn-shanghai' },
        404,
        'InvalidRegionId.NotFound',
      )
    })
  }
})

describe('every resource is scoped by its region', () => {
  test('Describe calls in another region do not see the first region’s resources', async () => {
    const inBeijing = { RegionId: BEIJING }
    const checks: Array<[string, Record<string, string>]> = [
      ['DescribeVpcs', { ...inBeijing, VpcId: world.vpcId }],
      ['DescribeVSwitches', { ...inBeijing, VSwitchId: world.vswitchId }],
      ['DescribeSecurityGroups', { ...inBeijing, SecurityGroupId: world.securityGroupId }],
      ['DescribeNetworkInterfaces', { ...inBeijing, 'NetworkInterfaceId.1': eniId }],
      ['DescribeInstances', { ...inBeijing, InstanceIds: JSON.stringify([instanceId]) }],
    ]
    for (const [action, params] of checks) {
      assert.equal((await h.ok<Total>(action, params)).TotalCount, 0, `${action} in ${BEIJING}`)
      const home = await h.ok<Total>(action, { ...params, RegionId: REGION })
      assert.equal(home.TotalCount, 1, `${action} in ${REGION}`)
    }
  })

  test('mutations naming another region answer NotFound and change nothing', async () => {
    const b = { RegionId: BEIJING }
    await h.fails('DeleteVpc', { ...b, VpcId: world.vpcId }, 404, 'InvalidVpcId.NotFound')
    await h.fails(
      'DeleteVSwitch',
      { ...b, VSwitchId: world.vswitchId },
      404,
      'InvalidVSwitchId.NotFound',
    )
    await h.fails(
      'CreateVSwitch',
      { ...b, VpcId: world.vpcId, ZoneId: 'cn-beijing-a', CidrBlock: '192.168.9.0/24' },
      404,
      'InvalidVpcId.NotFound',
    )
    await h.fails(
      'CreateNetworkInterface',
      { ...b, VSwitchId: world.vswitchId, SecurityGroupId: world.securityGroupId },
      404,
      'InvalidVSwitchId.NotFound',
    )
    await h.fails(
      'DeleteNetworkInterface',
      { ...b, NetworkInterfaceId: eniId },
      404,
      'InvalidEniId.NotFound',
    )
    await h.fails(
      'AttachNetworkInterface',
      { ...b, NetworkInterfaceId: eniId, InstanceId: instanceId },
      404,
      'InvalidEniId.NotFound',
    )
    await h.fails(
      'AssignPrivateIpAddresses',
      { ...b, NetworkInterfaceId: eniId, SecondaryPrivateIpAddressCount: '1' },
      404,
      'InvalidEniId.NotFound',
    )
    await h.fails(
      'StopInstance',
      { ...b, InstanceId: instanceId },
      404,
      'InvalidInstanceId.NotFound',
    )
    // A zone of the other region is unknown here.
    await h.fails(
      'CreateVSwitch',
      { RegionId: REGION, VpcId: world.vpcId, ZoneId: 'cn-beijing-a', CidrBlock: '192.168.9.0/24' },
      404,
      'InvalidZoneId.NotFound',
    )
    const eni = await h.ok<{ Status: string; PrivateIpSets: { PrivateIpSet: unknown[] } }>(
      'DescribeNetworkInterfaceAttribute',
      { RegionId: REGION, NetworkInterfaceId: eniId },
    )
    assert.equal(eni.Status, 'Available')
    assert.equal(eni.PrivateIpSets.PrivateIpSet.length, 1)
    const vsws = await h.ok<Total>('DescribeVSwitches', { RegionId: REGION, VpcId: world.vpcId })
    assert.equal(vsws.TotalCount, 1)
  })

  test('the same CIDR and names may be used again in the second region', async () => {
    const vpc = await h.ok<{ VpcId: string }>('CreateVpc', {
      RegionId: BEIJING,
      CidrBlock: '192.168.0.0/16',
    })
    await h.settle()
    const vsw = await h.ok<{ VSwitchId: string }>('CreateVSwitch', {
      RegionId: BEIJING,
      VpcId: vpc.VpcId,
      ZoneId: 'cn-beijing-a',
      CidrBlock: '192.168.1.0/24',
    })
    const list = await h.ok<Total & { VSwitches: { VSwitch: Array<{ VSwitchId: string }> } }>(
      'DescribeVSwitches',
      { RegionId: BEIJING },
    )
    assert.deepEqual(
      list.VSwitches.VSwitch.map((v) => v.VSwitchId),
      [vsw.VSwitchId],
    )
  })
})
