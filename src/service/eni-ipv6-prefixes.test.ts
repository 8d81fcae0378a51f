// IPv6 addresses and IPv4/IPv6 prefixes on ENIs (extensions.md §2.4, §3): create, assign and
// unassign, chosen and counted, the caps per state and type, every error code by code and HTTP
// status (each failed call changes nothing), and AvailableIpAddressCount with prefixes.
import assert from 'node:assert/strict'

import { parseIpv6, parseIpv6Cidr } from '../allocator/ipv6.js'
import type { Harness, World } from '../testing/service-harness.js'
import { describeOnEngines, REGION, ZONE_H } from '../testing/service-harness.js'
import { assignIpv6Addresses } from './assign-ipv6-addresses.js'
import { assignPrivateIpAddresses } from './assign-private-ip-addresses.js'
import { createVpc } from './create-vpc.js'
import { createVSwitch } from './create-vswitch.js'
import { deleteNetworkInterface } from './delete-network-interface.js'
import { describeNetworkInterfaces } from './describe-network-interfaces.js'
import { createSecurityGroup } from './security-group-operations.js'
import { unassignIpv6Addresses } from './unassign-ipv6-addresses.js'
import { unassignPrivateIpAddresses } from './unassign-private-ip-addresses.js'

const regionId = REGION
const V6 = '2408:4000:0:1::/64'

/** A dual-stack world: VPC 192.168.0.0/16 + /56, vSwitch 192.168.1.0/24 + /64 index 1. */
async function dualStack(h: Harness, vswitchCidr = '192.168.1.0/24'): Promise<World> {
  const vpc = await createVpc(h.ctx, h.caller, {
    regionId,
    cidrBlock: '192.168.0.0/16',
    enableIpv6: true,
  })
  await h.settle()
  const vswitch = await createVSwitch(h.ctx, h.caller, {
    regionId,
    vpcId: vpc.id,
    zoneId: ZONE_H,
    cidrBlock: vswitchCidr,
    ipv6CidrBlockIndex: 1,
  })
  await h.settle()
  const sg = await createSecurityGroup(h.ctx, h.caller, { regionId, vpcId: vpc.id })
  return { vpc: { ...vpc, status: 'Available' }, vswitch: { ...vswitch, status: 'Available' }, sg }
}

const assign6 = (h: Harness, networkInterfaceId: string, more: object) =>
  assignIpv6Addresses(h.ctx, h.caller, { regionId, networkInterfaceId, ...more })
const unassign6 = (h: Harness, networkInterfaceId: string, more: object) =>
  unassignIpv6Addresses(h.ctx, h.caller, { regionId, networkInterfaceId, ...more })
const assign4 = (h: Harness, networkInterfaceId: string, more: object) =>
  assignPrivateIpAddresses(h.ctx, h.caller, { regionId, networkInterfaceId, ...more })
const unassign4 = (h: Harness, networkInterfaceId: string, more: object) =>
  unassignPrivateIpAddresses(h.ctx, h.caller, {
    regionId,
    networkInterfaceId,
    privateIpAddresses: [],
    ...more,
  })

const inV6 = (a: string) => {
  const c = parseIpv6Cidr(V6)!
  const n = parseIpv6(a)!
  return n >= c.base && n - c.base < 1n << 64n
}

