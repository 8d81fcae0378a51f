import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  canonicalIpv6Prefix,
  ipv4PrefixMembers,
  ipv4PrefixProblem,
  ipv6PrefixProblem,
} from './prefix-checks.js'

const none = new Map<string, string>()

describe('ipv4PrefixProblem (vSwitch 192.168.1.0/24)', () => {
  const ctx = {
    cidrText: '192.168.1.0/24',
    taken: new Map([['192.168.1.64/28', 'assigned to this ENI']]),
    addresses: new Map([
      ['192.168.1.100', "this ENI's primary address"],
      ['192.168.1.130', 'typed in New IP 1'],
    ]),
  }
  const cases: ReadonlyArray<readonly [string, string | RegExp | undefined]> = [
    ['192.168.1.32/28', undefined],
    ['192.168.1.16/28', undefined],
    ['192.168.1.224/28', undefined],
    ['192.168.1.32', /^Enter a \/28 such as 192\.168\.1\.32\/28, or leave/],
    ['192.168.1.32/', /^Enter a \/28/],
    ['192.168.1.320/28', /^Enter a \/28/],
    ['192.168.1.32/33', /^Enter a \/28/],
    ['192.168.1.32/27', 'An IPv4 prefix is a /28 (16 addresses); 192.168.1.32/27 is a /27.'],
    [
      '192.168.1.33/28',
      '192.168.1.33/28 is not aligned: a /28 starts at a multiple of 16, such as 192.168.1.32/28 or 192.168.1.48/28.',
    ],
    ['192.168.1.40/28', /^192\.168\.1\.40\/28 is not aligned/],
    ['192.168.2.32/28', 'Not inside the IPv4 private CIDR 192.168.1.0/24.'],
    ['10.0.0.0/28', 'Not inside the IPv4 private CIDR 192.168.1.0/24.'],
    [
      '192.168.1.0/28',
      '192.168.1.0/28 holds 192.168.1.0, a reserved address: the first and the last three addresses of 192.168.1.0/24 cannot be in a prefix.',
    ],
    ['192.168.1.240/28', /^192\.168\.1\.240\/28 holds 192\.168\.1\.253, a reserved address/],
    ['192.168.1.64/28', '192.168.1.64/28 is already assigned to this ENI.'],
    ['192.168.1.96/28', "192.168.1.96/28 holds 192.168.1.100, this ENI's primary address."],
    ['192.168.1.128/28', '192.168.1.128/28 holds 192.168.1.130, typed in New IP 1.'],
  ]
  for (const [text, want] of cases) {
    test(`${text} → ${typeof want === 'string' ? want : (want?.source ?? 'ok')}`, () => {
      const got = ipv4PrefixProblem(text, ctx)
      if (want === undefined) assert.equal(got, undefined)
      else if (typeof want === 'string') assert.equal(got, want)
      else assert.match(got ?? '', want)
    })
  }

  test('a /28 at the edge of a small vSwitch that would spill out is outside', () => {
    const small = { cidrText: '10.0.0.0/28', taken: none, addresses: none }
    assert.match(ipv4PrefixProblem('10.0.0.16/28', small) ?? '', /^Not inside/)
    // the only /28 of a /28 vSwitch holds its reserved addresses
    assert.match(ipv4PrefixProblem('10.0.0.0/28', small) ?? '', /reserved address/)
  })
})

test('ipv4PrefixMembers lists the 16 addresses of an aligned /28 only', () => {
  const members = ipv4PrefixMembers('192.168.1.32/28')
  assert.equal(members.length, 16)
  assert.equal(members[0], '192.168.1.32')
  assert.equal(members[15], '192.168.1.47')
  assert.deepEqual(ipv4PrefixMembers('192.168.1.33/28'), [])
  assert.deepEqual(ipv4PrefixMembers('192.168.1.32/27'), [])
})

describe('ipv6PrefixProblem (vSwitch 2408:4000:0:1::/64)', () => {
  const ctx = {
    cidrText: '2408:4000:0:1::/64',
    taken: new Map([['2408:4000:0:1:7::/80', 'assigned to this ENI']]),
    addresses: new Map([['2408:4000:0:1:9::20', 'assigned to this ENI']]),
  }
  const cases: ReadonlyArray<readonly [string, string | RegExp | undefined]> = [
    ['2408:4000:0:1:5::/80', undefined],
    ['2408:4000:0:1:5:0:0:0/80', undefined],
    ['2408:4000:0:1:FFFE::/80', undefined],
    ['2408:4000:0:1:5::', /^Enter a \/80 such as 2408:4000:0:1:5::\/80, or leave/],
    ['2408:4000:0:1:5::/800', /^Enter a \/80/],
    ['2408:4000:0:1:5::/64', 'An IPv6 prefix is a /80; 2408:4000:0:1:5::/64 is a /64.'],
    [
      '2408:4000:0:1:5::1/80',
      '2408:4000:0:1:5::1/80 is not aligned: the last 48 bits of a /80 are zero, such as 2408:4000:0:1:5::/80.',
    ],
    ['2408:4000:0:2:5::/80', "Not inside the vSwitch's IPv6 CIDR 2408:4000:0:1::/64."],
    ['2408:3fff:0:1:5::/80', "Not inside the vSwitch's IPv6 CIDR 2408:4000:0:1::/64."],
    ['2408:4000:0:1::/80', /^2408:4000:0:1::\/80 holds a reserved address/],
    ['2408:4000:0:1:ffff::/80', /^2408:4000:0:1:ffff::\/80 holds a reserved address/],
    ['2408:4000:0:1:7:0::/80', '2408:4000:0:1:7::/80 is already assigned to this ENI.'],
    [
      '2408:4000:0:1:9::/80',
      '2408:4000:0:1:9::/80 holds 2408:4000:0:1:9::20, assigned to this ENI.',
    ],
  ]
  for (const [text, want] of cases) {
    test(`${text} → ${typeof want === 'string' ? want : (want?.source ?? 'ok')}`, () => {
      const got = ipv6PrefixProblem(text, ctx)
      if (want === undefined) assert.equal(got, undefined)
      else if (typeof want === 'string') assert.equal(got, want)
      else assert.match(got ?? '', want)
    })
  }
})

test('canonicalIpv6Prefix gives one key per /80 however it is spelt', () => {
  assert.equal(canonicalIpv6Prefix('2408:4000:0:1:5:0:0:0/80'), '2408:4000:0:1:5::/80')
  assert.equal(canonicalIpv6Prefix('not a prefix'), 'not a prefix')
})
