// IPv6 addresses and delegated prefixes in the renderers: the IPv6 text helpers, validation of
// the new inputs, and rules every target keeps (no DAD wait, /64 addresses, prefixes as local
// ranges, IPv6 policy routing only on secondary ENIs, revoke removes exactly what was revoked).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { InterfaceDescription, RenderRequest } from './interface-description.js'
import { canonicalIpv6, compareIpv6, parseIpv6, parseIpv6Cidr } from './ipv6.js'
import { GUEST_OS_TARGETS, renderGuestConfig } from './render.js'
import { planRender } from './render-plan.js'

const ETH0: InterfaceDescription = {
  deviceName: 'eth0',
  deviceIndex: 0,
  macAddress: '00:16:3e:00:00:01',
  primaryIp: '192.168.0.10',
  secondaryIps: [],
  prefixLength: 24,
  netmask: '255.255.255.0',
  gateway: '192.168.0.253',
  vswitchCidr: '192.168.0.0/24',
  vswitchIpv6Cidr: '2408:4000:0:6a01::/64',
  ipv6Gateway: '2408:4000:0:6a01::1',
}
const add = (o: Partial<InterfaceDescription>): RenderRequest => ({
  iface: { ...ETH0, ...o },
  mode: 'add',
})
const text = (os: (typeof GUEST_OS_TARGETS)[number]['os'], req: RenderRequest) =>
  renderGuestConfig(os, req)
    .map((f) => f.content)
    .join('\n')