describeOnEngines('ENI IPv6 addresses and prefixes', (t) => {
  t.it('CreateNetworkInterface with IPv6 and prefixes; Describe lists them', async (h) => {
    const w = await dualStack(h)
    const a = await h.eni(w, { ipv6AddressCount: 3, ipv4PrefixCount: 2 })
    assert.equal(a.ipv6Addresses.length, 3)
    assert.ok(a.ipv6Addresses.every(inV6))
    assert.equal(a.ipv4Prefixes.length, 2)
    for (const p of a.ipv4Prefixes) assert.match(p, /^192\.168\.1\.\d+\/28$/)
    assert.equal(a.privateIps.length, 1)
    const b = await h.eni(w, {
      ipv6Addresses: ['2408:4000:0:1:0:0:0:abc'],
      ipv4Prefixes: ['192.168.1.32/28'],
    })
    assert.deepEqual(b.ipv6Addresses, ['2408:4000:0:1::abc'])
    if (!a.ipv4Prefixes.includes('192.168.1.32/28')) {
      assert.deepEqual(b.ipv4Prefixes, ['192.168.1.32/28'])
    }
    const c = await h.eni(w, { ipv6PrefixCount: 2 })
    assert.equal(c.ipv6Prefixes.length, 2)
    for (const p of c.ipv6Prefixes) assert.match(p, /^2408:4000:0:1:[0-9a-f]+::\/80$/)
    const d = await h.eni(w, { ipv6Prefixes: ['2408:4000:0:1:7::/80'] })
    assert.deepEqual(d.ipv6Prefixes, ['2408:4000:0:1:7::/80'])
    // 252 usable − 4 primaries − 16 per /28 prefix (3)
    assert.equal(await h.available(w.vswitch.id), 252 - 4 - 16 * 3)
    const byV6 = await describeNetworkInterfaces(h.ctx, h.caller, {
      regionId,
      ipv6Addresses: ['2408:4000:0:1::ABC', 'not-an-address'],
    })
    assert.deepEqual(
      byV6.items.map((e) => e.id),
      [b.id],
    )
  })

  t.it('AssignIpv6Addresses: counted and chosen; Unassign gives them back', async (h) => {
    const w = await dualStack(h)
    const eni = await h.eni(w)
    const counted = await assign6(h, eni.id, { ipv6AddressCount: 4 })
    assert.equal(counted.ipv6Addresses.length, 4)
    assert.equal(new Set(counted.ipv6Addresses).size, 4)
    assert.deepEqual(counted.ipv6Prefixes, [])
    const chosen = await assign6(h, eni.id, { ipv6Addresses: ['2408:4000:0:1::10'] })
    assert.deepEqual(chosen.ipv6Addresses, ['2408:4000:0:1::10'])
    const prefixes = await assign6(h, eni.id, { ipv6PrefixCount: 1 })
    assert.equal(prefixes.ipv6Prefixes.length, 1)
    const view = await h.getEni(eni.id)
    assert.deepEqual(view.ipv6Addresses, [...counted.ipv6Addresses, '2408:4000:0:1::10'])
    assert.deepEqual(view.ipv6Prefixes, prefixes.ipv6Prefixes)
    await unassign6(h, eni.id, {
      ipv6Addresses: ['2408:4000:0:1:0::10', counted.ipv6Addresses[0]],
      ipv6Prefixes: prefixes.ipv6Prefixes,
    })
    const after = await h.getEni(eni.id)
    assert.deepEqual(after.ipv6Addresses, counted.ipv6Addresses.slice(1))
    assert.deepEqual(after.ipv6Prefixes, [])
    // freed: another ENI takes the address, and the /80 it sat in as a prefix
    const other = await h.eni(w)
    await assign6(h, other.id, { ipv6Addresses: ['2408:4000:0:1::10'] })
    await unassign6(h, other.id, { ipv6Addresses: ['2408:4000:0:1::10'] })
    await assign6(h, other.id, { ipv6Prefixes: prefixes.ipv6Prefixes })
  })

  t.it('ClientToken: a repeat returns the first answer and assigns nothing more', async (h) => {
    const w = await dualStack(h)
    const eni = await h.eni(w)
    const first = await assign6(h, eni.id, { ipv6AddressCount: 2, clientToken: 'v6-1' })
    const again = await assign6(h, eni.id, { ipv6AddressCount: 2, clientToken: 'v6-1' })
    assert.deepEqual(again, first)
    assert.equal((await h.getEni(eni.id)).ipv6Addresses.length, 2)
    await h.rejects(
      () => assign6(h, eni.id, { ipv6AddressCount: 3, clientToken: 'v6-1' }),
      'IdempotentParameterMismatch',
      400,
    )
    await unassign6(h, eni.id, { ipv6Addresses: first.ipv6Addresses, clientToken: 'u6-1' })
    await unassign6(h, eni.id, { ipv6Addresses: first.ipv6Addresses, clientToken: 'u6-1' })
    assert.deepEqual((await h.getEni(eni.id)).ipv6Addresses, [])
  })

  t.it(
    'IPv4 prefixes: assign by count and by choice, unassign, 16 addresses each',
    { allocation: 'sequential' },
    async (h) => {
      const w = await dualStack(h)
      const eni = await h.eni(w)
      const counted = await assign4(h, eni.id, { ipv4PrefixCount: 2 })
      assert.equal(counted.assignedPrefixes.length, 2)
      assert.deepEqual(counted.assigned, [])
      const free = ['192.168.1.16/28', '192.168.1.32/28', '192.168.1.48/28'].find(
        (p) => !counted.assignedPrefixes.includes(p),
      )!
      const chosen = await assign4(h, eni.id, { ipv4Prefixes: [free] })
      assert.deepEqual(chosen.assignedPrefixes, [free])
      assert.equal(await h.available(w.vswitch.id), 252 - 1 - 48)
      // an address inside a prefix cannot be assigned singly, to this or another ENI
      const member = free.replace('/28', '').replace(/\d+$/, (d) => String(Number(d) + 5))
      const other = await h.eni(w)
      await h.rejects(() => h.assignIps(other.id, [member]), 'InvalidIp.IpAssigned', 403)
      await h.rejects(() => h.assignIps(eni.id, [member]), 'InvalidIp.IpAssigned', 403)
      await h.rejects(
        () => assign4(h, other.id, { ipv4Prefixes: [free] }),
        'InvalidIp.IpAssigned',
        403,
      )
      // a prefix over an address in use is refused too
      const single = (await h.assignIps(other.id, ['192.168.1.200'])).assigned
      assert.deepEqual(single, ['192.168.1.200'])
      await h.rejects(
        () => assign4(h, eni.id, { ipv4Prefixes: ['192.168.1.192/28'] }),
        'InvalidIp.IpAssigned',
        403,
      )
      await unassign4(h, eni.id, { ipv4Prefixes: [free] })
      assert.deepEqual((await h.getEni(eni.id)).ipv4Prefixes, counted.assignedPrefixes)
      assert.deepEqual((await h.assignIps(other.id, [member])).assigned, [member])
      await h.rejects(
        () => unassign4(h, eni.id, { ipv4Prefixes: [free] }),
        'InvalidIp.IpUnassigned',
        403,
      )
      assert.deepEqual(counted.assignedPrefixes, ['192.168.1.16/28', '192.168.1.32/28'])
    },
  )

  t.it('prefix errors: shape, place, repeats, mixing and exhaustion', async (h) => {
    const w = await dualStack(h, '192.168.1.0/26')
    const eni = await h.eni(w)
    const p4 = (more: object) => assign4(h, eni.id, more)
    await h.rejects(() => p4({ ipv4Prefixes: ['192.168.1.8/28'] }), 'InvalidParameter', 400)
    await h.rejects(() => p4({ ipv4Prefixes: ['192.168.1.16/27'] }), 'InvalidParameter', 400)
    await h.rejects(() => p4({ ipv4Prefixes: ['x'] }), 'InvalidParameter', 400)
    // the first and last /28 hold reserved addresses; a /28 outside the vSwitch is invalid
    for (const p of ['192.168.1.0/28', '192.168.1.48/28', '192.168.2.16/28']) {
      await h.rejects(() => p4({ ipv4Prefixes: [p] }), 'InvalidVSwitchId.IpInvalid', 403)
    }
    await h.rejects(
      () => p4({ ipv4Prefixes: ['192.168.1.16/28', '192.168.1.16/28'] }),
      'InvalidIp.IpRepeated',
      403,
    )
    await h.rejects(
      () => p4({ ipv4Prefixes: ['192.168.1.16/28'], ipv4PrefixCount: 1 }),
      'InvalidParameter.Conflict',
      400,
    )
    await h.rejects(
      () => p4({ ipv4PrefixCount: 1, secondaryPrivateIpAddressCount: 1 }),
      'InvalidParameter.Conflict',
      400,
    )
    await h.rejects(() => p4({ ipv4PrefixCount: 11 }), 'InvalidParameter', 400)
    // a /26 has two usable /28s; the primary sits in the first → one left
    assert.equal((await p4({ ipv4PrefixCount: 1 })).assignedPrefixes.length, 1)
    await h.rejects(() => p4({ ipv4PrefixCount: 1 }), 'InvalidVSwitchId.IpNotEnough', 403)
    const p6 = (more: object) => assign6(h, eni.id, more)
    await h.rejects(() => p6({ ipv6Prefixes: ['2408:4000:0:1:1::/64'] }), 'InvalidParameter', 400)
    await h.rejects(() => p6({ ipv6Prefixes: ['2408:4000:0:1::1:0/80'] }), 'InvalidParameter', 400)
    for (const p of ['2408:4000:0:1::/80', '2408:4000:0:1:ffff::/80', '2408:4000:0:2:1::/80']) {
      await h.rejects(() => p6({ ipv6Prefixes: [p] }), 'InvalidVSwitchId.IpInvalid', 403)
    }
    await h.rejects(
      () => p6({ ipv6Prefixes: ['2408:4000:0:1:1::/80', '2408:4000:0:1:1:0::/80'] }),
      'InvalidIp.IpRepeated',
      403,
    )
    await h.rejects(
      () => p6({ ipv6PrefixCount: 1, ipv6AddressCount: 1 }),
      'InvalidParameter.Conflict',
      400,
    )
    await h.rejects(
      () => p6({ ipv6PrefixCount: 1, ipv6Prefixes: ['2408:4000:0:1:1::/80'] }),
      'InvalidParameter.Conflict',
      400,
    )
    await p6({ ipv6Addresses: ['2408:4000:0:1:3::9'] })
    await h.rejects(
      () => p6({ ipv6Prefixes: ['2408:4000:0:1:3::/80'] }),
      'InvalidIp.IpAssigned',
      403,
    )
    await p6({ ipv6Prefixes: ['2408:4000:0:1:4::/80'] })
    const other = await h.eni(w)
    await h.rejects(
      () => assign6(h, other.id, { ipv6Addresses: ['2408:4000:0:1:4::77'] }),
      'InvalidIp.IpAssigned',
      403,
    )
  })

  t.it('IPv6 address errors on assign and unassign', async (h) => {
    const w = await dualStack(h)
    const eni = await h.eni(w, { ipv6Addresses: ['2408:4000:0:1::20'] })
    const a6 = (more: object) => assign6(h, eni.id, more)
    for (const bad of ['abc', '2408::g', '192.168.1.9', '2408:4000:0:1::/64']) {
      await h.rejects(() => a6({ ipv6Addresses: [bad] }), 'InvalidIp.Address', 403)
      await h.rejects(
        () => unassign6(h, eni.id, { ipv6Addresses: [bad] }),
        'InvalidIp.Address',
        403,
      )
    }
    await h.rejects(
      () => a6({ ipv6Addresses: ['2408:4000:0:1::30', '2408:4000:0:1:0::30'] }),
      'InvalidIp.IpRepeated',
      403,
    )
    for (const outside of ['2408:4000:0:2::30', '2408:4000:0:1::', '2408:4000:0:1::1']) {
      await h.rejects(() => a6({ ipv6Addresses: [outside] }), 'InvalidVSwitchId.IpInvalid', 403)
    }
    await h.rejects(() => a6({ ipv6Addresses: ['2408:4000:0:1::20'] }), 'InvalidIp.IpAssigned', 403)
    await h.rejects(
      () => a6({ ipv6Addresses: ['2408:4000:0:1::30'], ipv6AddressCount: 1 }),
      'InvalidParameter.Conflict',
      400,
    )
    await h.rejects(() => a6({ ipv6AddressCount: 0 }), 'InvalidParameter', 400)
    await h.rejects(() => a6({ ipv6AddressCount: 11 }), 'InvalidParameter', 400)
    await h.rejects(() => a6({}), 'MissingParameter', 400)
    await h.rejects(() => unassign6(h, eni.id, {}), 'MissingParameter', 400)
    await h.rejects(
      () => unassign6(h, eni.id, { ipv6Addresses: ['2408:4000:0:1::21'] }),
      'InvalidIp.IpUnassigned',
      403,
    )
    await h.rejects(
      () => unassign6(h, eni.id, { ipv6Prefixes: ['2408:4000:0:1:9::/80'] }),
      'InvalidIp.IpUnassigned',
      403,
    )
    await h.rejects(
      () => assign6(h, 'eni-bp1nope00000000000', { ipv6AddressCount: 1 }),
      'InvalidEniId.NotFound',
      404,
    )
    // an IPv4-only vSwitch
    const v4 = await h.world({ vpcCidr: '10.0.0.0/8', vswitchCidr: '10.1.0.0/24' })
    const plain = await h.eni(v4)
    await h.rejects(
      () => assign6(h, plain.id, { ipv6AddressCount: 1 }),
      'InvalidVSwitch.Ipv6NotTurnOn',
      403,
    )
    await h.rejects(
      () => h.eni(v4, { ipv6Prefixes: ['2408:4000:0:1:5::/80'] }),
      'InvalidVSwitch.Ipv6NotTurnOn',
      403,
    )
    await h.rejects(() => h.eni(v4, { ipv6AddressCount: 1 }), 'InvalidVSwitch.Ipv6NotTurnOn', 403)
  })

  t.it(
    'caps: 10 IPv6 slots when Available, the type when attached; prefixes take slots',
    async (h) => {
      const w = await dualStack(h)
      const eni = await h.eni(w, { ipv6AddressCount: 8 })
      await assign6(h, eni.id, { ipv6PrefixCount: 2 })
      await h.rejects(
        () => assign6(h, eni.id, { ipv6AddressCount: 1 }),
        'InvalidOperation.Ipv6CountExceeded',
        403,
      )
      await h.rejects(
        () => h.eni(w, { ipv6AddressCount: 6, ipv6PrefixCount: 5 }),
        'InvalidParameter.Conflict',
        400,
      )
      // IPv4: seed profile, 10 secondary slots when Available; a /28 is one slot
      const v4 = await h.eni(w, { ipv4PrefixCount: 10 })
      await h.rejects(
        () => assign4(h, v4.id, { ipv4PrefixCount: 1 }),
        'InvalidOperation.Ipv4CountExceeded',
        403,
      )
      await h.rejects(() => h.assignCount(v4.id, 1), 'InvalidOperation.Ipv4CountExceeded', 403)
      // attached to g6.large: 1 IPv6 per ENI → attaching an ENI with 2 is refused
      const instance = await h.instance(w, 'ecs.g6.large')
      const two = await h.eni(w, { ipv6AddressCount: 2 })
      await h.rejects(() => h.attach(two.id, instance), 'InvalidOperation.Ipv6CountExceeded', 403)
      const one = await h.eni(w, { ipv6AddressCount: 1 })
      await h.attach(one.id, instance)
      await h.rejects(
        () => assign6(h, one.id, { ipv6AddressCount: 1 }),
        'InvalidOperation.Ipv6CountExceeded',
        403,
      )
      // a type without IPv6
      const ic5 = await h.instance(w, 'ecs.ic5.large')
      await h.rejects(() => h.attach(two.id, ic5), 'InvalidOperation.Ipv6NotSupport', 403)
      const bare = await h.eni(w)
      await h.attach(bare.id, ic5)
      await h.rejects(
        () => assign6(h, bare.id, { ipv6AddressCount: 1 }),
        'InvalidOperation.Ipv6NotSupport',
        403,
      )
    },
  )

  t.it('a deleted ENI gives its addresses and prefixes back', async (h) => {
    const w = await dualStack(h)
    const eni = await h.eni(w, { ipv4Prefixes: ['192.168.1.16/28'] })
    await assign6(h, eni.id, { ipv6Prefixes: ['2408:4000:0:1:2::/80'] })
    const other = await h.eni(w)
    await assign6(h, other.id, { ipv6Addresses: ['2408:4000:0:1:3::1'] })
    const before = await h.available(w.vswitch.id)
    await deleteNetworkInterface(h.ctx, h.caller, { regionId, networkInterfaceId: eni.id })
    await h.settle()
    assert.equal(await h.available(w.vswitch.id), before + 17)
    const again = await h.eni(w, { ipv4Prefixes: ['192.168.1.16/28'] })
    await assign6(h, again.id, { ipv6Prefixes: ['2408:4000:0:1:2::/80'] })
  })

  t.it('RunInstances gives the primary ENI IPv6 addresses (chosen or counted)', async (h) => {
    const w = await dualStack(h)
    const counted = await h.instance(w, 'ecs.g8i.large', { ipv6AddressCount: 2 })
    const a = await h.primaryEniOf(counted)
    assert.equal(a.ipv6Addresses.length, 2)
    assert.ok(a.ipv6Addresses.every(inV6))
    const chosen = await h.instance(w, 'ecs.g8i.large', { ipv6Addresses: ['2408:4000:0:1::77'] })
    assert.deepEqual((await h.primaryEniOf(chosen)).ipv6Addresses, ['2408:4000:0:1::77'])
    // The primary ENI is attached: its IPv6 cap is the type's (6 on ecs.g8i.large).
    await assign6(h, a.id, { ipv6AddressCount: 4 })
    await h.rejects(
      () => assign6(h, a.id, { ipv6AddressCount: 1 }),
      'InvalidOperation.Ipv6CountExceeded',
      403,
    )
  })

  t.it('RunInstances IPv6 refusals change nothing', async (h) => {
    const w = await dualStack(h)
    const v4only = await h.world({ vpcCidr: '10.0.0.0/16', vswitchCidr: '10.0.1.0/24' })
    const run = (world: World, type: string, more: object) => () => h.instance(world, type, more)
    await h.rejects(
      run(v4only, 'ecs.g8i.large', { ipv6AddressCount: 1 }),
      'InvalidVSwitch.Ipv6NotTurnOn',
      403,
    )
    await h.rejects(
      run(w, 'ecs.n4.large', { ipv6AddressCount: 1 }),
      'InvalidOperation.Ipv6NotSupport',
      403,
    )
    await h.rejects(
      run(w, 'ecs.g8i.large', { ipv6AddressCount: 7 }),
      'InvalidOperation.Ipv6CountExceeded',
      403,
    )
    await h.rejects(
      run(w, 'ecs.g8i.large', { ipv6Addresses: ['2408:4000:0:1::1'] }),
      'InvalidVSwitchId.IpInvalid',
      403,
    )
    await h.rejects(
      run(w, 'ecs.g8i.large', { ipv6Addresses: ['2408:4000:0:1::9'], amount: 2 }),
      'InvalidParameter',
      400,
    )
    await h.rejects(
      run(w, 'ecs.g8i.large', { ipv6Addresses: ['2408:4000:0:1::9'], ipv6AddressCount: 1 }),
      'InvalidParameter.Conflict',
      400,
    )
  })

  // Here the message is the feature: it says what is reserved, and how a /28 counts.
  t.it('reserved IPv6 addresses and /80s, and /28 slots, are named as such', async (h) => {
    const w = await dualStack(h)
    const eni = await h.eni(w)
    for (const reserved of ['2408:4000:0:1::1', '2408:4000:0:1:ffff:ffff:ffff:ffff']) {
      const e = await h.rejects(
        () => assign6(h, eni.id, { ipv6Addresses: [reserved] }),
        'InvalidVSwitchId.IpInvalid',
        403,
      )
      assert.ok(e.message.includes(`"${reserved}" is reserved`), e.message)
      assert.ok(e.message.includes('::1 (its gateway)'), e.message)
    }
    const outside = await h.rejects(
      () => assign6(h, eni.id, { ipv6Addresses: ['2408:4000:0:2::5'] }),
      'InvalidVSwitchId.IpInvalid',
      403,
    )
    assert.ok(outside.message.includes('outside the block'), outside.message)
    const block = await h.rejects(
      () => assign6(h, eni.id, { ipv6Prefixes: ['2408:4000:0:1::/80'] }),
      'InvalidVSwitchId.IpInvalid',
      403,
    )
    assert.ok(block.message.includes('is reserved'), block.message)
    const v4 = await h.rejects(
      () => assign4(h, eni.id, { ipv4Prefixes: ['192.168.1.240/28'] }),
      'InvalidVSwitchId.IpInvalid',
      403,
    )
    assert.ok(v4.message.includes('192.168.1.253, 192.168.1.254, 192.168.1.255'), v4.message)
    await assign4(h, eni.id, { ipv4PrefixCount: 2 })
    await h.assignCount(eni.id, 8)
    const full = await h.rejects(
      () => h.assignCount(eni.id, 1),
      'InvalidOperation.Ipv4CountExceeded',
      403,
    )
    assert.ok(
      full.message.includes('It has 10 (2 of them /28 prefixes, one slot each)'),
      full.message,
    )
  })
})
