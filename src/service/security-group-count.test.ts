// What the capacity check counts for a security group (countSecurityGroupIpsIn) always equals
// what its member ENIs hold: every address, a /28 prefix as one. Checked after each kind of
// change: create, assign (count, chosen, prefixes), unassign (addresses, a prefix), moving an ENI
// between groups, RunInstances' primary ENI, deleting an ENI and an instance.
import assert from 'node:assert/strict'

import type { Harness } from '../testing/service-harness.js'
import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { assignPrivateIpAddresses } from './assign-private-ip-addresses.js'
import { deleteNetworkInterface } from './delete-network-interface.js'
import { describeNetworkInterfaces } from './describe-network-interfaces.js'
import { deleteInstance } from './instance-lifecycle.js'
import { modifyNetworkInterfaceAttribute } from './modify-network-interface-attribute.js'
import { unassignPrivateIpAddresses } from './unassign-private-ip-addresses.js'

const regionId = REGION

/** What the member ENIs hold, per group, from DescribeNetworkInterfaces. */
async function heldByMembers(h: Harness, groups: readonly string[]): Promise<number[]> {
  const { items } = await describeNetworkInterfaces(h.ctx, h.caller, {
    regionId,
    maxResults: 500,
  })
  return groups.map((g) =>
    items
      .filter((e) => e.securityGroupIds.includes(g))
      .reduce((n, e) => n + e.privateIps.length + e.ipv4Prefixes.length, 0),
  )
}

async function assertSlots(h: Harness, groups: readonly string[], step: string): Promise<void> {
  const kept = await h.ctx.store.transaction((tx) => tx.countSecurityGroupIpsIn(groups))
  const expected = await heldByMembers(h, groups)
  assert.deepEqual(
    groups.map((g) => kept.get(g)),
    expected,
    `after ${step}`,
  )
}

describeOnEngines('security group address count', (t) => {
  t.it('equal what the member ENIs hold after every kind of change', async (h) => {
    const w = await h.world({ vswitchCidr: '192.168.1.0/24' })
    const b = await h.securityGroup(w.vpc)
    const c = await h.securityGroup(w.vpc)
    const groups = [w.sg.id, b.id, c.id]
    await assertSlots(h, groups, 'nothing')

    const one = await h.eni(w)
    const two = await h.eni(w, { securityGroupIds: [w.sg.id, b.id], ipv4PrefixCount: 2 })
    await assertSlots(h, groups, 'create with a primary address and with prefixes')
    assert.deepEqual(await heldByMembers(h, groups), [4, 3, 0])

    await h.assignCount(one.id, 5)
    await h.assignIps(two.id, ['192.168.1.200', '192.168.1.201'])
    await assignPrivateIpAddresses(h.ctx, h.caller, {
      regionId,
      networkInterfaceId: one.id,
      ipv4PrefixCount: 1,
    })
    await assertSlots(h, groups, 'assign by count, chosen and a prefix')

    const prefix = (await h.getEni(two.id)).ipv4Prefixes[0]!
    await unassignPrivateIpAddresses(h.ctx, h.caller, {
      regionId,
      networkInterfaceId: two.id,
      privateIpAddresses: ['192.168.1.200'],
    })
    await unassignPrivateIpAddresses(h.ctx, h.caller, {
      regionId,
      networkInterfaceId: two.id,
      privateIpAddresses: [],
      ipv4Prefixes: [prefix],
    })
    await assertSlots(h, groups, 'unassign an address and a prefix')

    await modifyNetworkInterfaceAttribute(h.ctx, h.caller, {
      regionId,
      networkInterfaceId: one.id,
      securityGroupIds: [b.id, c.id],
    })
    await assertSlots(h, groups, 'moving an ENI to other groups')

    const instance = await h.instance(w)
    await assertSlots(h, groups, "RunInstances' primary ENI")

    await deleteNetworkInterface(h.ctx, h.caller, { regionId, networkInterfaceId: two.id })
    await h.settle()
    await deleteInstance(h.ctx, h.caller, { regionId, instanceId: instance, force: true })
    await h.settle()
    await assertSlots(h, groups, 'deleting an ENI and an instance')
    assert.deepEqual(await heldByMembers(h, groups), [0, 7, 7])
  })
})
