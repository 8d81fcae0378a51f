// An in-memory index of the free usable addresses of one vSwitch CIDR.
//
// Offsets (ip − base) are stored in a dense array `free[0 .. freeLen)` with the inverse map
// `pos[offset]` (index into `free`, or −1 when not free). That gives O(1) markUsed/markFree
// (swap-remove / append) and O(1) uniform picks, independent of how full the block is.
// `pickRandom` runs a partial Fisher–Yates shuffle over `free` and undoes its swaps, so it
// costs O(count) and leaves the pool unchanged. `pickLowest` keeps a cursor below which no
// offset is free.

import type { Cidr } from './cidr.js'
import type { Random } from './random.js'

/** The largest block a pool indexes (Alibaba vSwitches are /16 to /29). */
export const MIN_POOL_PREFIX = 16
/** The smallest block a pool indexes. */
export const MAX_POOL_PREFIX = 29

export class AddressPool {
  readonly cidr: Cidr
  /** Free offsets, dense in [0, freeLen). */
  private readonly free: Uint32Array
  /** offset → index in `free`, or −1 if the offset is not free. */
  private readonly pos: Int32Array
  private freeLen = 0
  /** No offset below the cursor is free. */
  private cursor: number
  /** Offsets 1 .. lastUsable are usable (first and last three are reserved). */
  private readonly lastUsable: number

  private constructor(cidr: Cidr) {
    if (cidr.prefix < MIN_POOL_PREFIX || cidr.prefix > MAX_POOL_PREFIX) {
      throw new Error(
        `address pool supports /${MIN_POOL_PREFIX} to /${MAX_POOL_PREFIX}, got ${cidr.text}`,
      )
    }
    this.cidr = cidr
    this.free = new Uint32Array(cidr.size)
    this.pos = new Int32Array(cidr.size).fill(-1)
    this.lastUsable = cidr.size - 4
    this.cursor = cidr.size
  }

  /**
   * A pool in which every usable address of `cidr` not in `used` is free. Entries of `used`
   * outside the block or reserved are ignored. The internal order is ascending and does not
   * depend on the iteration order of `used`, so seeded picks are reproducible.
   * Throws a plain Error for blocks larger than /16 or smaller than /29.
   */
  static create(cidr: Cidr, used: Iterable<number>): AddressPool {
    const pool = new AddressPool(cidr)
    const taken = new Uint8Array(cidr.size)
    for (const ip of used) {
      const offset = pool.usableOffset(ip)
      if (offset >= 0) taken[offset] = 1
    }
    let n = 0
    for (let offset = 1; offset <= pool.lastUsable; offset++) {
      if (taken[offset] === 1) continue
      pool.free[n] = offset
      pool.pos[offset] = n
      n++
    }
    pool.freeLen = n
    pool.cursor = n > 0 ? (pool.free[0] ?? cidr.size) : cidr.size
    return pool
  }

  /** Number of free addresses. */
  get freeCount(): number {
    return this.freeLen
  }

  /** True if `ip` is a usable address of the block that is not in use. */
  isFree(ip: number): boolean {
    const offset = this.usableOffset(ip)
    return offset >= 0 && (this.pos[offset] ?? -1) >= 0
  }

  /** Marks `ip` as in use. O(1); idempotent; ignores reserved and outside addresses. */
  markUsed(ip: number): void {
    const offset = this.usableOffset(ip)
    if (offset < 0) return
    const index = this.pos[offset] ?? -1
    if (index < 0) return
    const lastIndex = this.freeLen - 1
    const last = this.free[lastIndex] ?? 0
    this.free[index] = last
    this.pos[last] = index
    this.pos[offset] = -1
    this.freeLen = lastIndex
  }

  /** Marks `ip` as free. O(1); idempotent; ignores reserved and outside addresses. */
  markFree(ip: number): void {
    const offset = this.usableOffset(ip)
    if (offset < 0 || (this.pos[offset] ?? -1) >= 0) return
    this.free[this.freeLen] = offset
    this.pos[offset] = this.freeLen
    this.freeLen++
    if (offset < this.cursor) this.cursor = offset
  }

  /**
   * Up to `count` distinct free addresses (not in `exclude`), chosen uniformly at random, in
   * random order. Does not mark them used. Returns fewer only if fewer are available.
   * Expected cost O(count + number of excluded addresses drawn), never O(block size).
   */
  pickRandom(count: number, random: Random, exclude?: ReadonlySet<number>): number[] {
    const want = checkCount(count)
    const result: number[] = []
    const free = this.free
    const n = this.freeLen
    const base = this.cidr.base
    // Partial Fisher–Yates: free[0 .. i) holds the draws so far; swaps are logged and undone.
    const swaps: number[] = []
    let i = 0
    while (result.length < want && i < n) {
      const j = i + Math.min(Math.floor(random() * (n - i)), n - i - 1)
      const drawn = free[j] ?? 0
      free[j] = free[i] ?? 0
      free[i] = drawn
      swaps.push(j)
      i++
      const ip = base + drawn
      if (exclude === undefined || !exclude.has(ip)) result.push(ip)
    }
    for (let k = swaps.length - 1; k >= 0; k--) {
      const j = swaps[k] ?? k
      const tmp = free[k] ?? 0
      free[k] = free[j] ?? 0
      free[j] = tmp
    }
    return result
  }

  /**
   * Up to `count` of the lowest free addresses (not in `exclude`), ascending. Does not mark
   * them used. Deterministic; amortised cost O(count + addresses skipped).
   */
  pickLowest(count: number, exclude?: ReadonlySet<number>): number[] {
    const want = checkCount(count)
    const result: number[] = []
    const pos = this.pos
    const base = this.cidr.base
    let offset = this.cursor
    // Advance the cursor over the used prefix once, for every later call.
    while (offset <= this.lastUsable && (pos[offset] ?? -1) < 0) offset++
    this.cursor = offset
    for (; offset <= this.lastUsable && result.length < want; offset++) {
      if ((pos[offset] ?? -1) < 0) continue
      const ip = base + offset
      if (exclude === undefined || !exclude.has(ip)) result.push(ip)
    }
    return result
  }

  /** The offset of `ip` if it is a usable address of the block, else −1. */
  private usableOffset(ip: number): number {
    const offset = ip - this.cidr.base
    return Number.isInteger(offset) && offset >= 1 && offset <= this.lastUsable ? offset : -1
  }
}

function checkCount(count: number): number {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`invalid count: ${count}`)
  return count
}
