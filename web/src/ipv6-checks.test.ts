import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ipv6AddressProblem, ipv6PrefixOf, parseIpv6 } from './ipv6-checks.js'

const CIDR = '2408:4000:0:1::/64'
const none = new Map<string, string>()
const ctx = (
  taken: ReadonlyMap<string, string> = none,
  prefixes: ReadonlyMap<string, string> = none,
) => ({ cidrText: CIDR, taken, prefixes })

describe('ipv6AddressProblem', () => {
  const cases: ReadonlyArray<readonly [string, RegExp | undefined]> = [
    ['2408:4000:0:1::20', undefined],
    ['2408:4000:0:1:ffff:ffff:ffff:fffe', undefined],
    ['2408:4000:0000:0001:0000:0000:0000:0abc', undefined],
    ['2408:4000:0:1::ABC', undefined],
    ['', /^Enter an IPv6 address such as 2408:4000:0:1::20,/],
    ['2408:4000:0:1::/64', /^Enter an IPv6 address/],
    ['2408:4000:0:1::g', /^Enter an IPv6 address/],
    ['2408:4000:0:1:1:2:3:4:5', /^Enter an IPv6 address/],
    ['2408::1::2', /^Enter an IPv6 address/],
    ['192.168.1.5', /^Enter an IPv6 address/],
    ['2408:4000:0:2::20', /^Not inside the vSwitch's IPv6 CIDR 2408:4000:0:1::\/64\.$/],
    ['2408:4000:0:1::', /^2408:4000:0:1:: is reserved \(the subnet-router anycast address\)/],
    ['2408:4000:0:1::1', /^2408:4000:0:1::1 is reserved \(the gateway\)/],
    ['2408:4000:0:1:ffff:ffff:ffff:ffff', /is reserved \(the all-ones address\)/],
  ]
  for (const [text, want] of cases) {
    test(`${JSON.stringify(text)} → ${want?.source ?? 'ok'}`, () => {
      const got = ipv6AddressProblem(text, ctx())
      if (want === undefined) assert.equal(got, undefined)
      else assert.match(got ?? '', want)
    })
  }

  test('a duplicate is found in any spelling and named canonically', () => {
    const taken = new Map([['2408:4000:0:1::20', 'assigned to this ENI']])
    assert.equal(
      ipv6AddressProblem('2408:4000:0:1:0:0:0:20', ctx(taken)),
      '2408:4000:0:1::20 is already assigned to this ENI.',
    )
  })

  test('an address inside one of the ENI’s /80 prefixes is refused', () => {
    const prefixes = new Map([['2408:4000:0:1:5::/80', 'a /80 prefix of this ENI']])
    assert.equal(
      ipv6AddressProblem('2408:4000:0:1:5:0:0:9', ctx(none, prefixes)),
      '2408:4000:0:1:5::9 is inside 2408:4000:0:1:5::/80, a /80 prefix of this ENI.',
    )
    assert.equal(ipv6AddressProblem('2408:4000:0:1:6::9', ctx(none, prefixes)), undefined)
  })

  test('without a known /64 only the shape is checked', () => {
    const loose = { cidrText: '', taken: none, prefixes: none }
    assert.equal(ipv6AddressProblem('2001:db8::1', loose), undefined)
    assert.match(ipv6AddressProblem('nope', loose) ?? '', /such as 2408:4000:0:1::20/)
  })
})

test('ipv6PrefixOf gives the /80 holding an address', () => {
  assert.equal(ipv6PrefixOf(parseIpv6('2408:4000:0:1:5:6:7:8') ?? 0n), '2408:4000:0:1:5::/80')
  assert.equal(ipv6PrefixOf(parseIpv6('2408:4000:0:1::1') ?? 0n), '2408:4000:0:1::/80')
})
