import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { seededRandom } from './seeded-random.js'

describe('seededRandom', () => {
  test('same seed gives the same sequence, different seeds differ', () => {
    const take = (seed: number) => {
      const r = seededRandom(seed)
      return Array.from({ length: 20 }, () => r())
    }
    assert.deepEqual(take(42), take(42))
    assert.notDeepEqual(take(42), take(43))
  })

  for (const seed of [0, 1, 42, 0xffffffff, -7]) {
    test(`seed ${seed} stays in [0, 1) and is roughly uniform`, () => {
      const r = seededRandom(seed)
      const buckets = new Array<number>(10).fill(0)
      for (let i = 0; i < 10_000; i++) {
        const x = r()
        assert.ok(x >= 0 && x < 1)
        const b = Math.floor(x * 10)
        buckets[b] = (buckets[b] ?? 0) + 1
      }
      for (const n of buckets) assert.ok(n > 850 && n < 1150, `bucket count ${n}`)
    })
  }
})
