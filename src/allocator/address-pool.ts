// An in-memory index of the free usable addresses of one vSwitch CIDR.
//
// Offsets (ip − base) are stored in a dense array `free[0 .. freeLen)` with the inverse map
// `pos[offset]` (index into `free`, or −1 when not free). That gives O(1) markUsed/markFree
// (swap-remove / append) and O(1) uniform picks, independent of how full the block is.
// `pickRandom` runs a partial Fisher–Yates shuffle over `free` and undoes its swaps, so it
// costs O(count) and leaves the pool unchanged. `pickLowest` keeps a cursor below which no
// offset is free.
//
// The pool also tracks the aligned /28 blocks (IPv4 prefixes, extensions.md §3): per block the
// number of its addresses that are not free (reserved or used), and a SlotPool of the blocks
// where that number is 0. markUsed/markFree keep both in O(1), so picking a free /28 costs the
// same in an empty and in a nearly full vSwitch.

import type { Cidr } from './cidr.js'
import type { Random } from './random.js'
import { SlotPool } from './slot-pool.js'

/** Addresses in an IPv4 prefix (/28). */
export const IPV4_PREFIX_SIZE = 16
export const IPV4_PREFIX_LENGTH = 28

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
  /** Per aligned /28 block: how many of its 16 offsets are not free (reserved or used). */
  private readonly blockUse: Uint8Array
  /** Blocks with no address in use and none reserved. */
  private readonly freeBlocks: SlotPool

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
    const blocks = Math.floor(cidr.size / IPV4_PREFIX_SIZE)
    this.blockUse = new Uint8Array(blocks)
    this.freeBlocks = new SlotPool(blocks)
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
    const blocks = pool.blockUse.length
    for (let offset = 0; offset < blocks * IPV4_PREFIX_SIZE; offset++) {
      const b = offset >>> 4
      if ((pool.pos[offset] ?? -1) < 0) pool.blockUse[b] = (pool.blockUse[b] ?? 0) + 1
    }
    for (let b = 0; b < blocks; b++) if (pool.blockUse[b] === 0) pool.freeBlocks.add(b)
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
    const b = offset >>> 4
    if (b < this.blockUse.length) {
      const before = this.blockUse[b] ?? 0
      this.blockUse[b] = before + 1
      if (before === 0) this.freeBlocks.remove(b)
    }
  }

  /** Marks `ip` as free. O(1); idempotent; ignores reserved and outside addresses. */
  markFree(ip: number): void {
    const offset = this.usableOffset(ip)
    if (offset < 0 || (this.pos[offset] ?? -1) >= 0) return
    this.free[this.freeLen] = offset
    this.pos[offset] = this.freeLen
    this.freeLen++
    if (offset < this.cursor) this.cursor = offset
    const b = offset >>> 4
    if (b < this.blockUse.length) {
      const left = (this.blockUse[b] ?? 1) - 1
      this.blockUse[b] = left
      if (left === 0) this.freeBlocks.add(b)
    }
  }

  /** Number of aligned /28 blocks with every address free (none reserved). */
  get freeBlockCount(): number {
    return this.freeBlocks.freeCount
  }

  /** True if `base` starts an aligned /28 of the block whose 16 addresses are all free. */
  isBlockFree(base: number): boolean {
    const offset = base - this.cidr.base
    return offset % IPV4_PREFIX_SIZE === 0 && this.freeBlocks.has(offset / IPV4_PREFIX_SIZE)
  }

  /** Marks the 16 addresses of the /28 starting at `base` as used. */
  markBlockUsed(base: number): void {
    for (let i = 0; i < IPV4_PREFIX_SIZE; i++) this.markUsed(base + i)
  }

  /** Marks the 16 addresses of the /28 starting at `base` as free. */
  markBlockFree(base: number): void {
    for (let i = 0; i < IPV4_PREFIX_SIZE; i++) this.markFree(base + i)
  }

  /**
   * Up to `count` distinct free /28 blocks (their first address), uniformly at random; the pool
   * is unchanged. O(count) whatever the fullness.
   */
  pickRandomBlocks(count: number, random: Random): number[] {
    const base = this.cidr.base
    return this.freeBlocks
      .pickRandom(checkCount(count), random)
      .map((b) => base + b * IPV4_PREFIX_SIZE)
  }

  /** Up to `count` of the lowest free /28 blocks (their first address), ascending. */
  pickLowestBlocks(count: number): number[] {
    const base = this.cidr.base
    return this.freeBlocks.pickLowest(checkCount(count)).map((b) => base + b * IPV4_PREFIX_SIZE)
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
