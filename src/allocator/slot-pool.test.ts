import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { seededRandom } from './seeded-random.js'
import { SlotPool } from './slot-pool.js'

describe('SlotPool', () => {
  test('add, remove and has are idempotent and ignore outside slots', () => {
    const p = new SlotPool(8)
    p.add(3)
    p.add(3)
    p.add(8)
    p.add(-1)
    assert.equal(p.freeCount, 1)
    assert.ok(p.has(3))
    p.remove(3)
    p.remove(3)
    assert.equal(p.freeCount, 0)
    assert.equal(p.has(3), false)
  })
  test('pickLowest returns ascending free slots and follows frees below the cursor', () => {
    const p = new SlotPool(10)
    for (const s of [7, 2, 5]) p.add(s)
    assert.deepEqual(p.pickLowest(2), [2, 5])
    p.remove(2)
    assert.deepEqual(p.pickLowest(5), [5, 7])
    p.add(0)
    assert.deepEqual(p.pickLowest(1), [0])
  })
  test('pickRandom picks distinct free slots, leaves the pool unchanged, seeded', () => {
    const p = new SlotPool(1000)
    for (let s = 0; s < 1000; s += 3) p.add(s)
    const before = p.pickLowest(1000)
    const a = p.pickRandom(50, seededRandom(1))
    assert.equal(new Set(a).size, 50)
    for (const s of a) assert.equal(s % 3, 0)
    assert.deepEqual(p.pickRandom(50, seededRandom(1)), a)
    assert.deepEqual(p.pickLowest(1000), before)
    assert.equal(p.pickRandom(10_000, seededRandom(2)).length, p.freeCount)
  })
})
