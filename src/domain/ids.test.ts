import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { idGeneratorFrom, looksLikeId, seededBytes } from './ids.js'

describe('ids', () => {
  const ids = idGeneratorFrom(seededBytes(7))

  it('random ids are <kind>-bp1 and 17 lower-case alphanumerics', () => {
    assert.match(ids.newId('eni'), /^eni-bp1[a-z0-9]{17}$/)
  })

  it('ordered ids have the same shape and sort by their time, whatever their random part', () => {
    const t0 = Date.UTC(2026, 11, 7, 8, 0, 0)
    const times = [t0, t0 + 1, t0 + 35, t0 + 36, t0 + 1_000, t0 + 86_400_000, 4_102_444_800_000]
    const made = times.map((t) => ids.newOrderedId('ev', t))
    for (const id of made) {
      assert.match(id, /^ev-bp1[a-z0-9]{17}$/)
      assert.ok(looksLikeId('ev', id))
    }
    assert.deepEqual([...made].sort(), made)
    // Two ids in one millisecond share the time part and differ in the random part.
    const [a, b] = [ids.newOrderedId('ev', t0), ids.newOrderedId('ev', t0)]
    assert.equal(a.slice(0, 15), b.slice(0, 15))
    assert.notEqual(a, b)
  })
})
