import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { formatIpv4, isIpv4, isIpv4Number, parseIpv4 } from './ipv4.js'

describe('parseIpv4', () => {
  const valid: [string, number][] = [
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['10.0.0.1', 0x0a000001],
    ['192.168.1.253', 0xc0a801fd],
    ['172.16.0.0', 0xac100000],
    ['128.0.0.0', 0x80000000],
    ['1.2.3.4', 0x01020304],
    ['100.64.10.0', 0x64400a00],
  ]
  for (const [text, n] of valid) {
    test(`parses ${text}`, () => {
      assert.equal(parseIpv4(text), n)
      assert.equal(isIpv4(text), true)
    })
  }

  const malformed = [
    '',
    '1.2.3',
    '1.2.3.4.5',
    '01.2.3.4',
    '1.2.3.04',
    '1.2.3.00',
    '1.2.3.256',
    '256.0.0.0',
    '1.2.3.1000',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '1.2.3.4\n',
    '1.2.3.4/24',
    '1..3.4',
    '1.2.3.',
    '.1.2.3',
    '1.2.3.-4',
    '+1.2.3.4',
    '1.2.3.4e0',
    '0x1.2.3.4',
    '1.2.3.a',
    '１.2.3.4',
    '::1',
    '::ffff:1.2.3.4',
    '16909060',
  ]
  for (const text of malformed) {
    test(`rejects ${JSON.stringify(text)}`, () => {
      assert.equal(parseIpv4(text), undefined)
      assert.equal(isIpv4(text), false)
    })
  }
})

describe('formatIpv4', () => {
  const cases: [number, string][] = [
    [0, '0.0.0.0'],
    [0xffffffff, '255.255.255.255'],
    [0x80000000, '128.0.0.0'],
    [0xc0a801fd, '192.168.1.253'],
    [0x0a000001, '10.0.0.1'],
  ]
  for (const [n, text] of cases) {
    test(`formats ${text}`, () => {
      assert.equal(formatIpv4(n), text)
      assert.equal(parseIpv4(formatIpv4(n)), n)
    })
  }

  for (const bad of [-1, 2 ** 32, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    test(`throws RangeError for ${bad}`, () => {
      assert.equal(isIpv4Number(bad), false)
      assert.throws(() => formatIpv4(bad), RangeError)
    })
  }
})
