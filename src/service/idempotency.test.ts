// ClientToken (spec §2.7): the same token with the same parameters returns the first result and
// has one effect; other parameters fail (ECS IdempotentParameterMismatch, VPC
// IdempotenceParamNotMatch); a token whose first call failed answers IdempotentFailed.
import assert from 'node:assert/strict'

import type { Harness } from '../testing/service-harness.js'
import { describeOnEngines, REGION, ZONE_H } from '../testing/service-harness.js'
import { assignPrivateIpAddresses } from './assign-private-ip-addresses.js'
import { createVpc } from './create-vpc.js'
import { createVSwitch } from './create-vswitch.js'
import { describeInstances } from './describe-instances.js'
import { describeNetworkInterfaces } from './describe-network-interfaces.js'
import { runInstances } from './launch-instances.js'
import { createSecurityGroup, describeSecurityGroups } from './security-group-operations.js'
import { unassignPrivateIpAddresses } from './unassign-private-ip-addresses.js'
import { describeVpcs } from './vpc-operations.js'

const regionId = REGION

const assign = (h: Harness, networkInterfaceId: string, n: number, clientToken?: string) =>
  assignPrivateIpAddresses(h.ctx, h.caller, {
    regionId,
    networkInterfaceId,
    secondaryPrivateIpAddressCount: n,
    clientToken,
  })

