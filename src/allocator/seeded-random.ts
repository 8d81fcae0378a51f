import type { Random } from './random.js'

/**
 * A small, fast, reproducible PRNG (mulberry32) for tests and benchmarks. Not for
 * anything security-relevant. The same seed always yields the same sequence.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
