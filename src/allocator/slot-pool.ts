// A set of free slots 0 .. n−1 (here: the aligned /28 blocks of a vSwitch, or the /80 blocks of
// its /64), kept dense like AddressPool: `free[0 .. len)` with the inverse map `pos`, so add,
// remove and a uniform random pick are O(1) whatever the fullness, and `pickLowest` keeps a
// cursor below which no slot is free.
import type { Random } from './random.js'

export class SlotPool {
  readonly size: number
  private readonly free: Uint32Array
  private readonly pos: Int32Array
  private len = 0
  private cursor = 0

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`invalid slot count: ${size}`)
    this.size = size
    this.free = new Uint32Array(size)
    this.pos = new Int32Array(size).fill(-1)
  }

  get freeCount(): number {
    return this.len
  }

  has(slot: number): boolean {
    return slot >= 0 && slot < this.size && (this.pos[slot] ?? -1) >= 0
  }

  /** Marks `slot` free. O(1); idempotent; ignores slots outside 0 .. size−1. */
  add(slot: number): void {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.size || this.has(slot)) return
    this.free[this.len] = slot
    this.pos[slot] = this.len
    this.len++
    if (slot < this.cursor) this.cursor = slot
  }

  /** Marks `slot` taken. O(1); idempotent. */
  remove(slot: number): void {
    if (!this.has(slot)) return
    const index = this.pos[slot] ?? -1
    const last = this.free[this.len - 1] ?? 0
    this.free[index] = last
    this.pos[last] = index
    this.pos[slot] = -1
    this.len--
  }

  /** Up to `count` distinct free slots, uniformly at random; the pool is left unchanged. */
  pickRandom(count: number, random: Random): number[] {
    const result: number[] = []
    const free = this.free
    const n = this.len
    const swaps: number[] = []
    for (let i = 0; result.length < count && i < n; i++) {
      const j = i + Math.min(Math.floor(random() * (n - i)), n - i - 1)
      const drawn = free[j] ?? 0
      free[j] = free[i] ?? 0
      free[i] = drawn
      swaps.push(j)
      result.push(drawn)
    }
    for (let k = swaps.length - 1; k >= 0; k--) {
      const j = swaps[k] ?? k
      const tmp = free[k] ?? 0
      free[k] = free[j] ?? 0
      free[j] = tmp
    }
    return result
  }

  /** Up to `count` of the lowest free slots, ascending. */
  pickLowest(count: number): number[] {
    const result: number[] = []
    let slot = this.cursor
    while (slot < this.size && !this.has(slot)) slot++
    this.cursor = slot
    for (; slot < this.size && result.length < count; slot++) {
      if (this.has(slot)) result.push(slot)
    }
    return result
  }
}
