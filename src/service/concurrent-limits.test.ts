// Limits hold under concurrency: two replicas (PostgreSQL: two pools) racing creates at a quota,
// attaches at an instance's ENI limit, and two attaches of one ENI.
import assert from 'node:assert/strict'

import { isApiError } from '../domain/errors.js'
import type { EniView } from '../domain/resources.js'
import type { Harness } from '../testing/service-harness.js'
import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { attachNetworkInterface } from './attach-network-interface.js'
import type { ServiceContext } from './context.js'
import { createNetworkInterface } from './create-network-interface.js'
import { createVpc } from './create-vpc.js'
import { createVSwitch } from './create-vswitch.js'
import { describeNetworkInterfaces } from './describe-network-interfaces.js'
import { createSecurityGroup, describeSecurityGroups } from './security-group-operations.js'
import { describeVpcs } from './vpc-operations.js'
import { describeVSwitches } from './vswitch-operations.js'

const regionId = REGION

/** Runs `n` calls alternating between the two contexts; returns 'ok' or each error code. */
async function race(
  h: Harness,
  n: number,
  call: (ctx: ServiceContext, i: number) => Promise<unknown>,
): Promise<string[]> {
  const contexts = [h.ctx, await h.replica(2)]
  const outcomes = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      call(contexts[i % 2]!, i).then(
        () => 'ok',
        (e: unknown) => {
          if (!isApiError(e)) throw e
          return e.code
        },
      ),
    ),
  )
  return outcomes.sort()
}

const okAnd = (ok: number, code: string, n: number) => [
  ...Array.from({ length: n - ok }, () => code),
  ...Array.from({ length: ok }, () => 'ok'),
]

describeOnEngines('concurrent limits', (t) => {
  t.it(
    'the region ENI quota holds under concurrent creates',
    { quotas: { enisPerRegion: 5 } },
    async (h) => {
      const w = await h.world()
      for (let i = 0; i < 4; i++) await h.eni(w)
      const outcomes = await race(h, 8, (ctx) =>
        createNetworkInterface(ctx, h.caller, {
          regionId,
          vswitchId: w.vswitch.id,
          securityGroupIds: [w.sg.id],
        }),
      )
      assert.deepEqual(outcomes, okAnd(1, 'MaxEniCountExceeded', 8))
      const all = await describeNetworkInterfaces(h.ctx, h.caller, { regionId })
      assert.equal(all.totalCount, 5)
    },
  )

  t.it(
    'VPC, security-group and vSwitch quotas hold under concurrent creates',
    { quotas: { vpcsPerRegion: 3, securityGroupsPerRegion: 3 } },
    async (h) => {
      const w = await h.world()
      const vpcs = await race(h, 6, (ctx, i) =>
        createVpc(ctx, h.caller, { regionId, cidrBlock: `10.${i}.0.0/16` }),
      )
      assert.deepEqual(vpcs, okAnd(2, 'QuotaExceeded.Vpc', 6))
      assert.equal((await describeVpcs(h.ctx, h.caller, { regionId })).totalCount, 3)
      const groups = await race(h, 6, (ctx) =>
        createSecurityGroup(ctx, h.caller, { regionId, vpcId: w.vpc.id }),
      )
      assert.deepEqual(groups, okAnd(2, 'QuotaExceed.SecurityGroup', 6))
      assert.equal((await describeSecurityGroups(h.ctx, h.caller, { regionId })).totalCount, 3)
      // One vSwitch may be Pending per VPC at a time.
      const vswitches = await race(h, 6, (ctx, i) =>
        createVSwitch(ctx, h.caller, {
          regionId,
          vpcId: w.vpc.id,
          zoneId: w.vswitch.zoneId,
          cidrBlock: `192.168.${10 + i}.0/24`,
        }),
      )
      assert.deepEqual(vswitches, okAnd(1, 'IncorrectVSwitchStatus', 6))
      const listed = await describeVSwitches(h.ctx, h.caller, { vpcId: w.vpc.id })
      assert.equal(listed.totalCount, 2)
    },
  )

  t.it('concurrent attaches respect EniQuantity and get distinct device indexes', async (h) => {
    const w = await h.world()
    const instanceId = await h.instance(w, 'ecs.g7.large') // EniQuantity 3: 2 secondary
    const enis: EniView[] = []
    for (let i = 0; i < 6; i++) enis.push(await h.eni(w))
    const outcomes = await race(h, 6, (ctx, i) =>
      attachNetworkInterface(ctx, h.caller, {
        regionId,
        instanceId,
        networkInterfaceId: enis[i]!.id,
      }),
    )
    assert.deepEqual(outcomes, okAnd(2, 'EniPerInstanceLimitExceeded', 6))
    await h.settle()
    const attached = await describeNetworkInterfaces(h.ctx, h.caller, { regionId, instanceId })
    assert.deepEqual(attached.items.map((e) => e.deviceIndex).sort(), [0, 1, 2])
  })

  t.it('one ENI attached concurrently to two instances goes to exactly one', async (h) => {
    const w = await h.world()
    const a = await h.instance(w)
    const b = await h.instance(w)
    const eni = await h.eni(w)
    const outcomes = await race(h, 4, (ctx, i) =>
      attachNetworkInterface(ctx, h.caller, {
        regionId,
        instanceId: i % 2 ? a : b,
        networkInterfaceId: eni.id,
      }),
    )
    // the losers find it Attaching: busy with a task (extensions.md §4.3)
    assert.deepEqual(outcomes, okAnd(1, 'Operation.Conflict', 4))
    await h.settle()
    const after = await h.getEni(eni.id)
    assert.equal(after.status, 'InUse')
    assert.ok(after.instanceId === a || after.instanceId === b)
  })
})