describeOnEngines('idempotency', (t) => {
  t.it('AssignPrivateIpAddresses: a replay returns the same addresses, held once', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    const first = await assign(h, eni.id, 3, 'tok-assign')
    const again = await assign(h, eni.id, 3, 'tok-assign')
    assert.deepEqual(again, first)
    const held = await h.addressesOf(eni.id)
    assert.equal(held.length, 4)
    assert.deepEqual(held.slice(1).sort(), [...first.assigned].sort())
    assert.equal(await h.available(w.vswitch.id), 252 - 4)
    await h.rejects(() => assign(h, eni.id, 2, 'tok-assign'), 'IdempotentParameterMismatch', 400)
    // Explicit addresses: same story.
    const byIp = () =>
      assignPrivateIpAddresses(h.ctx, h.caller, {
        regionId,
        networkInterfaceId: eni.id,
        privateIpAddresses: ['192.168.1.200'],
        clientToken: 'tok-ip',
      })
    assert.deepEqual((await byIp()).assigned, ['192.168.1.200'])
    assert.deepEqual((await byIp()).assigned, ['192.168.1.200'])
    assert.equal((await h.addressesOf(eni.id)).length, 5)
    // A token is per action: the same string on another action is independent.
    const other = await h.eni(w, { clientToken: 'tok-assign' })
    assert.notEqual(other.id, eni.id)
  })

  t.it(
    'a token whose first call failed answers IdempotentFailed; a fresh token runs',
    async (h) => {
      const w = await h.world()
      const eni = await h.eni(w, { secondaryPrivateIpAddressCount: 10 })
      await h.rejects(
        () => assign(h, eni.id, 1, 'tok-retry'),
        'InvalidOperation.Ipv4CountExceeded',
        403,
      )
      const [spare] = (await h.getEni(eni.id)).privateIps.filter((p) => !p.primary)
      assert.ok(spare)
      await unassignPrivateIpAddresses(h.ctx, h.caller, {
        regionId,
        networkInterfaceId: eni.id,
        privateIpAddresses: [spare.address],
      })
      // extensions.md §4.3: the failed token stays failed, even now that the call would succeed.
      await h.rejects(() => assign(h, eni.id, 1, 'tok-retry'), 'IdempotentFailed', 400)
      assert.equal((await h.getEni(eni.id)).privateIps.length, 10, 'nothing assigned')
      const ok = await assign(h, eni.id, 1, 'tok-fresh')
      assert.equal(ok.assigned.length, 1)
      assert.deepEqual(await assign(h, eni.id, 1, 'tok-fresh'), ok)
    },
  )

  t.it('CreateNetworkInterface: one ENI per token; other parameters mismatch', async (h) => {
    const w = await h.world()
    const a = await h.eni(w, { secondaryPrivateIpAddressCount: 2, clientToken: 'tok-eni' })
    const b = await h.eni(w, { secondaryPrivateIpAddressCount: 2, clientToken: 'tok-eni' })
    assert.deepEqual(b, a)
    const all = await describeNetworkInterfaces(h.ctx, h.caller, { regionId })
    assert.equal(all.totalCount, 1)
    assert.equal(await h.available(w.vswitch.id), 249)
    await h.rejects(
      () => h.eni(w, { secondaryPrivateIpAddressCount: 3, clientToken: 'tok-eni' }),
      'IdempotentParameterMismatch',
      400,
    )
    await h.rejects(() => h.eni(w, { clientToken: 'x'.repeat(65) }), 'InvalidParameter', 400)
    await h.rejects(() => h.eni(w, { clientToken: 'tab\there' }), 'InvalidParameter', 400)
  })

  t.it('RunInstances and CreateSecurityGroup: same ids on replay', async (h) => {
    const w = await h.world()
    const launch = (amount: number) =>
      runInstances(h.ctx, h.caller, {
        regionId,
        instanceType: 'ecs.g7.large',
        imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
        vswitchId: w.vswitch.id,
        securityGroupIds: [w.sg.id],
        amount,
        clientToken: 'tok-run',
      })
    const first = await launch(2)
    assert.deepEqual(await launch(2), first)
    const listed = await describeInstances(h.ctx, h.caller, { regionId })
    assert.equal(listed.totalCount, 2)
    await h.rejects(() => launch(3), 'IdempotentParameterMismatch', 400)

    const sg = (name: string) =>
      createSecurityGroup(h.ctx, h.caller, {
        regionId,
        vpcId: w.vpc.id,
        name,
        clientToken: 'tok-sg',
      })
    const g = await sg('web')
    assert.deepEqual(await sg('web'), g)
    await h.rejects(() => sg('db'), 'IdempotentParameterMismatch', 400)
    const groups = await describeSecurityGroups(h.ctx, h.caller, { regionId })
    assert.equal(groups.totalCount, 2)
  })

  t.it('CreateVpc and CreateVSwitch: same ids on replay; IdempotenceParamNotMatch', async (h) => {
    const vpc = (cidrBlock: string) =>
      createVpc(h.ctx, h.caller, { regionId, cidrBlock, clientToken: 'tok-vpc' })
    const v = await vpc('10.0.0.0/16')
    assert.equal((await vpc('10.0.0.0/16')).id, v.id)
    await h.rejects(() => vpc('10.1.0.0/16'), 'IdempotenceParamNotMatch', 400)
    assert.equal((await describeVpcs(h.ctx, h.caller, { regionId })).totalCount, 1)
    await h.settle()
    const vsw = (cidrBlock: string) =>
      createVSwitch(h.ctx, h.caller, {
        regionId,
        vpcId: v.id,
        zoneId: ZONE_H,
        cidrBlock,
        clientToken: 'tok-vsw',
      })
    const s = await vsw('10.0.1.0/24')
    // The replay answers even though a new create would now be refused (one Pending per VPC).
    assert.equal((await vsw('10.0.1.0/24')).id, s.id)
    await h.rejects(() => vsw('10.0.2.0/24'), 'IdempotenceParamNotMatch', 400)
  })

  t.it('two concurrent calls with one token have one effect', async (h) => {
    const w = await h.world()
    const eni = await h.eni(w)
    const replica = await h.replica(2)
    const call = (ctx: typeof h.ctx) =>
      assignPrivateIpAddresses(ctx, h.caller, {
        regionId,
        networkInterfaceId: eni.id,
        secondaryPrivateIpAddressCount: 2,
        clientToken: 'tok-race',
      })
    const results = await Promise.all([call(h.ctx), call(replica), call(h.ctx), call(replica)])
    for (const r of results) assert.deepEqual(r, results[0])
    assert.equal((await h.addressesOf(eni.id)).length, 3)
  })
})
