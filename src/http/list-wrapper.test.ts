import assert from 'node:assert/strict'
import { test } from 'node:test'
import { wrap } from './list-wrapper.js'

test('wrap builds the double wrapper and keeps empty lists', () => {
  assert.deepEqual(wrap('NetworkInterfaceSets', 'NetworkInterfaceSet', [{ a: 1 }]), {
    NetworkInterfaceSets: { NetworkInterfaceSet: [{ a: 1 }] },
  })
  assert.deepEqual(wrap('PrivateIpSets', 'PrivateIpSet', []), {
    PrivateIpSets: { PrivateIpSet: [] },
  })
  assert.equal(JSON.stringify(wrap('A', 'B', new Set(['x']))), '{"A":{"B":["x"]}}')
})

test('wrap copies its input', () => {
  const items = ['a']
  const wrapped = wrap('A', 'B', items)
  items.push('b')
  assert.deepEqual(wrapped.A.B, ['a'])
})
