import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { type Cidr, parseCidr } from './cidr.js'
import { parseIpv4 } from './ipv4.js'
import {
  type RequestedAddressClassification,
  classifyRequestedAddresses,
} from './validate-address.js'

const cidr = (s: string): Cidr => {
  const c = parseCidr(s)
  assert.ok(c, `test CIDR ${s} must parse`)
  return c
}
const ok = (...addresses: string[]): RequestedAddressClassification => ({
  kind: 'ok',
  addresses: addresses.map((a) => {
    const n = parseIpv4(a)
    assert.ok(n !== undefined)
    return n
  }),
})

describe('classifyRequestedAddresses', () => {
  const cases: [string, string, string[], RequestedAddressClassification][] = [
    ['empty request', '192.168.1.0/24', [], ok()],
    [
      'valid, in request order',
      '192.168.1.0/24',
      ['192.168.1.9', '192.168.1.1', '192.168.1.252'],
      ok('192.168.1.9', '192.168.1.1', '192.168.1.252'),
    ],
    [
      '/29 usable bounds',
      '192.168.1.248/29',
      ['192.168.1.249', '192.168.1.252'],
      ok('192.168.1.249', '192.168.1.252'),
    ],
    [
      '/16 usable bounds',
      '10.1.0.0/16',
      ['10.1.0.1', '10.1.255.252'],
      ok('10.1.0.1', '10.1.255.252'),
    ],
    ['malformed', '192.168.1.0/24', ['1.2.3'], { kind: 'malformed', address: '1.2.3' }],
    [
      'malformed wins over an earlier repeat and outside',
      '192.168.1.0/24',
      ['10.0.0.1', '192.168.1.5', '192.168.1.5', '01.2.3.4', '1.2.3.256'],
      { kind: 'malformed', address: '01.2.3.4' },
    ],
    [
      'CIDR given as an address',
      '192.168.1.0/24',
      ['192.168.1.4/24'],
      { kind: 'malformed', address: '192.168.1.4/24' },
    ],
    [
      'whitespace',
      '192.168.1.0/24',
      [' 192.168.1.4'],
      { kind: 'malformed', address: ' 192.168.1.4' },
    ],
    [
      'repeat wins over an earlier outside address',
      '192.168.1.0/24',
      ['10.0.0.1', '192.168.1.5', '192.168.1.6', '192.168.1.6', '192.168.1.5'],
      { kind: 'repeated', address: '192.168.1.6' },
    ],
    [
      'first outside address is reported',
      '192.168.1.0/24',
      ['192.168.1.5', '192.168.2.5', '10.0.0.1'],
      { kind: 'outside', address: '192.168.2.5' },
    ],
    [
      'network address is reserved',
      '192.168.1.0/24',
      ['192.168.1.0'],
      { kind: 'reserved', address: '192.168.1.0' },
    ],
    [
      'gateway (.253) is reserved, not outside',
      '192.168.1.0/24',
      ['192.168.1.253'],
      { kind: 'reserved', address: '192.168.1.253' },
    ],
    [
      '.254 is reserved',
      '192.168.1.0/24',
      ['192.168.1.254'],
      { kind: 'reserved', address: '192.168.1.254' },
    ],
    [
      'broadcast is reserved',
      '192.168.1.0/24',
      ['192.168.1.255'],
      { kind: 'reserved', address: '192.168.1.255' },
    ],
    [
      '/29 reserved',
      '192.168.1.248/29',
      ['192.168.1.253'],
      { kind: 'reserved', address: '192.168.1.253' },
    ],
    ['0.0.0.0', '192.168.1.0/24', ['0.0.0.0'], { kind: 'outside', address: '0.0.0.0' }],
    [
      '255.255.255.255',
      '192.168.1.0/24',
      ['255.255.255.255'],
      { kind: 'outside', address: '255.255.255.255' },
    ],
  ]
  for (const [name, c, requested, expected] of cases) {
    test(name, () => {
      assert.deepEqual(classifyRequestedAddresses(cidr(c), requested), expected)
    })
  }
})
