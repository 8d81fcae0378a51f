import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  ipv6BlockAt,
  ipv6IndexProblem,
  parseIpv6Index,
  suggestIpv6Index,
} from './vswitch-ipv6-index.js'

const VPC = '2408:4000::/56'

test('ipv6BlockAt: the index-th /64 of the VPC /56', () => {
  assert.equal(ipv6BlockAt(VPC, 0), '2408:4000::/64')
  assert.equal(ipv6BlockAt(VPC, 1), '2408:4000:0:1::/64')
  assert.equal(ipv6BlockAt(VPC, 255), '2408:4000:0:ff::/64')
  assert.equal(ipv6BlockAt('2408:4000:0:100::/56', 2), '2408:4000:0:102::/64')
  assert.equal(ipv6BlockAt(VPC, 256), undefined)
  assert.equal(ipv6BlockAt(VPC, -1), undefined)
  assert.equal(ipv6BlockAt(VPC, 1.5), undefined)
  assert.equal(ipv6BlockAt('', 1), undefined)
  assert.equal(ipv6BlockAt('2408:4000::/60', 16), undefined, 'a /60 has 16 /64s')
})

test('parseIpv6Index takes whole numbers 0–255 only', () => {
  assert.equal(parseIpv6Index('0'), 0)
  assert.equal(parseIpv6Index(' 17 '), 17)
  assert.equal(parseIpv6Index('255'), 255)
  for (const bad of ['', '256', '-1', '01', '1.0', 'a', '1e2']) {
    assert.equal(parseIpv6Index(bad), undefined, bad)
  }
})

test('ipv6IndexProblem: shape, then the sibling that has the /64', () => {
  const taken = new Map([['2408:4000:0:1::/64', 'vsw-one']])
  assert.equal(ipv6IndexProblem('2', VPC, taken), undefined)
  assert.equal(
    ipv6IndexProblem('1', VPC, taken),
    '2408:4000:0:1::/64 is already the IPv6 CIDR of vsw-one.',
  )
  assert.equal(
    ipv6IndexProblem('300', VPC, taken),
    'Enter the /64 index as a whole number from 0 to 255.',
  )
  assert.equal(
    ipv6IndexProblem('20', '2408:4000::/60', taken),
    "The VPC's IPv6 block 2408:4000::/60 has no /64 number 20.",
  )
})

test('suggestIpv6Index: the first /64 no vSwitch has', () => {
  assert.equal(suggestIpv6Index(VPC, new Map()), 0)
  const taken = new Map([
    ['2408:4000::/64', 'vsw-a'],
    ['2408:4000:0:1::/64', 'vsw-b'],
    ['2408:4000:0:3::/64', 'vsw-c'],
  ])
  assert.equal(suggestIpv6Index(VPC, taken), 2)
  const full = new Map(
    Array.from({ length: 256 }, (_, i) => [ipv6BlockAt(VPC, i) ?? '', `vsw-${i}`] as const),
  )
  assert.equal(suggestIpv6Index(VPC, full), undefined)
  assert.equal(suggestIpv6Index('', new Map()), undefined)
})
