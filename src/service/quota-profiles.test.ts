// Every row of DESIGN.md's quota-profile table, for `seed` and for `current`, on both engines:
// attach rules and per-ENI caps here, the rest in quota-profiles-addresses.test.ts.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { checkPrivateIpCap, privateIpCap } from '../domain/eni-rules.js'
import type { ApiError } from '../domain/errors.js'
import { findInstanceType, INSTANCE_TYPES } from '../domain/instance-types.js'
import type { InstanceType } from '../domain/instance-types.js'
import type { QuotaProfileName } from '../domain/quota-profile.js'
import { QUOTA_PROFILES } from '../domain/quota-profile.js'
import type { EniView } from '../domain/resources.js'
import { describeOnEngines, REGION, ZONE_H, ZONE_I } from '../testing/service-harness.js'
import { createVpc } from './create-vpc.js'

const regionId = REGION
const PROFILES: readonly QuotaProfileName[] = ['seed', 'current']
const AVAILABLE_CAP = { seed: 10, current: 49 } as const

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
    trafficMode: 'Standard',
    resourceGroupId: 'rg-acfmquotaprofile',
    queueNumber: null,
    queuePairNumber: null,
    attachedInstanceType: 'ecs.g7.large',
    securityGroupIds: ['sg-x'],
    privateIps: [{ address: '10.0.0.1', primary: true }],
    ipv6Addresses: [],
    ipv4Prefixes: [],
    ipv6Prefixes: [],
  }

  it('the data has no type with EniPrivateIpAddressQuantity = 1 (rule tested on a synthetic type)', () => {
    assert.equal(INSTANCE_TYPES.filter((t) => t.eniPrivateIpAddressQuantity <= 1).length, 0)
  })

  for (const name of PROFILES) {
    it(`[${name}] a type with EniPrivateIpAddressQuantity = 1 takes no secondary IP`, () => {
      const profile = QUOTA_PROFILES[name]
      assert.throws(
        () => checkPrivateIpCap(profile, eni, { instanceId: 'i-x', type: synthetic(1) }, 1),
        (e: ApiError) => e.code === 'InvalidOperation.Ipv4CountExceeded' && e.httpStatus === 403,
      )
      assert.doesNotThrow(() =>
        checkPrivateIpCap(profile, eni, { instanceId: 'i-x', type: synthetic(2) }, 1),
      )
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
            () => h.attach(other.id, instanceId),
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
          () => h.attach(inZoneI.id, instanceId),
          'InvalidOperation.AvailabilityZoneMismatch',
          403,
        )
        const vpc2 = await createVpc(h.ctx, h.caller, { regionId, cidrBlock: '10.0.0.0/16' })
        await h.settle()
        const vsw2 = await h.vswitch(vpc2, '10.0.1.0/24', ZONE_H)
        const sg2 = await h.securityGroup(vpc2)
        const inVpc2 = await h.eni({ vpc: vpc2, vswitch: vsw2, sg: sg2 })
        await h.rejects(() => h.attach(inVpc2.id, instanceId), 'InvalidOperation.VpcMismatch', 403)
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
        await h.rejects(() => h.assignCount(full.id, 1), 'InvalidOperation.Ipv4CountExceeded', 403)
        await h.rejects(
          () => h.assignIps(full.id, ['192.168.1.200']),
          'InvalidOperation.Ipv4CountExceeded',
          403,
        )
        const partial = await h.eni(w, { secondaryPrivateIpAddressCount: cap - 2 })
        await h.rejects(
          () => h.assignCount(partial.id, 3),
          'InvalidOperation.Ipv4CountExceeded',
          403,
        )
        assert.equal((await h.assignCount(partial.id, 2)).assigned.length, 2)
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
            () => h.assignCount(eni.id, cap - 3 + 1),
            'InvalidOperation.Ipv4CountExceeded',
            403,
          )
          assert.equal((await h.assignCount(eni.id, cap - 3)).assigned.length, cap - 3)
          assert.equal((await h.getEni(eni.id)).privateIps.length, cap)
          await h.rejects(() => h.assignCount(eni.id, 1), 'InvalidOperation.Ipv4CountExceeded', 403)
          // the primary ENI follows the same per-type cap
          const primary = await h.primaryEniOf(instanceId)
          assert.equal((await h.assignCount(primary.id, cap - 1)).assigned.length, cap - 1)
          await h.rejects(
            () => h.assignCount(primary.id, 1),
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
          () => h.attach(big.id, instanceId),
          'InvalidOperation.Ipv4CountExceeded',
          403,
        )
        const fits = await h.eni(w, { secondaryPrivateIpAddressCount: 5 })
        await h.attach(fits.id, instanceId)
        assert.equal((await h.getEni(fits.id)).status, 'InUse')
      },
    )
  }
})
