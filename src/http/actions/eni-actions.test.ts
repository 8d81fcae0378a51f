import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type {
  WireAssignedPrivateIpAddressesSet,
  WireNetworkInterface,
} from '../../api/wire/network-interface.js'
import {
  buildWorld,
  createEni,
  type EniPage,
  listIn,
  REGION,
  runInstance,
  startHarness,
  type Body,
  type Harness,
  type World,
} from '../../testing/action-harness.js'

const SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

let h: Harness
let world: World
let instanceId: string

before(async () => {
  h = await startHarness()
  world = await buildWorld(h)
  instanceId = await runInstance(h, world)
})
after(() => h.close())

function assertEniShape(eni: Body): void {
  for (const key of ['NetworkInterfaceId', 'Status', 'Type', 'VpcId', 'VSwitchId', 'ZoneId']) {
    assert.equal(typeof eni[key], 'string', key)
  }
  assert.match(String(eni['CreationTime']), SECONDS)
  assert.equal(typeof eni['DeleteOnRelease'], 'boolean')
  assert.equal(typeof eni['SourceDestCheck'], 'boolean')
  assert.equal(typeof eni['ServiceID'], 'number')
  assert.equal(listIn(eni['SecurityGroupIds'], 'SecurityGroupId').length > 0, true)
  assert.ok(listIn(eni['PrivateIpSets'], 'PrivateIpSet').length > 0)
  for (const [outer, inner] of [
    ['Ipv6Sets', 'Ipv6Set'],
    ['Ipv4PrefixSets', 'Ipv4PrefixSet'],
    ['Ipv6PrefixSets', 'Ipv6PrefixSet'],
    ['Tags', 'Tag'],
  ] as const) {
    assert.deepEqual(listIn(eni[outer], inner), [])
  }
}

async function describeEni(id: string): Promise<WireNetworkInterface> {
  return h.ok<WireNetworkInterface>('DescribeNetworkInterfaceAttribute', {
    RegionId: REGION,
    NetworkInterfaceId: id,
  })
}

describe('ENI lifecycle over the wire', () => {
  test('CreateNetworkInterface answers the ENI flattened, unattached', async () => {
    const eni = await createEni(h, world, {
      SecondaryPrivateIpAddressCount: '2',
      NetworkInterfaceName: 'pod-eni',
      SourceDestCheck: 'false',
    })
    assertEniShape(eni)
    assert.equal(eni.Status, 'Available')
    assert.equal(eni.Type, 'Secondary')
    assert.equal(eni.InstanceId, '')
    assert.equal(eni.Attachment, undefined)
    assert.equal(eni.NetworkInterfaceName, 'pod-eni')
    assert.equal(eni.SourceDestCheck, false)
    assert.match(eni.MacAddress, /^00:16:3e(:[0-9a-f]{2}){3}$/)
    const ips = eni.PrivateIpSets.PrivateIpSet
    assert.equal(ips.length, 3)
    assert.deepEqual(
      ips.map((ip) => ip.Primary),
      [true, false, false],
    )
    assert.equal(ips[0]?.PrivateIpAddress, eni.PrivateIpAddress)
    assert.deepEqual(eni.SecurityGroupIds.SecurityGroupId, [world.securityGroupId])
  })

  test('attach, assign, unassign, detach and delete, observed through the describes', async () => {
    const created = await createEni(h, world, {
      SecurityGroupId: '',
      'SecurityGroupIds.1': world.securityGroupId,
    })
    const id = created.NetworkInterfaceId

    const modify = await h.ok('ModifyNetworkInterfaceAttribute', {
      RegionId: REGION,
      NetworkInterfaceId: id,
      Description: 'for pods',
      DeleteOnRelease: 'true',
    })
    assert.deepEqual(Object.keys(modify), ['RequestId'])

    await h.ok('AttachNetworkInterface', {
      RegionId: REGION,
      InstanceId: instanceId,
      NetworkInterfaceId: id,
    })
    const attaching = await describeEni(id)
    assert.equal(attaching.Status, 'Attaching')
    await h.settle()
    const inUse = await describeEni(id)
    assertEniShape(inUse)
    assert.equal(inUse.Status, 'InUse')
    assert.equal(inUse.InstanceId, instanceId)
    assert.equal(inUse.Description, 'for pods')
    assert.equal(inUse.DeleteOnRelease, true)
    assert.deepEqual(inUse.Attachment, {
      InstanceId: instanceId,
      DeviceIndex: 1,
      NetworkCardIndex: 0,
      TrunkNetworkInterfaceId: '',
      MemberNetworkInterfaceIds: { MemberNetworkInterfaceId: [] },
    })

    const assigned = await h.ok<{
      AssignedPrivateIpAddressesSet: WireAssignedPrivateIpAddressesSet
    }>('AssignPrivateIpAddresses', {
      RegionId: REGION,
      NetworkInterfaceId: id,
      SecondaryPrivateIpAddressCount: '3',
    })
    const set = assigned.AssignedPrivateIpAddressesSet
    assert.equal(set.NetworkInterfaceId, id)
    assert.equal(set.PrivateIpSet.PrivateIpAddress.length, 3)
    assert.ok(set.PrivateIpSet.PrivateIpAddress.every((ip) => typeof ip === 'string'))
    assert.deepEqual(set.Ipv4PrefixSet, { Ipv4Prefixes: [] })

    const [first] = set.PrivateIpSet.PrivateIpAddress
    assert.ok(first)
    await h.ok('UnassignPrivateIpAddresses', {
      RegionId: REGION,
      NetworkInterfaceId: id,
      'PrivateIpAddress.1': first,
    })
    const afterUnassign = await describeEni(id)
    assert.equal(afterUnassign.PrivateIpSets.PrivateIpSet.length, 3)

    await h.fails(
      'DeleteNetworkInterface',
      { RegionId: REGION, NetworkInterfaceId: id },
      400,
      'InvalidOperation.InvalidEniState',
    )
    await h.ok('DetachNetworkInterface', {
      RegionId: REGION,
      InstanceId: instanceId,
      NetworkInterfaceId: id,
    })
    assert.equal((await describeEni(id)).Status, 'Detaching')
    await h.settle()
    const detached = await describeEni(id)
    assert.equal(detached.Status, 'Available')
    assert.equal(detached.InstanceId, '')
    assert.equal(detached.Attachment, undefined)

    const deleted = await h.ok('DeleteNetworkInterface', {
      RegionId: REGION,
      NetworkInterfaceId: id,
    })
    assert.deepEqual(Object.keys(deleted), ['RequestId'])
    await h.settle()
    await h.fails(
      'DescribeNetworkInterfaceAttribute',
      { RegionId: REGION, NetworkInterfaceId: id },
      404,
      'InvalidEniId.NotFound',
    )
  })

  test('AssignPrivateIpAddresses with chosen addresses returns exactly those', async () => {
    const eni = await createEni(h, world)
    const body = await h.ok<{ AssignedPrivateIpAddressesSet: WireAssignedPrivateIpAddressesSet }>(
      'AssignPrivateIpAddresses',
      {
        RegionId: REGION,
        NetworkInterfaceId: eni.NetworkInterfaceId,
        'PrivateIpAddress.1': '192.168.1.200',
        'PrivateIpAddress.2': '192.168.1.201',
      },
    )
    assert.deepEqual(body.AssignedPrivateIpAddressesSet.PrivateIpSet.PrivateIpAddress, [
      '192.168.1.200',
      '192.168.1.201',
    ])
  })
})

