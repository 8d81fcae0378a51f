import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import {
  type Cidr,
  cidrContains,
  cidrContainsIp,
  cidrOverlaps,
  gatewayOf,
  isReserved,
  isUsable,
  maskOf,
  netmaskOf,
  parseCidr,
  reservedOffsets,
  usableCount,
} from './cidr.js'
import { formatIpv4, parseIpv4 } from './ipv4.js'

const cidr = (s: string): Cidr => {
  const c = parseCidr(s)
  assert.ok(c, `test CIDR ${s} must parse`)
  return c
}
const ip = (s: string): number => {
  const n = parseIpv4(s)
  assert.ok(n !== undefined, `test IP ${s} must parse`)
  return n
}

describe('parseCidr', () => {
  const valid: [string, number, number, number][] = [
    ['0.0.0.0/0', 0, 0, 2 ** 32],
    ['10.0.0.0/8', ip('10.0.0.0'), 8, 2 ** 24],
    ['172.16.0.0/12', ip('172.16.0.0'), 12, 2 ** 20],
    ['192.168.0.0/16', ip('192.168.0.0'), 16, 65536],
    ['192.168.1.0/24', ip('192.168.1.0'), 24, 256],
    ['192.168.1.248/29', ip('192.168.1.248'), 29, 8],
    ['128.0.0.0/1', 0x80000000, 1, 2 ** 31],
    ['255.255.255.254/31', 0xfffffffe, 31, 2],
    ['255.255.255.255/32', 0xffffffff, 32, 1],
    ['0.0.0.0/32', 0, 32, 1],
  ]
  for (const [text, base, prefix, size] of valid) {
    test(`parses ${text}`, () => {
      assert.deepEqual(parseCidr(text), { base, prefix, size, text })
    })
  }

  const invalid = [
    '10.0.0.1/24',
    '192.168.1.1/29',
    '11.0.0.0/7',
    '128.0.0.0/0',
    '10.0.0.0/33',
    '10.0.0.0/024',
    '10.0.0.0/-1',
    '10.0.0.0/',
    '10.0.0.0',
    '/24',
    '10.0.0.0/24/24',
    '10.0.0.0/ 24',
    ' 10.0.0.0/24',
    '10.0.0.0/24 ',
    '010.0.0.0/8',
    '10.0.0/24',
    '10.0.0.0/2a',
    '10.0.0.0/+8',
  ]
  for (const text of invalid) {
    test(`rejects ${JSON.stringify(text)}`, () => {
      assert.equal(parseCidr(text), undefined)
    })
  }
})

describe('netmaskOf / maskOf', () => {
  const cases: [number, string][] = [
    [0, '0.0.0.0'],
    [1, '128.0.0.0'],
    [8, '255.0.0.0'],
    [16, '255.255.0.0'],
    [24, '255.255.255.0'],
    [29, '255.255.255.248'],
    [31, '255.255.255.254'],
    [32, '255.255.255.255'],
  ]
  for (const [prefix, mask] of cases) {
    test(`/${prefix} → ${mask}`, () => {
      assert.equal(netmaskOf(prefix), mask)
      assert.ok(maskOf(prefix) >= 0)
    })
  }
  for (const bad of [-1, 33, 1.5]) {
    test(`throws RangeError for prefix ${bad}`, () => {
      assert.throws(() => netmaskOf(bad), RangeError)
    })
  }
})

describe('cidrContains / cidrOverlaps', () => {
  const cases: [string, string, boolean, boolean][] = [
    // outer, inner, contains, overlaps
    ['10.0.0.0/8', '10.1.0.0/16', true, true],
    ['10.0.0.0/8', '10.0.0.0/8', true, true],
    ['10.1.0.0/16', '10.0.0.0/8', false, true],
    ['10.0.0.0/8', '11.0.0.0/8', false, false],
    ['192.168.0.0/16', '192.168.255.248/29', true, true],
    ['192.168.1.0/24', '192.168.2.0/24', false, false],
    ['192.168.1.0/24', '192.168.1.128/25', true, true],
    ['192.168.1.128/25', '192.168.1.0/25', false, false],
    ['0.0.0.0/0', '255.255.255.255/32', true, true],
    ['0.0.0.0/0', '0.0.0.0/0', true, true],
    ['255.255.255.255/32', '0.0.0.0/0', false, true],
    ['128.0.0.0/1', '0.0.0.0/1', false, false],
    ['255.255.255.0/24', '255.255.255.248/29', true, true],
  ]
  for (const [a, b, contains, overlaps] of cases) {
    test(`${a} vs ${b}`, () => {
      assert.equal(cidrContains(cidr(a), cidr(b)), contains)
      assert.equal(cidrOverlaps(cidr(a), cidr(b)), overlaps)
      assert.equal(cidrOverlaps(cidr(b), cidr(a)), overlaps)
    })
  }
})

