// Every row of DESIGN.md's quota-profile table, for `seed` and for `current`, on both engines.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { parseCidr, isUsable } from '../allocator/cidr.js'
import { parseIpv4 } from '../allocator/ipv4.js'
import { checkPrivateIpCap, privateIpCap } from '../domain/eni-rules.js'
import type { ApiError } from '../domain/errors.js'
import { findInstanceType, INSTANCE_TYPES } from '../domain/instance-types.js'
import type { InstanceType } from '../domain/instance-types.js'
import type { QuotaProfileName } from '../domain/quota-profile.js'
import { QUOTA_PROFILES } from '../domain/quota-profile.js'
import type { EniView } from '../domain/resources.js'
import type { Harness } from '../testing/service-harness.js'
import { describeOnEngines, REGION, ZONE_H, ZONE_I } from '../testing/service-harness.js'
import { assignPrivateIpAddresses } from './assign-private-ip-addresses.js'
import { attachNetworkInterface } from './attach-network-interface.js'
import { createVpc } from './create-vpc.js'
import { startInstance, stopInstance } from './instance-lifecycle.js'
import { runInstances } from './launch-instances.js'
import { modifyNetworkInterfaceAttribute } from './modify-network-interface-attribute.js'
import { unassignPrivateIpAddresses } from './unassign-private-ip-addresses.js'

const regionId = REGION
const PROFILES: readonly QuotaProfileName[] = ['seed', 'current']
const AVAILABLE_CAP = { seed: 10, current: 49 } as const
const IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd'

const assignCount = (h: Harness, networkInterfaceId: string, n: number) =>
  assignPrivateIpAddresses(h.ctx, h.caller, {
    regionId,
    networkInterfaceId,
    secondaryPrivateIpAddressCount: n,
  })
const assignIps = (h: Harness, networkInterfaceId: string, privateIpAddresses: string[]) =>
  assignPrivateIpAddresses(h.ctx, h.caller, { regionId, networkInterfaceId, privateIpAddresses })
const attach = (h: Harness, networkInterfaceId: string, instanceId: string) =>
  attachNetworkInterface(h.ctx, h.caller, { regionId, instanceId, networkInterfaceId })

describe('quota profile rules (pure)', () => {
  const synthetic = (q: number): InstanceType => ({
    ...findInstanceType('ecs.g7.large')!,
    instanceTypeId: 'ecs.synthetic.one-ip',
    eniPrivateIpAddressQuantity: q,
  })
  const eni: EniView = {
    id: 'eni-x',
    accountId: 'acc-x',
    regionId,
    zoneId: ZONE_H,
    vpcId: 'vpc-x',
    vswitchId: 'vsw-x',
    type: 'Secondary',
    status: 'InUse',
    macAddress: '00:16:3e:00:00:01',
    primaryIp: '10.0.0.1',
    name: '',
    description: '',
    instanceId: 'i-x',
    deviceIndex: 1,
    deleteOnRelease: false,
    sourceDestCheck: true,
    createdAt: new Date(0),
    securityGroupIds: ['sg-x'],
    privateIps: [{ address: '10.0.0.1', primary: true }],
  }

  it('the data has no type with EniPrivateIpAddressQuantity = 1 (rule tested on a synthetic type)', () => {
    assert.equal(INSTANCE_TYPES.filter((t) => t.eniPrivateIpAddressQuantity <= 1).length, 0)
  })

  for (const name of PROFILES) {
    it(`[${name}] a type with EniPrivateIpAddressQuantity = 1 takes no secondary IP`, () => {
      const profile = QUOTA_PROFILES[name]
      assert.throws(
        () => checkPrivateIpCap(profile, eni, synthetic(1), 1),
        (e: ApiError) => e.code === 'InvalidOperation.Ipv4CountExceeded' && e.httpStatus === 403,
      )
      assert.doesNotThrow(() => checkPrivateIpCap(profile, eni, synthetic(2), 1))
    })

    it(`[${name}] caps: Available 1 + ${AVAILABLE_CAP[name]}, InUse per type`, () => {
      const profile = QUOTA_PROFILES[name]
      assert.equal(privateIpCap(profile, undefined), 1 + AVAILABLE_CAP[name])
      assert.equal(privateIpCap(profile, findInstanceType('ecs.g7.large')), 6)
      assert.equal(
        privateIpCap(profile, findInstanceType('ecs.g7.4xlarge')),
        name === 'seed' ? 20 : 30,
      )
      assert.equal(
        privateIpCap(profile, findInstanceType('ecs.g8i.48xlarge')),
        name === 'seed' ? 20 : 50,
      )
    })
  }
})

