// Allocator micro-benchmarks: shows that picking a free address costs the same in an empty and
// in a 99%-full /16; then the IPv6 and /28 prefix figures of bench/prefixes.bench.ts. Run directly: `node --import tsx bench/allocator.bench.ts`.

import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'

import { AddressPool } from '../src/allocator/address-pool.js'
import { type Cidr, parseCidr } from '../src/allocator/cidr.js'
import type { Random } from '../src/allocator/random.js'
import { seededRandom } from '../src/allocator/seeded-random.js'
import { benchPrefixes } from './prefixes.bench.js'

const BLOCK = '10.0.0.0/16'
const PICKS = 10_000
const ROUNDS = 5

function block(): Cidr {
  const c = parseCidr(BLOCK)
  if (c === undefined) throw new Error(`bad benchmark CIDR ${BLOCK}`)
  return c
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** A pool of `BLOCK` with all but `freeLeft` addresses used, chosen by a seeded PRNG. */
function poolWithFree(freeLeft: number, random: Random): AddressPool {
  const pool = AddressPool.create(block(), [])
  while (pool.freeCount > freeLeft) {
    for (const ip of pool.pickRandom(1, random)) pool.markUsed(ip)
  }
  return pool
}

/** Fill an empty /16 with pickRandom(1) + markUsed; returns total ms. */
function fillOnce(seed: number): number {
  const pool = AddressPool.create(block(), [])
  const random = seededRandom(seed)
  const start = performance.now()
  for (let i = 0; i < 70_000; i++) {
    const [ip] = pool.pickRandom(1, random)
    if (ip === undefined) break
    pool.markUsed(ip)
  }
  const ms = performance.now() - start
  if (pool.freeCount !== 0) throw new Error('fill did not complete')
  return ms
}

/** ns per pick + markUsed + markFree cycle (so fullness stays constant). */
function cycleNs(pool: AddressPool, pick: () => number | undefined): number {
  const start = performance.now()
  for (let i = 0; i < PICKS; i++) {
    const ip = pick()
    if (ip === undefined) throw new Error('pool unexpectedly empty')
    pool.markUsed(ip)
    pool.markFree(ip)
  }
  return ((performance.now() - start) * 1e6) / PICKS
}

function randomCycleNs(pool: AddressPool, seed: number): number {
  const random = seededRandom(seed)
  return cycleNs(pool, () => pool.pickRandom(1, random)[0])
}

function lowestCycleNs(pool: AddressPool): number {
  return cycleNs(pool, () => pool.pickLowest(1)[0])
}

/** Drain a 99%-full /16 with pickLowest(1) + markUsed (free addresses scattered); ns/address. */
function lowestDrainNs(seed: number): number {
  const pool = poolWithFree(655, seededRandom(seed))
  const n = pool.freeCount
  const start = performance.now()
  for (let i = 0; i < 1_000; i++) {
    const [ip] = pool.pickLowest(1)
    if (ip === undefined) break
    pool.markUsed(ip)
  }
  return ((performance.now() - start) * 1e6) / n
}

function createMs(used: number[]): number {
  const start = performance.now()
  const pool = AddressPool.create(block(), used)
  const ms = performance.now() - start
  if (pool.freeCount !== 65532 - used.length) throw new Error('unexpected free count')
  return ms
}

export async function benchAllocator(): Promise<Record<string, number | string>> {
  const c = block()
  // Warm the JIT on every path once before measuring.
  fillOnce(0)
  randomCycleNs(poolWithFree(655, seededRandom(0)), 0)
  lowestCycleNs(poolWithFree(655, seededRandom(0)))

  const fills = Array.from({ length: ROUNDS }, (_, r) => fillOnce(r + 1))
  const fillMs = median(fills)

  const empty = AddressPool.create(c, [])
  const emptyNs = median(Array.from({ length: ROUNDS }, (_, r) => randomCycleNs(empty, r + 1)))

  const full = poolWithFree(655, seededRandom(99))
  const fullPercent = (100 * (65532 - full.freeCount)) / 65532
  const fullNs = median(Array.from({ length: ROUNDS }, (_, r) => randomCycleNs(full, r + 1)))
  const lowestFullNs = median(Array.from({ length: ROUNDS }, () => lowestCycleNs(full)))
  const drainNs = median(Array.from({ length: ROUNDS }, (_, r) => lowestDrainNs(r + 1)))

  const used = Array.from({ length: 64_000 }, (_, i) => c.base + 1 + i)
  const createFromUsedMs = median(Array.from({ length: ROUNDS }, () => createMs(used)))

  const round = (x: number, digits = 1): number => Number(x.toFixed(digits))
  return {
    block: BLOCK,
    'fill /16 by pickRandom(1)+markUsed, total ms': round(fillMs, 2),
    'fill /16, ns per address': round((fillMs * 1e6) / 65532),
    'pickRandom(1) empty /16, ns': round(emptyNs),
    [`pickRandom(1) ${fullPercent.toFixed(1)}%-full /16, ns`]: round(fullNs),
    'ratio full/empty pickRandom': round(fullNs / emptyNs, 2),
    [`pickLowest(1) ${fullPercent.toFixed(1)}%-full /16, ns`]: round(lowestFullNs),
    'pickLowest drain 99%-full /16 (scattered), ns per address': round(drainNs),
    'AddressPool.create from 64,000 used, ms': round(createFromUsedMs, 2),
    // IPv6 random assign in a /64 and /28 prefix assign in a busy /16 (bench/prefixes.bench.ts)
    ...(await benchPrefixes()),
  }
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const results = await benchAllocator()
  console.table(Object.entries(results).map(([metric, value]) => ({ metric, value })))
}