describe('cidrContainsIp', () => {
  const cases: [string, string, boolean][] = [
    ['192.168.1.0/24', '192.168.1.0', true],
    ['192.168.1.0/24', '192.168.1.255', true],
    ['192.168.1.0/24', '192.168.2.0', false],
    ['192.168.1.0/24', '192.168.0.255', false],
    ['10.0.0.0/8', '10.255.255.255', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['0.0.0.0/0', '255.255.255.255', true],
    ['0.0.0.0/0', '0.0.0.0', true],
    ['255.255.255.255/32', '255.255.255.255', true],
    ['255.255.255.255/32', '255.255.255.254', false],
  ]
  for (const [c, address, expected] of cases) {
    test(`${c} ∋ ${address} is ${expected}`, () => {
      assert.equal(cidrContainsIp(cidr(c), ip(address)), expected)
    })
  }
  test('non-address numbers are never contained', () => {
    for (const n of [-1, 2 ** 32, 0.5, Number.NaN]) {
      assert.equal(cidrContainsIp(cidr('0.0.0.0/0'), n), false)
    }
  })
})

describe('vSwitch rules: gateway, reserved, usable', () => {
  const cases: {
    c: string
    gateway: string
    reserved: string[]
    usable: number
    firstUsable: string
    lastUsable: string
  }[] = [
    {
      c: '10.0.0.0/8',
      gateway: '10.255.255.253',
      reserved: ['10.0.0.0', '10.255.255.253', '10.255.255.254', '10.255.255.255'],
      usable: 2 ** 24 - 4,
      firstUsable: '10.0.0.1',
      lastUsable: '10.255.255.252',
    },
    {
      c: '172.16.0.0/16',
      gateway: '172.16.255.253',
      reserved: ['172.16.0.0', '172.16.255.253', '172.16.255.254', '172.16.255.255'],
      usable: 65532,
      firstUsable: '172.16.0.1',
      lastUsable: '172.16.255.252',
    },
    {
      c: '192.168.1.0/24',
      gateway: '192.168.1.253',
      reserved: ['192.168.1.0', '192.168.1.253', '192.168.1.254', '192.168.1.255'],
      usable: 252,
      firstUsable: '192.168.1.1',
      lastUsable: '192.168.1.252',
    },
    {
      c: '192.168.1.248/29',
      gateway: '192.168.1.253',
      reserved: ['192.168.1.248', '192.168.1.253', '192.168.1.254', '192.168.1.255'],
      usable: 4,
      firstUsable: '192.168.1.249',
      lastUsable: '192.168.1.252',
    },
    {
      c: '255.255.255.248/29',
      gateway: '255.255.255.253',
      reserved: ['255.255.255.248', '255.255.255.253', '255.255.255.254', '255.255.255.255'],
      usable: 4,
      firstUsable: '255.255.255.249',
      lastUsable: '255.255.255.252',
    },
  ]
  for (const { c, gateway, reserved, usable, firstUsable, lastUsable } of cases) {
    test(c, () => {
      const block = cidr(c)
      assert.equal(formatIpv4(gatewayOf(block)), gateway)
      assert.deepEqual(
        reservedOffsets(block).map((o) => formatIpv4(block.base + o)),
        reserved,
      )
      for (const r of reserved) {
        assert.equal(isReserved(block, ip(r)), true, r)
        assert.equal(isUsable(block, ip(r)), false, r)
      }
      assert.equal(usableCount(block), usable)
      for (const u of [firstUsable, lastUsable]) {
        assert.equal(isReserved(block, ip(u)), false, u)
        assert.equal(isUsable(block, ip(u)), true, u)
      }
      const outside = block.base + block.size
      if (outside <= 0xffffffff) {
        assert.equal(isReserved(block, outside), false)
        assert.equal(isUsable(block, outside), false)
      }
    })
  }

  test('/30 has no usable address; /31 and /32 are entirely reserved', () => {
    const c30 = cidr('10.0.0.0/30')
    assert.equal(usableCount(c30), 0)
    assert.equal(formatIpv4(gatewayOf(c30)), '10.0.0.1')
    assert.deepEqual(reservedOffsets(cidr('10.0.0.0/31')), [0, 1])
    assert.deepEqual(reservedOffsets(cidr('10.0.0.0/32')), [0])
    assert.equal(isReserved(cidr('10.0.0.0/32'), ip('10.0.0.0')), true)
    assert.equal(usableCount(cidr('10.0.0.0/32')), 0)
    assert.throws(() => gatewayOf(cidr('10.0.0.0/31')), RangeError)
  })
})
