import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import {
  buildWorld,
  createEni,
  REGION,
  runInstance,
  startHarness,
  type EniPage,
  type Harness,
  type World,
} from '../../testing/action-harness.js'

let h: Harness
let world: World
let instanceId: string

before(async () => {
  h = await startHarness()
  world = await buildWorld(h)
  instanceId = await runInstance(h, world)
})
after(() => h.close())

describe('ENI error envelopes', () => {
  test('parameter errors', async () => {
    const base = { RegionId: REGION, VSwitchId: world.vswitchId }
    await h.fails('CreateNetworkInterface', base, 400, 'MissingParameter')
    await h.fails(
      'CreateNetworkInterface',
      {
        ...base,
        SecurityGroupId: world.securityGroupId,
        'SecurityGroupIds.1': world.securityGroupId,
      },
      400,
      'InvalidParameter.Conflict',
    )
    const withGroup = { ...base, SecurityGroupId: world.securityGroupId }
    await h.fails(
      'CreateNetworkInterface',
      { ...withGroup, SecondaryPrivateIpAddressCount: '50' },
      400,
      'InvalidParameter',
    )
    await h.fails(
      'CreateNetworkInterface',
      { ...withGroup, 'PrivateIpAddress.1': '192.168.1.50', SecondaryPrivateIpAddressCount: '1' },
      400,
      'InvalidParameter.Conflict',
    )
    await h.fails(
      'CreateNetworkInterface',
      { ...withGroup, Ipv6AddressCount: '1' },
      403,
      'InvalidVSwitch.Ipv6NotTurnOn',
    )
    await h.fails(
      'CreateNetworkInterface',
      { ...withGroup, Ipv4PrefixCount: '11' },
      400,
      'InvalidParameter',
    )
    await h.fails(
      'CreateNetworkInterface',
      { ...withGroup, Ipv4PrefixCount: '1', SecondaryPrivateIpAddressCount: '1' },
      400,
      'InvalidParameter.Conflict',
    )
    await h.fails('CreateNetworkInterface', { ...withGroup, RegionId: '' }, 400, 'MissingRegionId')
    await h.fails(
      'DescribeNetworkInterfaces',
      { RegionId: REGION, MaxResults: '501' },
      400,
      'InvalidParameter',
    )
  })

  test('assign and unassign errors', async () => {
    const eni = await createEni(h, world)
    const target = { RegionId: REGION, NetworkInterfaceId: eni.NetworkInterfaceId }
    await h.fails('AssignPrivateIpAddresses', target, 400, 'MissingParameter')
    await h.fails(
      'AssignPrivateIpAddresses',
      { ...target, 'PrivateIpAddress.1': '10.9.9.9' },
      403,
      'InvalidVSwitchId.IpInvalid',
    )
    await h.fails(
      'AssignPrivateIpAddresses',
      { ...target, 'PrivateIpAddress.1': eni.PrivateIpAddress },
      403,
      'InvalidIp.IpAssigned',
    )
    await h.fails(
      'UnassignPrivateIpAddresses',
      { ...target, 'PrivateIpAddress.1': eni.PrivateIpAddress },
      403,
      'InvalidIp.IpUnassigned',
    )
    await h.fails(
      'AssignPrivateIpAddresses',
      { RegionId: REGION, NetworkInterfaceId: 'eni-nope', SecondaryPrivateIpAddressCount: '1' },
      404,
      'InvalidEniId.NotFound',
    )
  })

  test('a repeated ClientToken returns the first ENI; other parameters are a mismatch', async () => {
    const first = await createEni(h, world, { ClientToken: 'token-1' })
    const again = await createEni(h, world, { ClientToken: 'token-1' })
    assert.equal(again.NetworkInterfaceId, first.NetworkInterfaceId)
    await h.fails(
      'CreateNetworkInterface',
      {
        RegionId: REGION,
        VSwitchId: world.vswitchId,
        SecurityGroupId: world.securityGroupId,
        ClientToken: 'token-1',
        Description: 'other',
      },
      400,
      'IdempotentParameterMismatch',
    )
  })

  test('attach and detach errors', async () => {
    const eni = await createEni(h, world)
    await h.fails(
      'AttachNetworkInterface',
      { RegionId: REGION, InstanceId: 'i-nope', NetworkInterfaceId: eni.NetworkInterfaceId },
      404,
      'InvalidEcsId.NotFound',
    )
    const page = await h.ok<EniPage>('DescribeNetworkInterfaces', {
      RegionId: REGION,
      InstanceId: instanceId,
      Type: 'Primary',
    })
    const primaryId = page.NetworkInterfaceSets.NetworkInterfaceSet[0]?.NetworkInterfaceId ?? ''
    await h.fails(
      'DetachNetworkInterface',
      { RegionId: REGION, InstanceId: instanceId, NetworkInterfaceId: primaryId },
      400,
      'InvalidOperation.DetachPrimaryEniNotAllowed',
    )
    await h.fails(
      'AttachNetworkInterface',
      {
        RegionId: REGION,
        InstanceId: instanceId,
        NetworkInterfaceId: eni.NetworkInterfaceId,
        NetworkCardIndex: '1',
      },
      400,
      'InvalidParameter',
    )
  })
})