describe('IPv6 text helpers', () => {
  it('parses and prints RFC 5952 forms', () => {
    const cases: [string, string][] = [
      ['2408:4000:0:6A01:0:0:0:1A2B', '2408:4000:0:6a01::1a2b'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['::', '::'],
      ['::1', '::1'],
      ['fe80::', 'fe80::'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ]
    for (const [input, canonical] of cases) assert.equal(canonicalIpv6(input), canonical, input)
    for (const bad of [
      '',
      ':',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      '12345::',
      'g::1',
      '::ffff:1.2.3.4',
    ]) {
      assert.equal(parseIpv6(bad), undefined, bad)
    }
    assert.ok(compareIpv6('2408::2', '2408::10') < 0)
    assert.equal(parseIpv6Cidr('2408:4000:0:6a01:1a2b::/80')?.prefixLength, 80)
    assert.equal(parseIpv6Cidr('2408:4000:0:6a01:1a2b::1/80'), undefined)
  })
})

describe('IPv6 and prefix plan', () => {
  it('canonicalises, sorts and splits kept and revoked entries', () => {
    const plan = planRender({
      iface: {
        ...ETH0,
        secondaryIps: ['192.168.0.11'],
        ipv6Addresses: ['2408:4000:0:6a01::10', '2408:4000:0:6A01::2'],
        ipv4Prefixes: ['192.168.0.48/28', '192.168.0.32/28'],
        ipv6Prefixes: ['2408:4000:0:6a01:1a2b::/80'],
      },
      mode: 'revoke',
      revoked: ['192.168.0.11', '2408:4000:0:6a01::2', '192.168.0.48/28'],
    })
    assert.deepEqual(plan.ipv6.keep, ['2408:4000:0:6a01::10'])
    assert.deepEqual(plan.ipv6.revoke, ['2408:4000:0:6a01::2'])
    assert.deepEqual(
      plan.prefixes.keep.map((p) => p.cidr),
      ['192.168.0.32/28', '2408:4000:0:6a01:1a2b::/80'],
    )
    assert.deepEqual(
      plan.prefixes.revoke.map((p) => p.cidr),
      ['192.168.0.48/28'],
    )
    assert.deepEqual(
      plan.revoke.map((a) => a.ip),
      ['192.168.0.11'],
    )
  })

  const rejects: [string, RenderRequest][] = [
    ['an IPv6 address outside the /64', add({ ipv6Addresses: ['2408:4000:0:6a02::10'] })],
    ['a malformed IPv6 address', add({ ipv6Addresses: ['2408::10; reboot'] })],
    [
      'IPv6 without the vSwitch /64',
      add({
        vswitchIpv6Cidr: undefined,
        ipv6Addresses: ['2408::1'],
      } as unknown as Partial<InterfaceDescription>),
    ],
    ['a /64 that is not one', add({ vswitchIpv6Cidr: '2408:4000:0:6a00::/56' })],
    ['the IPv6 gateway as an address', add({ ipv6Addresses: ['2408:4000:0:6a01::1'] })],
    ['a misaligned /28', add({ ipv4Prefixes: ['192.168.0.33/28'] })],
    ['a /27 as a prefix', add({ ipv4Prefixes: ['192.168.0.32/27'] })],
    ['a /28 outside the vSwitch', add({ ipv4Prefixes: ['192.168.1.32/28'] })],
    ['an IPv6 prefix among IPv4 prefixes', add({ ipv4Prefixes: ['2408:4000:0:6a01:1a2b::/80'] })],
    ['a misaligned /80', add({ ipv6Prefixes: ['2408:4000:0:6a01:1a2b::1/80'] })],
    ['a /80 outside the /64', add({ ipv6Prefixes: ['2408:4000:0:6a02:1a2b::/80'] })],
    [
      'IPv6 on a secondary ENI without gateway',
      add({
        deviceName: 'eth1',
        deviceIndex: 1,
        ipv6Gateway: undefined,
        ipv6Addresses: ['2408:4000:0:6a01::10'],
      } as unknown as Partial<InterfaceDescription>),
    ],
    ['revoking junk', { iface: ETH0, mode: 'revoke', revoked: ['x::y::z'] }],
  ]
  for (const [what, req] of rejects) {
    it(`rejects ${what}`, () => {
      // exactOptionalPropertyTypes: an explicit undefined stands for an absent field here
      const iface = Object.fromEntries(
        Object.entries(req.iface).filter(([, v]) => v !== undefined),
      ) as unknown as InterfaceDescription
      assert.throws(() => planRender({ ...req, iface }), RangeError)
    })
  }
})

describe('IPv6 and prefixes on every target', () => {
  const dual = add({
    ipv6Addresses: ['2408:4000:0:6a01::10', '2408:4000:0:6a01::1a2b'],
    ipv4Prefixes: ['192.168.0.32/28'],
    ipv6Prefixes: ['2408:4000:0:6a01:1a2b::/80'],
  })
  const secondary: RenderRequest = {
    ...dual,
    iface: { ...dual.iface, deviceName: 'eth1', deviceIndex: 1, primaryIp: '192.168.0.20' },
  }

  it('every target configures each IPv6 address with the /64 and without waiting for DAD', () => {
    const noDad: Record<string, RegExp> = {
      ip: /nodad/,
      debian: /dad-attempts 0/,
      networkd: /DuplicateAddressDetection=none/,
      windows: /-DadTransmits 0/,
      netsh: /dadtransmits=0/,
    }
    for (const { os } of GUEST_OS_TARGETS) {
      const out = text(os, dual)
      for (const ip of ['2408:4000:0:6a01::10', '2408:4000:0:6a01::1a2b']) {
        assert.match(out, new RegExp(`${ip.replaceAll(':', ':')}(/64|\\b)`), `${os} ${ip}`)
      }
      assert.match(out, noDad[os] ?? /accept_dad = 0|accept_dad=0/, os)
      assert.doesNotMatch(out, /2408:4000:0:6a01::10\/(?!64)\d+/, os)
    }
  })

  it('Linux targets make each prefix a local range; Windows names it', () => {
    for (const { os } of GUEST_OS_TARGETS) {
      const out = text(os, dual)
      for (const prefix of ['192.168.0.32/28', '2408:4000:0:6a01:1a2b::/80']) {
        assert.ok(out.includes(prefix), `${os} ${prefix}`)
      }
      if (os === 'windows' || os === 'netsh') assert.match(out, /delegated/, os)
      else assert.match(out, /local|type=local|Type=local/, os)
    }
  })

  it('IPv6 policy routing only on a secondary ENI, with /128 rules and the IPv6 gateway', () => {
    for (const os of ['ip', 'rhel-ipaddrn', 'nm-keyfile', 'nmcli', 'networkd', 'sles'] as const) {
      assert.doesNotMatch(text(os, dual), /1001/, os)
      const out = text(os, secondary)
      assert.match(out, /2408:4000:0:6a01::10\/128/, os)
      assert.match(out, /2408:4000:0:6a01::1\b/, os)
      assert.match(out, /from 2408:4000:0:6a01:1a2b::\/80|From=2408:4000:0:6a01:1a2b::\/80/, os)
    }
  })

  it('revoke removes exactly the revoked IPv6 address and prefix', () => {
    const revoke: RenderRequest = {
      iface: { ...dual.iface, ipv6Addresses: ['2408:4000:0:6a01::10'], ipv4Prefixes: [] },
      mode: 'revoke',
      revoked: ['2408:4000:0:6a01::1a2b', '192.168.0.32/28'],
    }
    const ip = text('ip', revoke)
    assert.equal(
      ip,
      [
        'ip -6 addr del 2408:4000:0:6a01::1a2b/64 dev eth0',
        'ip -4 route del local 192.168.0.32/28 dev eth0',
        '',
      ].join('\n'),
    )
    for (const { os } of GUEST_OS_TARGETS) {
      if (os === 'rhel-nm' || os === 'nm-keyfile') {
        // the whole profile is rewritten; `nmcli device reapply` drops what it no longer lists
        const profile = text(os, revoke)
        assert.ok(!profile.includes('::1a2b/') && !profile.includes('192.168.0.32/28'), os)
        assert.ok(profile.includes('2408:4000:0:6a01::10/64'), os)
        continue
      }
      const scripts = renderGuestConfig(os, revoke).filter((f) => f.mode === 'commands')
      const all = scripts.map((f) => f.content).join('\n')
      assert.ok(all.includes('2408:4000:0:6a01::1a2b'), os)
      assert.ok(!/del\S* .*2408:4000:0:6a01::10\b/.test(all), os)
      assert.ok(!/del\S* .*2408:4000:0:6a01:1a2b::\/80/.test(all), os)
    }
  })
})
