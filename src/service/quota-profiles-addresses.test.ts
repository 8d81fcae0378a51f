// DESIGN.md's quota-profile table, continued: security-group capacity, the primary-ENI
// instance-state rule, reserved addresses, random picking, classic-network instances.
import assert from 'node:assert/strict'

import { isUsable, parseCidr } from '../allocator/cidr.js'
import { parseIpv4 } from '../allocator/ipv4.js'
import type { QuotaProfileName } from '../domain/quota-profile.js'
import type { Harness } from '../testing/service-harness.js'
import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { startInstance, stopInstance } from './instance-lifecycle.js'
import { runInstances } from './launch-instances.js'
import { modifyNetworkInterfaceAttribute } from './modify-network-interface-attribute.js'
import { unassignPrivateIpAddresses } from './unassign-private-ip-addresses.js'

const regionId = REGION
const PROFILES: readonly QuotaProfileName[] = ['seed', 'current']
const AVAILABLE_CAP = { seed: 10, current: 49 } as const
const IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd'

describeOnEngines('quota profiles: groups and addresses', (t) => {
  for (const profile of PROFILES) {
    const seed = profile === 'seed'

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
        await h.rejects(() => h.assignCount(room.id, 1), 'SecurityGroupInstanceLimitExceed', 403)
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
        assert.equal((await h.assignCount(room.id, 1)).assigned.length, 1)
        // An enterprise group holds 65,536 in `current`, 2,000 in `seed`.
        const enterpriseOnly = () => h.eni(w, { securityGroupIds: [enterprise.id] })
        if (seed) {
          await h.rejects(enterpriseOnly, 'SecurityGroupInstanceLimitExceed', 403)
        } else {
          assert.equal((await enterpriseOnly()).status, 'Available')
        }
      },
    )

    if (profile === 'current') {
      t.it(
        "[current] a /28 prefix takes one of a group's 2,000 slots, not sixteen",
        { profile, quotas: { enisPerRegion: 1000 } },
        async (h) => {
          const w = await h.world({ vswitchCidr: '192.168.16.0/20' })
          // 1 primary + 10 prefixes (160 addresses): 11 slots
          await h.eni(w, { ipv4PrefixCount: 10 })
          const room = await h.eni(w, { secondaryPrivateIpAddressCount: 1 })
          let used = 11 + 2
          while (used < 1999) {
            const take = Math.min(AVAILABLE_CAP.current + 1, 1999 - used)
            await h.eni(w, { secondaryPrivateIpAddressCount: take - 1 })
            used += take
          }
          // Counted by rows the group would hold 2,014: the last slot fits, then none.
          assert.equal((await h.assignCount(room.id, 1)).assigned.length, 1)
          await h.rejects(() => h.assignCount(room.id, 1), 'SecurityGroupInstanceLimitExceed', 403)
        },
      )
    }

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
            () => h.assignCount(primary.id, 1),
            'InvalidOperation.InvalidEcsState',
            400,
          )
          await h.rejects(
            () => h.assignIps(primary.id, ['192.168.1.100']),
            'InvalidOperation.InvalidEcsState',
            400,
          )
        }
        await refused('Pending')
        await h.settle()
        const [a] = (await h.assignCount(primary.id, 2)).assigned
        assert.ok(a)
        await stopInstance(ctx, caller, { regionId, instanceId })
        await refused('Stopping')
        await h.rejects(() => unassign(a), 'InvalidOperation.InvalidEcsState', 400)
        await h.settle()
        assert.equal(await h.instanceStatus(instanceId), 'Stopped')
        await unassign(a)
        assert.equal((await h.assignCount(primary.id, 1)).assigned.length, 1)
        await startInstance(ctx, caller, { regionId, instanceId })
        await refused('Starting')
        await h.settle()
        assert.equal(await h.instanceStatus(instanceId), 'Running')
        assert.equal((await h.assignCount(primary.id, 1)).assigned.length, 1)
        // A secondary ENI has no instance check: it works while the instance is Stopping.
        const secondary = await h.eni(w)
        await h.attach(secondary.id, instanceId)
        await stopInstance(ctx, caller, { regionId, instanceId })
        assert.equal((await h.assignCount(secondary.id, 1)).assigned.length, 1)
      },
    )

    t.it(
      `[${profile}] reserved addresses: the first and the last three are refused`,
      { profile },
      async (h) => {
        const w = await h.world()
        const eni = await h.eni(w)
        for (const reserved of ['192.168.1.0', '192.168.1.253', '192.168.1.254', '192.168.1.255']) {
          await h.rejects(() => h.assignIps(eni.id, [reserved]), 'InvalidVSwitchId.IpInvalid', 403)
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
        assert.deepEqual((await h.assignIps(eni.id, ['192.168.1.1', '192.168.1.252'])).assigned, [
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
          const more = await x.assignCount(eni.id, 2)
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
        await h.rejects(() => h.attach(eni.id, classicId), 'InvalidOperation.InstanceNotInVpc', 403)
      },
    )
  }
})
