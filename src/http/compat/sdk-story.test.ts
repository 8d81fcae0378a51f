// The product document's whole story driven by the official SDKs, unchanged but for the endpoint:
// @alicloud/vpc20160428 and @alicloud/ecs20140526 (V3 signatures), @alicloud/pop-core (V1, GET
// and POST). VPC, vSwitch, security group, two instances, an ENI, assign by count and by
// address, describe, unassign, detach from the active instance and attach to the standby.
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

describe('official SDKs tell the document story', () => {
  let server: RunningServer
  const region = 'cn-hangzhou'
  let vpcId = ''
  let vswitchId = ''
  let sgId = ''
  let active = ''
  let standby = ''
  let eniId = ''

  before(async () => {
    server = await startCompatServer()
  })
  after(async () => {
    await server.close()
  })

  test('VPC SDK creates a VPC and a vSwitch and waits for Available', async () => {
    const vpc = vpcClient(server.url)
    const created = await vpc.createVpc(
      new $Vpc.CreateVpcRequest({ regionId: region, cidrBlock: '192.168.0.0/16' }),
    )
    vpcId = created.body?.vpcId ?? ''
    assert.match(vpcId, /^vpc-/)
    await eventually(
      'VPC Available',
      () => vpc.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: region, vpcId })),
      (r) => r.body?.vpcs?.vpc?.[0]?.status === 'Available',
    )
    const vsw = await vpc.createVSwitch(
      new $Vpc.CreateVSwitchRequest({
        regionId: region,
        vpcId,
        zoneId: 'cn-hangzhou-h',
        cidrBlock: '192.168.1.0/24',
      }),
    )
    vswitchId = vsw.body?.vSwitchId ?? ''
    const ready = await eventually(
      'vSwitch Available',
      () =>
        vpc.describeVSwitches(
          new $Vpc.DescribeVSwitchesRequest({ regionId: region, vSwitchId: vswitchId }),
        ),
      (r) => r.body?.vSwitches?.vSwitch?.[0]?.status === 'Available',
    )
    assert.equal(ready.body?.vSwitches?.vSwitch?.[0]?.availableIpAddressCount, 252)
  })

  test('ECS SDK creates a security group and an active and a standby instance', async () => {
    const ecs = ecsClient(server.url)
    const sg = await ecs.createSecurityGroup(
      new $Ecs.CreateSecurityGroupRequest({ regionId: region, vpcId }),
    )
    sgId = sg.body?.securityGroupId ?? ''
    const run = await ecs.runInstances(
      new $Ecs.RunInstancesRequest({
        regionId: region,
        instanceType: 'ecs.g7.large',
        imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
        vSwitchId: vswitchId,
        securityGroupId: sgId,
        amount: 2,
      }),
    )
    const ids = run.body?.instanceIdSets?.instanceIdSet ?? []
    assert.equal(ids.length, 2)
    ;[active = '', standby = ''] = ids
    const running = await eventually(
      'instances Running',
      () =>
        ecs.describeInstances(
          new $Ecs.DescribeInstancesRequest({ regionId: region, instanceIds: JSON.stringify(ids) }),
        ),
      (r) => (r.body?.instances?.instance ?? []).filter((i) => i.status === 'Running').length === 2,
    )
    const primary = running.body?.instances?.instance?.[0]?.networkInterfaces?.networkInterface?.[0]
    assert.equal(primary?.type, 'Primary')
  })

  test('pop-core (V1 POST) creates an ENI and attaches it to the active instance', async () => {
    const pop = popClient(server.url)
    const created = await pop.request<Json>(
      'CreateNetworkInterface',
      { RegionId: region, VSwitchId: vswitchId, SecurityGroupId: sgId },
      { method: 'POST' },
    )
    eniId = String(created['NetworkInterfaceId'])
    assert.equal(created['Status'], 'Available')
    await pop.request<Json>(
      'AttachNetworkInterface',
      { RegionId: region, NetworkInterfaceId: eniId, InstanceId: active },
      { method: 'POST' },
    )
    await eventually(
      'ENI InUse',
      () =>
        pop.request<Json>('DescribeNetworkInterfaces', {
          RegionId: region,
          'NetworkInterfaceId.1': eniId,
        }),
      (r) => JSON.stringify(r).includes('"Status":"InUse"'),
    )
  })

  test('assign by count (ECS SDK, V3) and by address (pop-core, V1 GET), then describe', async () => {
    const ecs = ecsClient(server.url)
    // The chosen address first: random picks then avoid it (the other order could pick .50).
    const pop = popClient(server.url)
    await pop.request<Json>(
      'AssignPrivateIpAddresses',
      { RegionId: region, NetworkInterfaceId: eniId, 'PrivateIpAddress.1': '192.168.1.50' },
      { method: 'GET' },
    )
    const byCount = await ecs.assignPrivateIpAddresses(
      new $Ecs.AssignPrivateIpAddressesRequest({
        regionId: region,
        networkInterfaceId: eniId,
        secondaryPrivateIpAddressCount: 2,
      }),
    )
    const automatic =
      byCount.body?.assignedPrivateIpAddressesSet?.privateIpSet?.privateIpAddress ?? []
    assert.equal(automatic.length, 2)
    for (const ip of automatic) assert.match(ip, /^192\.168\.1\.\d+$/)
    const attr = await ecs.describeNetworkInterfaceAttribute(
      new $Ecs.DescribeNetworkInterfaceAttributeRequest({
        regionId: region,
        networkInterfaceId: eniId,
      }),
    )
    const ips = attr.body?.privateIpSets?.privateIpSet ?? []
    assert.equal(ips.length, 4)
    assert.equal(ips.filter((p) => p.primary === true).length, 1)
    assert.ok(ips.some((p) => p.privateIpAddress === '192.168.1.50'))
    assert.equal(attr.body?.instanceId, active)
  })

  test('errors surface with the right code (and statusCode in the new SDK)', async () => {
    const pop = popClient(server.url)
    const reserved = await sdkError(
      pop.request<Json>(
        'AssignPrivateIpAddresses',
        { RegionId: region, NetworkInterfaceId: eniId, 'PrivateIpAddress.1': '192.168.1.255' },
        { method: 'POST' },
      ),
    )
    assert.equal(reserved.code, 'InvalidVSwitchId.IpInvalid')
    const ecs = ecsClient(server.url)
    const missing = await sdkError(
      ecs.describeNetworkInterfaceAttribute(
        new $Ecs.DescribeNetworkInterfaceAttributeRequest({
          regionId: region,
          networkInterfaceId: 'eni-bp1doesnotexist000',
        }),
      ),
    )
    assert.equal(missing.code, 'InvalidEniId.NotFound')
    assert.equal(missing.statusCode, 404)
    const overlap = await sdkError(
      vpcClient(server.url).createVSwitch(
        new $Vpc.CreateVSwitchRequest({
          regionId: region,
          vpcId,
          zoneId: 'cn-hangzhou-h',
          cidrBlock: '192.168.1.0/25',
        }),
      ),
    )
    assert.equal(overlap.code, 'InvalidCidrBlock.Overlapped')
    assert.equal(overlap.statusCode, 400)
    const badKey = await sdkError(
      popClient(server.url, { id: 'LTAIunknown', secret: 'x' }).request(
        'DescribeRegions',
        {},
        { method: 'POST' },
      ),
    )
    assert.equal(badKey.code, 'InvalidAccessKeyId.NotFound')
  })

  test('unassign, detach from the active instance, attach to the standby: addresses move along', async () => {
    const ecs = ecsClient(server.url)
    await ecs.unassignPrivateIpAddresses(
      new $Ecs.UnassignPrivateIpAddressesRequest({
        regionId: region,
        networkInterfaceId: eniId,
        privateIpAddress: ['192.168.1.50'],
      }),
    )
    const pop = popClient(server.url)
    await pop.request<Json>(
      'DetachNetworkInterface',
      { RegionId: region, NetworkInterfaceId: eniId, InstanceId: active },
      { method: 'POST' },
    )
    const describe = () =>
      ecs.describeNetworkInterfaceAttribute(
        new $Ecs.DescribeNetworkInterfaceAttributeRequest({
          regionId: region,
          networkInterfaceId: eniId,
        }),
      )
    await eventually('ENI Available', describe, (r) => r.body?.status === 'Available')
    await ecs.attachNetworkInterface(
      new $Ecs.AttachNetworkInterfaceRequest({
        regionId: region,
        networkInterfaceId: eniId,
        instanceId: standby,
      }),
    )
    const moved = await eventually(
      'ENI InUse on standby',
      describe,
      (r) => r.body?.status === 'InUse',
    )
    assert.equal(moved.body?.instanceId, standby)
    const ips = (moved.body?.privateIpSets?.privateIpSet ?? []).map((p) => p.privateIpAddress)
    assert.equal(ips.length, 3)
    assert.ok(!ips.includes('192.168.1.50'))
  })
})