describe('DescribeNetworkInterfaces', () => {
  test('wrappers, numbers and the primary ENI of an instance', async () => {
    const page = await h.ok<EniPage>('DescribeNetworkInterfaces', {
      RegionId: REGION,
      InstanceId: instanceId,
    })
    assert.equal(typeof page.TotalCount, 'number')
    assert.equal(page.PageNumber, 1)
    assert.equal(page.PageSize, 10)
    assert.equal(page.NextToken, '')
    const [primary] = listIn(
      page.NetworkInterfaceSets,
      'NetworkInterfaceSet',
    ) as WireNetworkInterface[]
    assert.ok(primary)
    assertEniShape(primary)
    assert.equal(primary.Type, 'Primary')
    assert.equal(primary.Status, 'InUse')
    assert.equal(primary.Attachment?.DeviceIndex, 0)
    assert.equal(primary.Attachment?.MemberNetworkInterfaceIds, undefined)
  })

  test('unknown ids and impossible filters give an empty wrapper, not an error', async () => {
    for (const filter of [
      { 'NetworkInterfaceId.1': 'eni-unknown' },
      { Type: 'Trunk' },
      { Status: 'CreateFailed' },
      { 'Ipv6Address.1': '2408::1' },
      { 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' },
    ]) {
      const page = await h.ok<EniPage>('DescribeNetworkInterfaces', { RegionId: REGION, ...filter })
      assert.deepEqual(
        page.NetworkInterfaceSets,
        { NetworkInterfaceSet: [] },
        JSON.stringify(filter),
      )
      assert.equal(page.TotalCount, 0)
    }
  })

  test('pages with MaxResults and NextToken', async () => {
    const first = await h.ok<EniPage>('DescribeNetworkInterfaces', {
      RegionId: REGION,
      MaxResults: '1',
    })
    assert.equal(first.NetworkInterfaceSets.NetworkInterfaceSet.length, 1)
    assert.notEqual(first.NextToken, '')
    const second = await h.ok<EniPage>('DescribeNetworkInterfaces', {
      RegionId: REGION,
      MaxResults: '1',
      NextToken: first.NextToken,
    })
    assert.notEqual(
      second.NetworkInterfaceSets.NetworkInterfaceSet[0]?.NetworkInterfaceId,
      first.NetworkInterfaceSets.NetworkInterfaceSet[0]?.NetworkInterfaceId,
    )
  })
})