describeOnEngines('quota profiles', (t) => {
  for (const profile of PROFILES) {
    const seed = profile === 'seed'

    t.it(
      `[${profile}] attach: same vSwitch attaches; another vSwitch of the zone ${seed ? 'is refused' : 'too'}`,
      { profile },
      async (h) => {
        const w = await h.world()
        const instanceId = await h.instance(w)
        const same = await h.eni(w)
        await h.attach(same.id, instanceId)
        assert.equal((await h.getEni(same.id)).status, 'InUse')

        const sibling = await h.vswitch(w.vpc, '192.168.2.0/24', ZONE_H)
        const other = await h.eni({ ...w, vswitch: sibling })
        if (seed) {
          await h.rejects(
            () => attach(h, other.id, instanceId),
            'InvalidOperation.VSwitchMismatch',
            403,
          )
        } else {
          await h.attach(other.id, instanceId)
          assert.equal((await h.getEni(other.id)).status, 'InUse')
        }
      },
    )

    t.it(
      `[${profile}] attach: another zone → AvailabilityZoneMismatch, another VPC → VpcMismatch`,
      { profile },
      async (h) => {
        const w = await h.world()
        const instanceId = await h.instance(w)
        const zoneI = await h.vswitch(w.vpc, '192.168.2.0/24', ZONE_I)
        const inZoneI = await h.eni({ ...w, vswitch: zoneI })
        await h.rejects(
          () => attach(h, inZoneI.id, instanceId),
          'InvalidOperation.AvailabilityZoneMismatch',
          403,
        )
        const vpc2 = await createVpc(h.ctx, h.caller, { regionId, cidrBlock: '10.0.0.0/16' })
        await h.settle()
        const vsw2 = await h.vswitch(vpc2, '10.0.1.0/24', ZONE_H)
        const sg2 = await h.securityGroup(vpc2)
        const inVpc2 = await h.eni({ vpc: vpc2, vswitch: vsw2, sg: sg2 })
        await h.rejects(() => attach(h, inVpc2.id, instanceId), 'InvalidOperation.VpcMismatch', 403)
        // A security group of another VPC is refused at create, too.
        await h.rejects(
          () => h.eni(w, { securityGroupIds: [sg2.id] }),
          'InvalidOperation.VpcMismatch',
          403,
        )
      },
    )

    t.it(
      `[${profile}] an Available ENI holds at most ${AVAILABLE_CAP[profile]} secondary IPs`,
      { profile },
      async (h) => {
        const cap = AVAILABLE_CAP[profile]
        const w = await h.world()
        await h.rejects(
          () => h.eni(w, { secondaryPrivateIpAddressCount: cap + 1 }),
          'InvalidOperation.Ipv4CountExceeded',
          403,
        )
        const full = await h.eni(w, { secondaryPrivateIpAddressCount: cap })
        assert.equal(full.privateIps.length, cap + 1)
        await h.rejects(() => assignCount(h, full.id, 1), 'InvalidOperation.Ipv4CountExceeded', 403)
        await h.rejects(
          () => assignIps(h, full.id, ['192.168.1.200']),
          'InvalidOperation.Ipv4CountExceeded',
          403,
        )
        const partial = await h.eni(w, { secondaryPrivateIpAddressCount: cap - 2 })
        await h.rejects(
          () => assignCount(h, partial.id, 3),
          'InvalidOperation.Ipv4CountExceeded',
          403,
        )
        assert.equal((await assignCount(h, partial.id, 2)).assigned.length, 2)
        assert.equal((await h.getEni(partial.id)).privateIps.length, cap + 1)
      },
    )

    for (const [type, typeCap] of [
      ['ecs.g7.4xlarge', 30],
      ['ecs.g7.large', 6],
    ] as const) {
      const cap = seed ? Math.min(20, typeCap) : typeCap
      t.it(
        `[${profile}] an InUse ENI on ${type} (type ${typeCap}) holds ${cap} private IPs`,
        { profile },
        async (h) => {
          const w = await h.world()
          const instanceId = await h.instance(w, type)
          const eni = await h.eni(w, { secondaryPrivateIpAddressCount: 2 })
          await h.attach(eni.id, instanceId)
          await h.rejects(
            () => assignCount(h, eni.id, cap - 3 + 1),
            'InvalidOperation.Ipv4CountExceeded',
            403,
          )
          assert.equal((await assignCount(h, eni.id, cap - 3)).assigned.length, cap - 3)
          assert.equal((await h.getEni(eni.id)).privateIps.length, cap)
          await h.rejects(
            () => assignCount(h, eni.id, 1),
            'InvalidOperation.Ipv4CountExceeded',
            403,
          )
          // the primary ENI follows the same per-type cap
          const primary = await h.primaryEniOf(instanceId)
          assert.equal((await assignCount(h, primary.id, cap - 1)).assigned.length, cap - 1)
          await h.rejects(
            () => assignCount(h, primary.id, 1),
            'InvalidOperation.Ipv4CountExceeded',
            403,
          )
        },
      )
    }

    t.it(
      `[${profile}] attach refuses an ENI holding more IPs than the type allows`,
      { profile },
      async (h) => {
        const w = await h.world()
        const instanceId = await h.instance(w, 'ecs.g7.large')
        const big = await h.eni(w, { secondaryPrivateIpAddressCount: 6 })
        await h.rejects(
          () => attach(h, big.id, instanceId),
          'InvalidOperation.Ipv4CountExceeded',
          403,
        )
        const fits = await h.eni(w, { secondaryPrivateIpAddressCount: 5 })
        await h.attach(fits.id, instanceId)
        assert.equal((await h.getEni(fits.id)).status, 'InUse')
      },
    )

    t.it(
      `[${profile}] a security group holds 2,000 private IPs (primary + secondary, all members)`,
      { profile, quotas: { enisPerRegion: 1000 } },
      async (h) => {
        const w = await h.world({ vswitchCidr: '192.168.16.0/20' })
        const enterprise = await h.securityGroup(w.vpc, 'enterprise')
        const both = [w.sg.id, enterprise.id]
        const perEni = AVAILABLE_CAP[profile] + 1
        // The first member keeps room under its own cap, so only the group's limit can refuse it.
        const room = await h.eni(w, { securityGroupIds: both, secondaryPrivateIpAddressCount: 1 })
        for (let used = 2; used < 2000;) {
          const take = Math.min(perEni, 2000 - used)
          await h.eni(w, { securityGroupIds: both, secondaryPrivateIpAddressCount: take - 1 })
          used += take
        }
        assert.equal(await h.available(w.vswitch.id), 4092 - 2000)
        await h.rejects(() => h.eni(w), 'SecurityGroupInstanceLimitExceed', 403)
        await h.rejects(() => assignCount(h, room.id, 1), 'SecurityGroupInstanceLimitExceed', 403)
        await h.rejects(
          () =>
            runInstances(h.ctx, h.caller, {
              regionId,
              instanceType: 'ecs.g7.large',
              imageId: IMAGE,
              vswitchId: w.vswitch.id,
              securityGroupIds: [w.sg.id],
            }),
          'SecurityGroupInstanceLimitExceed',
          403,
        )
        const spare = await h.securityGroup(w.vpc)
        const outsider = await h.eni(w, { securityGroupIds: [spare.id] })
        await h.rejects(
          () =>
            modifyNetworkInterfaceAttribute(h.ctx, h.caller, {
              regionId,
              networkInterfaceId: outsider.id,
              securityGroupIds: [w.sg.id],
            }),
          'SecurityGroupInstanceLimitExceed',
          403,
        )
        // Exactly at the boundary: free one address, and one fits again.
        const anyMember = await h.getEni(room.id)
        const secondary = anyMember.privateIps.find((p) => !p.primary)
        assert.ok(secondary)
        await unassignPrivateIpAddresses(h.ctx, h.caller, {
          regionId,
          networkInterfaceId: room.id,
          privateIpAddresses: [secondary.address],
        })
        assert.equal((await assignCount(h, room.id, 1)).assigned.length, 1)
        // An enterprise group holds 65,536 in `current`, 2,000 in `seed`.
        const enterpriseOnly = () => h.eni(w, { securityGroupIds: [enterprise.id] })
        if (seed) {
          await h.rejects(enterpriseOnly, 'SecurityGroupInstanceLimitExceed', 403)
        } else {
          assert.equal((await enterpriseOnly()).status, 'Available')
        }
      },
    )

    t.it(
      `[${profile}] assign/unassign on a primary ENI need the instance Running or Stopped`,
      { profile },
      async (h) => {
        const { ctx, caller } = h
        const w = await h.world()
        const [instanceId] = await runInstances(ctx, caller, {
          regionId,
          instanceType: 'ecs.g7.large',
          imageId: IMAGE,
          vswitchId: w.vswitch.id,
          securityGroupIds: [w.sg.id],
        })
        assert.ok(instanceId)
        const primary = await h.primaryEniOf(instanceId)
        const unassign = (a: string) =>
          unassignPrivateIpAddresses(ctx, caller, {
            regionId,
            networkInterfaceId: primary.id,
            privateIpAddresses: [a],
          })
        const refused = async (status: string) => {
          assert.equal(await h.instanceStatus(instanceId), status)
          await h.rejects(
            () => assignCount(h, primary.id, 1),
            'InvalidOperation.InvalidEcsState',
            400,
          )
          await h.rejects(
            () => assignIps(h, primary.id, ['192.168.1.100']),
            'InvalidOperation.InvalidEcsState',
            400,
          )
        }
        await refused('Pending')
        await h.settle()
        const [a] = (await assignCount(h, primary.id, 2)).assigned
        assert.ok(a)
        await stopInstance(ctx, caller, { regionId, instanceId })
        await refused('Stopping')
        await h.rejects(() => unassign(a), 'InvalidOperation.InvalidEcsState', 400)
        await h.settle()
        assert.equal(await h.instanceStatus(instanceId), 'Stopped')
        await unassign(a)
        assert.equal((await assignCount(h, primary.id, 1)).assigned.length, 1)
        await startInstance(ctx, caller, { regionId, instanceId })
        await refused('Starting')
        await h.settle()
        assert.equal(await h.instanceStatus(instanceId), 'Running')
        assert.equal((await assignCount(h, primary.id, 1)).assigned.length, 1)
        // A secondary ENI has no instance check: it works while the instance is Stopping.
        const secondary = await h.eni(w)
        await h.attach(secondary.id, instanceId)
        await stopInstance(ctx, caller, { regionId, instanceId })
        assert.equal((await assignCount(h, secondary.id, 1)).assigned.length, 1)
      },
    )

    t.it(
      `[${profile}] reserved addresses: the first and the last three are refused`,
      { profile },
      async (h) => {
        const w = await h.world()
        const eni = await h.eni(w)
        for (const reserved of ['192.168.1.0', '192.168.1.253', '192.168.1.254', '192.168.1.255']) {
          await h.rejects(() => assignIps(h, eni.id, [reserved]), 'InvalidVSwitchId.IpInvalid', 403)
          await h.rejects(
            () => h.eni(w, { primaryIpAddress: reserved }),
            'InvalidVSwitchId.IpInvalid',
            403,
          )
          await h.rejects(
            () => h.eni(w, { privateIpAddresses: [reserved] }),
            'InvalidVSwitchId.IpInvalid',
            403,
          )
        }
        assert.deepEqual((await assignIps(h, eni.id, ['192.168.1.1', '192.168.1.252'])).assigned, [
          '192.168.1.1',
          '192.168.1.252',
        ])
      },
    )

    t.it(
      `[${profile}] no IP given: random free addresses inside the CIDR, reproducible`,
      { profile, seed: 7 },
      async (h) => {
        const script = async (x: Harness): Promise<string[]> => {
          const w = await x.world()
          const eni = await x.eni(w, { secondaryPrivateIpAddressCount: 8 })
          const more = await assignCount(x, eni.id, 2)
          return [...eni.privateIps.map((p) => p.address), ...more.assigned]
        }
        const got = await script(h)
        const cidr = parseCidr('192.168.1.0/24')!
        assert.equal(new Set(got).size, 11)
        for (const a of got) assert.ok(isUsable(cidr, parseIpv4(a)!), `${a} is usable`)
        assert.deepEqual(await script(await h.fresh()), got, 'same seed, same addresses')
        const sequential = await script(await h.fresh({ allocation: 'sequential' }))
        assert.deepEqual(
          sequential,
          Array.from({ length: 11 }, (_, i) => `192.168.1.${i + 1}`),
        )
        assert.notDeepEqual(got, sequential)
      },
    )

    t.it(
      `[${profile}] attach refuses a classic-network instance (seeded through the store)`,
      { profile },
      async (h) => {
        const w = await h.world()
        const vpcInstance = await h.instance(w)
        const eni = await h.eni(w)
        const classicId = 'i-bp1classicnetwork0001'
        await h.ctx.store.transaction(async (tx) => {
          const row = await tx.getInstance(h.caller.accountId, vpcInstance)
          assert.ok(row)
          await tx.insertInstance({
            ...row,
            id: classicId,
            networkType: 'classic',
            vpcId: null,
            vswitchId: null,
          })
        })
        await h.rejects(
          () => attach(h, eni.id, classicId),
          'InvalidOperation.InstanceNotInVpc',
          403,
        )
      },
    )
  }
})
