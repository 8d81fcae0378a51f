// RunInstances / CreateInstance / Start / Stop / Delete: lifecycle, the instance-side address
// codes (400s, unlike the ENI actions' 403s), DryRun and the status rules.
import assert from 'node:assert/strict'

import type { Harness, World } from '../testing/service-harness.js'
import { describeOnEngines, REGION, ZONE_I } from '../testing/service-harness.js'
import { createVSwitch } from './create-vswitch.js'
import { describeInstances } from './describe-instances.js'
import { deleteInstance, startInstance, stopInstance } from './instance-lifecycle.js'
import type { LaunchInput } from './launch-instances.js'
import { createInstance, runInstances } from './launch-instances.js'

const regionId = REGION
const IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd'

const run = (h: Harness, w: World, more: Partial<LaunchInput> = {}) =>
  runInstances(h.ctx, h.caller, {
    regionId,
    instanceType: 'ecs.g7.large',
    imageId: IMAGE,
    vswitchId: w.vswitch.id,
    securityGroupIds: [w.sg.id],
    ...more,
  })

describeOnEngines('instances', (t) => {
  t.it('RunInstances: Pending → Running with a Primary ENI; Amount launches several', async (h) => {
    const w = await h.world()
    const ids = await run(h, w, { amount: 3, privateIpAddress: undefined, name: 'web' })
    assert.equal(ids.length, 3)
    assert.equal(await h.instanceStatus(ids[0]!), 'Pending')
    assert.equal(await h.available(w.vswitch.id), 249)
    await h.settle()
    const { items, totalCount } = await describeInstances(h.ctx, h.caller, { regionId, ids })
    assert.equal(totalCount, 3)
    for (const i of items) {
      assert.deepEqual(
        [i.status, i.instanceType, i.vpcId, i.vswitchId, i.zoneId, i.networkType, i.name],
        ['Running', 'ecs.g7.large', w.vpc.id, w.vswitch.id, w.vswitch.zoneId, 'vpc', 'web'],
      )
      assert.ok(i.startedAt)
      const [primary] = i.networkInterfaces
      assert.deepEqual(
        [i.networkInterfaces.length, primary?.type, primary?.status, primary?.deviceIndex],
        [1, 'Primary', 'InUse', 0],
      )
      assert.deepEqual(primary?.securityGroupIds, [w.sg.id])
    }
  })

  t.it('CreateInstance ends Stopped; Start/Stop move through Starting/Stopping', async (h) => {
    const { ctx, caller } = h
    const w = await h.world()
    const instanceId = await createInstance(ctx, caller, {
      regionId,
      instanceType: 'ecs.g7.large',
      imageId: IMAGE,
      vswitchId: w.vswitch.id,
      securityGroupIds: [w.sg.id],
      privateIpAddress: '192.168.1.50',
    })
    assert.equal(await h.instanceStatus(instanceId), 'Pending')
    assert.equal((await h.primaryEniOf(instanceId)).primaryIp, '192.168.1.50')
    await h.settle()
    assert.equal(await h.instanceStatus(instanceId), 'Stopped')
    await h.rejects(
      () => stopInstance(ctx, caller, { regionId, instanceId }),
      'IncorrectInstanceStatus',
      403,
    )
    await h.rejects(
      () => startInstance(ctx, caller, { regionId, instanceId, dryRun: true }),
      'DryRunOperation',
      400,
    )
    await startInstance(ctx, caller, { regionId, instanceId })
    assert.equal(await h.instanceStatus(instanceId), 'Starting')
    await h.rejects(
      () => startInstance(ctx, caller, { regionId, instanceId }),
      'IncorrectInstanceStatus',
      403,
    )
    await h.settle()
    assert.equal(await h.instanceStatus(instanceId), 'Running')
    await h.rejects(
      () => startInstance(ctx, caller, { regionId, instanceId }),
      'IncorrectInstanceStatus',
      403,
    )
    await h.rejects(
      () => stopInstance(ctx, caller, { regionId, instanceId, dryRun: true }),
      'DryRunOperation',
      400,
    )
    await stopInstance(ctx, caller, { regionId, instanceId })
    assert.equal(await h.instanceStatus(instanceId), 'Stopping')
    await h.settle()
    assert.equal(await h.instanceStatus(instanceId), 'Stopped')
    const ghost = 'i-bp1doesnotexist000000'
    for (const call of [startInstance, stopInstance, deleteInstance]) {
      await h.rejects(
        () => call(ctx, caller, { regionId, instanceId: ghost }),
        'InvalidInstanceId.NotFound',
        404,
      )
    }
  })

  t.it(
    'DeleteInstance: Initializing while Pending/Starting; Stopped, or Running with Force',
    async (h) => {
      const { ctx, caller } = h
      const w = await h.world()
      const [instanceId] = await run(h, w)
      assert.ok(instanceId)
      const del = (force?: boolean, dryRun?: boolean) =>
        deleteInstance(ctx, caller, { regionId, instanceId, force, dryRun })
      await h.rejects(() => del(true), 'IncorrectInstanceStatus.Initializing', 403)
      await h.settle()
      await h.rejects(() => del(), 'IncorrectInstanceStatus', 403)
      await stopInstance(ctx, caller, { regionId, instanceId })
      await h.rejects(() => del(true), 'IncorrectInstanceStatus', 403)
      await h.settle()
      await startInstance(ctx, caller, { regionId, instanceId })
      await h.rejects(() => del(true), 'IncorrectInstanceStatus.Initializing', 403)
      await h.settle()
      await h.rejects(() => del(true, true), 'DryRunOperation', 400)
      await del(true)
      assert.equal(await h.instanceStatus(instanceId), undefined)
      assert.equal(await h.available(w.vswitch.id), 252)
      assert.equal(await h.settle(), 0, 'no operation is left behind')
    },
  )

  t.it('RunInstances parameter errors', async (h) => {
    const w = await h.world()
    const other = await h.world({ vpcCidr: '10.0.0.0/16', vswitchCidr: '10.0.1.0/24' })
    const cases: [Partial<LaunchInput>, string, number][] = [
      [{ instanceType: undefined }, 'MissingParameter', 400],
      [{ imageId: undefined }, 'MissingParameter', 400],
      [{ instanceType: 'ecs.nope.large' }, 'InvalidInstanceType.ValueNotSupported', 400],
      [{ imageId: 'no_such_image.vhd' }, 'InvalidImageId.NotFound', 404],
      [{ amount: 0 }, 'InvalidParameter', 400],
      [{ amount: 101 }, 'InvalidParameter', 400],
      [{ amount: 2, privateIpAddress: '192.168.1.9' }, 'InvalidParameter', 400],
      [{ vswitchId: undefined }, 'InvalidVSwitchId.Necessary', 400],
      [{ vswitchId: 'vsw-bp1doesnotexist00000' }, 'InvalidVSwitchId.NotFound', 404],
      [{ zoneId: 'cn-hangzhou-z' }, 'InvalidZoneId.NotFound', 404],
      [{ zoneId: ZONE_I }, 'InvalidParameter.Mismatch', 400],
      [{ securityGroupIds: [] }, 'MissingParameter', 400],
      [{ securityGroupIds: ['sg-bp1doesnotexist000000'] }, 'InvalidSecurityGroupId.NotFound', 400],
      [{ securityGroupIds: [other.sg.id] }, 'InvalidParameter.Mismatch', 400],
      [{ name: '9lives' }, 'InvalidInstanceName.Malformed', 400],
      [{ dryRun: true }, 'DryRunOperation', 400],
    ]
    for (const [more, code, status] of cases) {
      await h.rejects(() => run(h, w, more), code, status)
    }
    const groups = [w.sg.id]
    for (let i = 0; i < 5; i++) groups.push((await h.securityGroup(w.vpc)).id)
    await h.rejects(() => run(h, w, { securityGroupIds: groups }), 'JoinedGroupLimitExceed', 400)
  })

  t.it(
    'RunInstances address codes: InvalidPrivateIpAddress(.Malformed/.Duplicated), QuotaExceeded',
    async (h) => {
      const w = await h.world()
      const eni = await h.eni(w, { primaryIpAddress: '192.168.1.9' })
      for (const [privateIpAddress, code] of [
        ['192.168.2.9', 'InvalidPrivateIpAddress'],
        ['192.168.1.255', 'InvalidPrivateIpAddress'],
        ['192.168.1.0', 'InvalidPrivateIpAddress'],
        ['192.168.1.999', 'InvalidPrivateIpAddress.Malformed'],
        ['x', 'InvalidPrivateIpAddress.Malformed'],
        [eni.primaryIp, 'InvalidPrivateIpAddress.Duplicated'],
      ] as const) {
        await h.rejects(() => run(h, w, { privateIpAddress }), code, 400)
      }
      const small = await h.vswitch(w.vpc, '192.168.2.0/29')
      const tiny: World = { ...w, vswitch: small }
      await h.rejects(() => run(h, tiny, { amount: 5 }), 'QuotaExceeded.PrivateIpAddress', 400)
      assert.equal(await h.available(small.id), 4, 'a failed launch keeps no address')
      assert.equal((await run(h, tiny, { amount: 4 })).length, 4)
      await h.rejects(() => run(h, tiny), 'QuotaExceeded.PrivateIpAddress', 400)
    },
  )

  t.it('RunInstances on a Pending vSwitch → IncorrectVSwitchStatus', async (h) => {
    const w = await h.world()
    const pending = await createVSwitch(h.ctx, h.caller, {
      regionId,
      vpcId: w.vpc.id,
      zoneId: w.vswitch.zoneId,
      cidrBlock: '192.168.2.0/24',
    })
    await h.rejects(() => run(h, { ...w, vswitch: pending }), 'IncorrectVSwitchStatus', 400)
  })

  t.it(
    'DescribeInstances: filters; unknown ids absent; too many ids or PageSize → InvalidParameter',
    async (h) => {
      const w = await h.world()
      const a = await h.instance(w)
      const b = await h.instance(w, 'ecs.g7.xlarge')
      const list = (f: Omit<Parameters<typeof describeInstances>[2], 'regionId'>) =>
        describeInstances(h.ctx, h.caller, { regionId, ...f })
      const ids = async (f: Omit<Parameters<typeof describeInstances>[2], 'regionId'>) =>
        (await list(f)).items.map((i) => i.id).sort()
      assert.deepEqual(await ids({ ids: [a, 'i-bp1doesnotexist000000'] }), [a])
      assert.deepEqual(await ids({ instanceType: 'ecs.g7.xlarge' }), [b])
      assert.deepEqual(await ids({ vswitchId: w.vswitch.id }), [a, b].sort())
      assert.deepEqual(await ids({ securityGroupId: w.sg.id }), [a, b].sort())
      const primaryOfA = (await h.primaryEniOf(a)).primaryIp
      assert.deepEqual(await ids({ privateIps: [primaryOfA] }), [a])
      assert.deepEqual(await ids({ status: 'Stopped' }), [])
      const many = Array.from({ length: 101 }, (_, i) => `i-bp1x${String(i).padStart(17, '0')}`)
      await h.rejects(() => list({ ids: many }), 'InvalidParameter', 400)
      await h.rejects(() => list({ pageSize: 101 }), 'InvalidParameter', 400)
      await h.rejects(() => list({ maxResults: 0 }), 'InvalidParameter', 400)
    },
  )
})
