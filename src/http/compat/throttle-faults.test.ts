// Both official SDKs surface throttled and injected codes with Alibaba's HTTP status
// (extensions.md §4), injected faults change nothing, fault rules are managed at run time by the
// bootstrap account only, and transition rules fail an attach (the ENI ends `Available` again).
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import * as $Ecs from '@alicloud/ecs20140526'
import type { RunningServer } from '../../main.js'
import {
  buildCompatWorld,
  eniStatus,
  popError,
  REGION,
  secondaryIps,
  type CompatWorld,
} from '../../testing/compat-world.js'
import { ecsClient, popClient, sdkError, startCompatServer } from '../../testing/sdk-harness.js'
import { createAccount } from '../../service/accounts.js'

const POST = { method: 'POST' }

describe('throttling and fault injection through the official SDKs', () => {
  let server: RunningServer
  let world: CompatWorld
  const dir = mkdtempSync(join(tmpdir(), 'eniplane-chaos-'))

  before(async () => {
    const throttle = join(dir, 'throttle.json')
    writeFileSync(
      throttle,
      JSON.stringify({
        base: 'none',
        limits: {
          DescribeZones: { perMinute: 1, burst: 2 },
          DescribeRegions: { perMinute: 1, burst: 1, code: 'Throttling.User' },
        },
      }),
    )
    server = await startCompatServer({ throttle })
    world = await buildCompatWorld(
      popClient(server.url),
      popClient(server.url, undefined, '2016-04-28'),
    )
  })
  after(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const addRules = (rules: unknown[]) =>
    popClient(server.url).request('EniplaneAddFaultRules', { Rules: JSON.stringify(rules) }, POST)

  test('over-limit calls answer Throttling / Throttling.User 400 in pop-core and the ECS SDK', async () => {
    const pop = popClient(server.url)
    const ecs = ecsClient(server.url)
    await pop.request('DescribeZones', { RegionId: REGION }, POST)
    await ecs.describeZones(new $Ecs.DescribeZonesRequest({ regionId: REGION }))
    assert.deepEqual(await popError(pop.request('DescribeZones', { RegionId: REGION }, POST)), {
      code: 'Throttling',
      status: 400,
    })
    const v3 = await sdkError(
      ecs.describeZones(new $Ecs.DescribeZonesRequest({ regionId: REGION })),
    )
    assert.equal(v3.code, 'Throttling')
    assert.equal(v3.statusCode, 400)
    // Another region is another bucket (per account, region and Action).
    await pop.request('DescribeZones', { RegionId: 'cn-beijing' }, POST).catch(() => undefined)
    // DescribeRegions carries no RegionId in the ECS SDK: those calls share the no-region bucket.
    await pop.request('DescribeRegions', {}, POST)
    assert.deepEqual(await popError(pop.request('DescribeRegions', {}, POST)), {
      code: 'Throttling.User',
      status: 400,
    })
    const user = await sdkError(ecs.describeRegions(new $Ecs.DescribeRegionsRequest({})))
    assert.equal(user.code, 'Throttling.User')
    assert.equal(user.statusCode, 400)
  })

  test('injected codes come with their HTTP status in both SDKs and change nothing', async () => {
    await addRules([
      { action: 'AssignPrivateIpAddresses', code: 'Operation.Conflict', httpStatus: 403, times: 1 },
      { action: 'AssignPrivateIpAddresses', code: 'ServiceUnavailable', httpStatus: 503, times: 1 },
    ])
    const pop = popClient(server.url)
    const params = {
      RegionId: REGION,
      NetworkInterfaceId: world.eniId,
      SecondaryPrivateIpAddressCount: 1,
    }
    assert.deepEqual(await popError(pop.request('AssignPrivateIpAddresses', params, POST)), {
      code: 'Operation.Conflict',
      status: 403,
    })
    const ecs = ecsClient(server.url)
    const v3 = await sdkError(
      ecs.assignPrivateIpAddresses(
        new $Ecs.AssignPrivateIpAddressesRequest({
          regionId: REGION,
          networkInterfaceId: world.eniId,
          secondaryPrivateIpAddressCount: 1,
        }),
      ),
    )
    assert.equal(v3.code, 'ServiceUnavailable')
    assert.equal(v3.statusCode, 503)
    assert.deepEqual(await secondaryIps(pop, world.eniId), [], 'injected faults assign nothing')
    // Both rules are spent: the next call is served.
    await pop.request('AssignPrivateIpAddresses', params, POST)
    assert.equal((await secondaryIps(pop, world.eniId)).length, 1)
  })

  test('every Nth call, probability with a seed, and a rule per ENI', async () => {
    const pop = popClient(server.url)
    await pop.request('EniplaneClearFaultRules', {}, POST)
    await addRules([
      {
        action: 'ModifyNetworkInterfaceAttribute',
        networkInterfaceId: world.eniId,
        code: 'InternalError',
        every: 2,
      },
    ])
    const modify = (eniId: string) =>
      pop
        .request(
          'ModifyNetworkInterfaceAttribute',
          { RegionId: REGION, NetworkInterfaceId: eniId, Description: 'changed by the test' },
          POST,
        )
        .then(
          () => 'ok',
          (e: { code: string }) => e.code,
        )
    const codes = []
    for (let i = 0; i < 4; i++) codes.push(await modify(world.eniId))
    assert.deepEqual(codes, ['ok', 'InternalError', 'ok', 'InternalError'])
    const listed = await pop.request<{ Rules: { Rule: { fired: number; matched: number }[] } }>(
      'EniplaneListFaultRules',
      {},
      POST,
    )
    assert.deepEqual(
      listed.Rules.Rule.map((r) => [r.matched, r.fired]),
      [[4, 2]],
    )
    // probability 0.5 with a seed fires a reproducible subset; a server restart gives the same.
    await pop.request('EniplaneClearFaultRules', {}, POST)
    await addRules([{ action: 'DescribeVpcs', code: 'Throttling', probability: 0.5, seed: 7 }])
    const vpc = popClient(server.url, undefined, '2016-04-28')
    const outcomes: string[] = []
    for (let i = 0; i < 12; i++) {
      outcomes.push(
        await vpc.request('DescribeVpcs', { RegionId: REGION }, POST).then(
          () => 'ok',
          (e: { code: string }) => e.code,
        ),
      )
    }
    const fired = outcomes.filter((o) => o === 'Throttling').length
    assert.ok(fired > 0 && fired < 12, `some but not all fired: ${outcomes.join(',')}`)
    await pop.request('EniplaneClearFaultRules', {}, POST)
  })

  test('only the bootstrap account manages fault rules; bad rules are refused', async () => {
    const key = {
      accountId: '1999000000001',
      accessKeyId: 'LTAIotheraccount00001',
      accessKeySecret: 'other-account-secret-000000001',
    }
    await createAccount(server.ctx.store, new Date(), 'other', key)
    const other = popClient(server.url, { id: key.accessKeyId, secret: key.accessKeySecret })
    for (const action of [
      'EniplaneAddFaultRules',
      'EniplaneListFaultRules',
      'EniplaneClearFaultRules',
    ]) {
      assert.deepEqual(await popError(other.request(action, { Rules: '[]' }, POST)), {
        code: 'Forbidden.BootstrapAccountOnly',
        status: 403,
      })
    }
    assert.deepEqual(
      await popError(addRules([{ action: 'AssignPrivateIpAddresses', httpStatus: 403 }])),
      { code: 'InvalidParameter', status: 400 },
    )
  })

  test('a delayed call is slowed, then served', async () => {
    const pop = popClient(server.url)
    await addRules([{ action: 'DescribeSecurityGroups', delayMs: 300, times: 1 }])
    const started = Date.now()
    await pop.request('DescribeSecurityGroups', { RegionId: REGION }, POST)
    assert.ok(Date.now() - started >= 300, 'the call waited for its delay')
  })

  test('a failed attach transition leaves the ENI Available again, as ECS does', async () => {
    const pop = popClient(server.url)
    const { NetworkInterfaceId: eniId } = await pop.request<{ NetworkInterfaceId: string }>(
      'CreateNetworkInterface',
      { RegionId: REGION, VSwitchId: world.vswitchId, SecurityGroupId: world.sgId },
      POST,
    )
    await addRules([
      { transition: 'eni.attached', networkInterfaceId: eniId, fail: true, times: 1 },
    ])
    const attach = { RegionId: REGION, NetworkInterfaceId: eniId, InstanceId: world.instanceId }
    await pop.request('AttachNetworkInterface', attach, POST)
    await eniStatus(pop, eniId, 'Available')
    // The rule is spent: the retry attaches.
    await pop.request('AttachNetworkInterface', attach, POST)
    await eniStatus(pop, eniId, 'InUse')
  })
})
