import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { WireInstance } from '../../api/wire/instance.js'
import type { Wrapped } from '../../api/wire/list.js'
import {
  buildWorld,
  IMAGE_ID,
  launchParams,
  listIn,
  REGION,
  runInstance,
  startHarness,
  type Harness,
  type World,
} from '../../testing/action-harness.js'

type InstancePage = {
  TotalCount: number
  PageNumber: number
  PageSize: number
  NextToken: string
  Instances: Wrapped<'Instance', WireInstance>
}

const MINUTES = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/

let h: Harness
let world: World
before(async () => {
  h = await startHarness()
  world = await buildWorld(h)
})
after(() => h.close())

async function describeOne(id: string): Promise<WireInstance> {
  const page = await h.ok<InstancePage>('DescribeInstances', {
    RegionId: REGION,
    InstanceIds: JSON.stringify([id]),
  })
  const [instance] = listIn(page.Instances, 'Instance') as WireInstance[]
  assert.ok(instance, `${id} not described`)
  return instance
}

describe('instances', () => {
  test('RunInstances, then DescribeInstances shows it Running with its primary ENI', async () => {
    const id = await runInstance(h, world)
    const page = await h.ok<InstancePage>('DescribeInstances', {
      RegionId: REGION,
      InstanceIds: JSON.stringify([id, 'i-unknown']),
    })
    assert.equal(page.TotalCount, 1)
    assert.equal(page.PageNumber, 1)
    assert.equal(page.PageSize, 10)
    assert.equal(page.NextToken, '')
    const [instance] = page.Instances.Instance
    assert.ok(instance)
    assert.equal(instance.Status, 'Running')
    assert.equal(instance.InstanceType, 'ecs.g7.large')
    assert.equal(instance.InstanceTypeFamily, 'ecs.g7')
    assert.equal(instance.Cpu, 2)
    assert.equal(instance.Memory, 8192)
    assert.equal(instance.OSType, 'linux')
    assert.equal(instance.InstanceNetworkType, 'vpc')
    assert.match(instance.CreationTime, MINUTES)
    assert.match(instance.StartTime, MINUTES)
    assert.equal(instance.DeletionProtection, false)
    assert.deepEqual(instance.SecurityGroupIds, { SecurityGroupId: [world.securityGroupId] })
    assert.deepEqual(instance.InnerIpAddress, { IpAddress: [] })
    assert.deepEqual(instance.PublicIpAddress, { IpAddress: [] })
    assert.deepEqual(instance.OperationLocks, { LockReason: [] })
    assert.deepEqual(instance.Tags, { Tag: [] })
    assert.equal(instance.VpcAttributes.VpcId, world.vpcId)
    assert.equal(instance.VpcAttributes.VSwitchId, world.vswitchId)

    const [eni] = listIn(
      instance.NetworkInterfaces,
      'NetworkInterface',
    ) as WireInstance['NetworkInterfaces']['NetworkInterface']
    assert.ok(eni)
    assert.equal(eni.Type, 'Primary')
    assert.deepEqual(instance.VpcAttributes.PrivateIpAddress, { IpAddress: [eni.PrimaryIpAddress] })
    assert.deepEqual(
      eni.PrivateIpSets.PrivateIpSet.map((ip) => [ip.PrivateIpAddress, ip.Primary]),
      [[eni.PrimaryIpAddress, true]],
    )
    assert.deepEqual(eni.Ipv6Sets, { Ipv6Set: [] })
  })

  test('CreateInstance ends Stopped; Start, Stop and Delete work without RegionId', async () => {
    const created = await h.ok<{ InstanceId: string }>('CreateInstance', {
      RegionId: REGION,
      InstanceType: 'ecs.g6.large',
      ImageId: IMAGE_ID,
      VSwitchId: world.vswitchId,
      'SecurityGroupIds.1': world.securityGroupId,
      InstanceName: 'worker-1',
      PrivateIpAddress: '192.168.1.77',
    })
    const id = created.InstanceId
    assert.equal((await describeOne(id)).Status, 'Pending')
    await h.settle()
    const stopped = await describeOne(id)
    assert.equal(stopped.Status, 'Stopped')
    assert.equal(stopped.StartTime, '')
    assert.equal(stopped.InstanceName, 'worker-1')
    assert.deepEqual(stopped.VpcAttributes.PrivateIpAddress, { IpAddress: ['192.168.1.77'] })

    await h.fails('StartInstance', { InstanceId: id, DryRun: 'true' }, 400, 'DryRunOperation')
    assert.deepEqual(Object.keys(await h.ok('StartInstance', { InstanceId: id })), ['RequestId'])
    assert.equal((await describeOne(id)).Status, 'Starting')
    await h.settle()
    assert.equal((await describeOne(id)).Status, 'Running')
    await h.fails('DeleteInstance', { InstanceId: id }, 403, 'IncorrectInstanceStatus')

    await h.ok('StopInstance', { InstanceId: id, ForceStop: 'true' })
    await h.settle()
    assert.equal((await describeOne(id)).Status, 'Stopped')
    await h.ok('DeleteInstance', { InstanceId: id })
    const gone = await h.ok<InstancePage>('DescribeInstances', {
      RegionId: REGION,
      InstanceIds: JSON.stringify([id]),
    })
    assert.deepEqual(gone.Instances, { Instance: [] })
  })

  test('filters and paging', async () => {
    const byIp = await h.ok<InstancePage>('DescribeInstances', {
      RegionId: REGION,
      Status: 'Running',
      PageSize: '1',
    })
    assert.equal(byIp.PageSize, 1)
    assert.equal(byIp.Instances.Instance.length, 1)
    for (const filter of [
      { Status: 'Released' },
      { InstanceNetworkType: 'classic' },
      { PublicIpAddresses: '["47.1.2.3"]' },
    ]) {
      const page = await h.ok<InstancePage>('DescribeInstances', { RegionId: REGION, ...filter })
      assert.deepEqual(page.Instances, { Instance: [] }, JSON.stringify(filter))
    }
  })

  test("NetworkInterfaceQueueNumber sets the primary ENI's QueueNumber", async () => {
    const id = await runInstance(h, world, { NetworkInterfaceQueueNumber: '2' })
    const page = await h.ok<{ NetworkInterfaceSets: { NetworkInterfaceSet: unknown[] } }>(
      'DescribeNetworkInterfaces',
      { RegionId: REGION, InstanceId: id, Type: 'Primary' },
    )
    const [eni] = listIn(page.NetworkInterfaceSets, 'NetworkInterfaceSet') as {
      QueueNumber: number
    }[]
    assert.equal(eni?.QueueNumber, 2)
    await h.fails(
      'RunInstances',
      { ...launchParams(world), NetworkInterfaceQueueNumber: '3' },
      403,
      'InvalidOperation.MaxEniQueueNumberExceeded',
    )
  })

  test('errors', async () => {
    const launch = launchParams(world)
    await h.fails(
      'RunInstances',
      { ...launch, 'SecurityGroupIds.1': world.securityGroupId },
      400,
      'InvalidParameter.Conflict',
    )
    await h.fails(
      'RunInstances',
      { ...launch, InstanceType: 'ecs.nope' },
      400,
      'InvalidInstanceType.ValueNotSupported',
    )
    await h.fails('RunInstances', { ...launch, ImageId: '' }, 400, 'MissingParameter')
    await h.fails('RunInstances', { ...launch, Amount: '0' }, 400, 'InvalidParameter')
    await h.fails(
      'RunInstances',
      { ...launch, SecurityGroupId: 'sg-nope' },
      400,
      'InvalidSecurityGroupId.NotFound',
    )
    await h.fails(
      'RunInstances',
      { ...launch, PrivateIpAddress: '10.0.0.1' },
      400,
      'InvalidPrivateIpAddress',
    )
    await h.fails(
      'RunInstances',
      { ...launch, 'NetworkInterface.1.VSwitchId': world.vswitchId },
      400,
      'InvalidParameter',
    )
    await h.fails('RunInstances', { ...launch, DryRun: 'true' }, 400, 'DryRunOperation')
    await h.fails('StartInstance', { InstanceId: 'i-nope' }, 404, 'InvalidInstanceId.NotFound')
    await h.fails('StopInstance', {}, 400, 'MissingParameter')
    await h.fails(
      'DescribeInstances',
      { RegionId: REGION, InstanceIds: 'i-abc' },
      400,
      'InvalidParameter',
    )
    await h.fails(
      'DescribeInstances',
      { RegionId: REGION, PageSize: '101' },
      400,
      'InvalidParameter',
    )
  })
})
