// The per-account default resource group: Alibaba's shape, fixed per account, distinct across
// accounts; and which IDs a client may name.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { defaultResourceGroupId, isResourceGroupId } from './resource-group.js'

describe('resource groups', () => {
  test("an account's default group is rg-acfm…, the same every time, its own", () => {
    const ids = ['1000000000001', '1000000000002', '1234567890123', '2000000000001']
    const groups = ids.map(defaultResourceGroupId)
    for (const g of groups) assert.match(g, /^rg-acfm[0-9a-z]{11}$/)
    assert.deepEqual(ids.map(defaultResourceGroupId), groups)
    assert.equal(new Set(groups).size, ids.length)
    assert.ok(groups.every(isResourceGroupId))
  })

  test('a client names rg- and 1–64 lower-case letters or digits', () => {
    for (const ok of ['rg-a', 'rg-aek2xl5qajrdibq', `rg-${'a'.repeat(64)}`]) {
      assert.equal(isResourceGroupId(ok), true, ok)
    }
    for (const bad of ['', 'rg-', 'my-group', 'rg-ABC', 'rg-a_b', `rg-${'a'.repeat(65)}`]) {
      assert.equal(isResourceGroupId(bad), false, bad)
    }
  })
})
