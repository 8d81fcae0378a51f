import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import {
  canonicalIpv6,
  formatIpv6,
  ipv6BlockOf,
  ipv6GatewayOf,
  isReservedIpv6Block,
  isUsableIpv6,
  parseIpv6,
  parseIpv6Cidr,
  randomIpv6In,
  subBlock,
  subBlockIndex,
} from './ipv6.js'
import { seededRandom } from './seeded-random.js'

const cidr = (s: string) => {
  const c = parseIpv6Cidr(s)
  assert.ok(c, `test CIDR ${s} must parse`)
  return c
}

describe('parseIpv6 / formatIpv6 (RFC 5952)', () => {
  const canonical: [string, string][] = [
    ['2408:4000:0:0:0:0:0:1', '2408:4000::1'],
    ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'],
    ['2001:db8::0:1', '2001:db8::1'],
    ['2001:0db8:0001:0000:0000:0000:0000:0000', '2001:db8:1::'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
  ]
  for (const [input, want] of canonical) {
    test(`${input} → ${want}`, () => assert.equal(canonicalIpv6(input), want))
  }
  const bad = [
    '',
    ':',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7::8',
    '12345::',
    'g::1',
    '::ffff:1.2.3.4',
    'fe80::1%eth0',
    '2408::/64',
    ' ::1',
    '192.168.0.1',
  ]
  for (const s of bad)
    test(`rejects ${JSON.stringify(s)}`, () => assert.equal(parseIpv6(s), undefined))
  test('format rejects out-of-range numbers', () => {
    assert.throws(() => formatIpv6(-1n), RangeError)
    assert.throws(() => formatIpv6(1n << 128n), RangeError)
  })
})

describe('IPv6 blocks', () => {
  test('CIDR parsing needs host bits zero', () => {
    assert.equal(cidr('2408:4000::/40').text, '2408:4000::/40')
    assert.equal(parseIpv6Cidr('2408:4000::1/64'), undefined)
    assert.equal(parseIpv6Cidr('2408:4000::/129'), undefined)
    assert.equal(parseIpv6Cidr('2408:4000::'), undefined)
  })
  test('the k-th /56 of a /40 and the i-th /64 of a /56', () => {
    const pool = cidr('2408:4000::/40')
    assert.equal(subBlock(pool, 56, 0).text, '2408:4000::/56')
    assert.equal(subBlock(pool, 56, 1).text, '2408:4000:0:100::/56')
    assert.equal(subBlock(pool, 56, 65535).text, '2408:4000:ff:ff00::/56')
    assert.throws(() => subBlock(pool, 56, 65536), RangeError)
    const vpc = subBlock(pool, 56, 1)
    assert.equal(subBlock(vpc, 64, 0).text, '2408:4000:0:100::/64')
    assert.equal(subBlock(vpc, 64, 255).text, '2408:4000:0:1ff::/64')
  })
  test('the /80 of an address and its index', () => {
    const vsw = cidr('2408:4000:0:101::/64')
    const ip = parseIpv6('2408:4000:0:101:2:3:4:5')!
    assert.equal(subBlockIndex(vsw, 80, ip), 2)
    assert.equal(ipv6BlockOf(vsw, ip), '2408:4000:0:101:2::/80')
  })
  test('reserved interface IDs: 0, 1 (the gateway) and all-ones; blocks 0 and 65535', () => {
    const vsw = cidr('2408:4000:0:101::/64')
    assert.equal(ipv6GatewayOf(vsw), '2408:4000:0:101::1')
    assert.equal(isUsableIpv6(vsw, vsw.base), false)
    assert.equal(isUsableIpv6(vsw, vsw.base + 1n), false)
    assert.equal(isUsableIpv6(vsw, vsw.base + 2n), true)
    assert.equal(isUsableIpv6(vsw, vsw.base + (1n << 64n) - 1n), false)
    assert.equal(isUsableIpv6(vsw, vsw.base + (1n << 64n)), false)
    assert.equal(isReservedIpv6Block(0), true)
    assert.equal(isReservedIpv6Block(65535), true)
    assert.equal(isReservedIpv6Block(1), false)
  })
  test('random addresses are usable, inside the /64 and reproducible per seed', () => {
    const vsw = cidr('2408:4000:0:101::/64')
    const a = Array.from(
      { length: 100 },
      (
        (r) => () =>
          randomIpv6In(vsw, r)
      )(seededRandom(7)),
    )
    const b = Array.from(
      { length: 100 },
      (
        (r) => () =>
          randomIpv6In(vsw, r)
      )(seededRandom(7)),
    )
    assert.deepEqual(a, b)
    for (const ip of a) assert.ok(isUsableIpv6(vsw, ip))
    assert.equal(new Set(a).size, 100)
    // A source that only yields 0 would pick the reserved ::0 forever; 0 then 1 then more works.
    const seq = [0, 0, 0, 0, 0, 0, 0, 0.5 / 65536]
    let i = 0
    assert.equal(
      formatIpv6(randomIpv6In(vsw, () => seq[i++] ?? 0.001)),
      '2408:4000:0:101:41:41:41:41',
    )
  })
})
