import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { fixedLatency, latencyModelFrom, REALISTIC_LATENCY, sample } from './latency-model.js'

/** mulberry32, as the composition root passes in (allocator/seeded-random.ts). */
function seeded(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('latency model', () => {
  test('fixed: every transition the same (the --async-delay-ms override)', () => {
    assert.equal(fixedLatency(250).durationMs('eni.attached'), 250)
    assert.equal(fixedLatency(0).durationMs('vpc.available'), 0)
  })

  test('realistic: seeded, reproducible, inside each distribution’s bounds and near its median', () => {
    const a = latencyModelFrom(REALISTIC_LATENCY, seeded, 'realistic')
    const b = latencyModelFrom(REALISTIC_LATENCY, seeded, 'realistic')
    const draws = Array.from({ length: 400 }, () => a.durationMs('eni.attached'))
    assert.deepEqual(
      draws,
      Array.from({ length: 400 }, () => b.durationMs('eni.attached')),
    )
    assert.ok(draws.every((d) => d >= 800 && d <= 8000))
    const sorted = [...draws].sort((x, y) => x - y)
    const median = sorted[200] ?? 0
    assert.ok(median > 1700 && median < 2300, `median ${median} near 2 s`)
    const p95 = sorted[380] ?? 0
    assert.ok(p95 > 2900 && p95 < 4300, `p95 ${p95} near 3.5 s`)
    const vsw = Array.from({ length: 100 }, () => a.durationMs('vswitch.available'))
    assert.ok(vsw.every((d) => d >= 1000 && d <= 5000))
  })

  test('a file: per-transition distributions and a default; bad ones are named', () => {
    const m = latencyModelFrom(
      {
        seed: 9,
        default: { distribution: 'fixed', ms: 5 },
        transitions: { 'eni.deleted': { distribution: 'uniform', minMs: 10, maxMs: 20 } },
      },
      seeded,
      'file',
    )
    assert.equal(m.durationMs('eni.attached'), 5)
    const d = m.durationMs('eni.deleted')
    assert.ok(d >= 10 && d <= 20)
    assert.throws(
      () =>
        latencyModelFrom(
          { transitions: { x: { distribution: 'lognormal', medianMs: 5, p95Ms: 1 } } },
          seeded,
          'f',
        ),
      /transitions\.x: need 0 < medianMs ≤ p95Ms/,
    )
    assert.equal(
      sample({ distribution: 'uniform', minMs: 3, maxMs: 3 }, () => 0.5),
      3,
    )
  })
})
