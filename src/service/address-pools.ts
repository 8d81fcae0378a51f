// Per-vSwitch in-memory free-address indexes. They are hints: candidates come from here, the
// database's unique (vswitch, address) key decides, and a pool is reloaded from the store
// whenever it disagrees with it (a lost race, or another replica's changes). At most `maxPools`
// are kept (least recently used evicted; a /16 pool is about 512 KiB), so memory is bounded
// however many vSwitches the store holds.
import { AddressPool } from '../allocator/address-pool.js'
import { parseCidr } from '../allocator/cidr.js'
import { parseIpv4 } from '../allocator/ipv4.js'
import type { VSwitchRange } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'

export const DEFAULT_MAX_POOLS = 64

export class AddressPools {
  // In least-recently-used order (a Map iterates in insertion order).
  readonly #pools = new Map<string, AddressPool>()
  readonly #maxPools: number

  constructor(maxPools: number = DEFAULT_MAX_POOLS) {
    this.#maxPools = Math.max(1, maxPools)
  }

  get size(): number {
    return this.#pools.size
  }

  /**
   * The id and CIDR of a vSwitch whose pool is kept, without reading the store (both are fixed
   * for the vSwitch's life, and an ENI in it keeps it from being deleted); undefined otherwise.
   */
  rangeOf(vswitchId: string): VSwitchRange | undefined {
    const pool = this.#pools.get(vswitchId)
    return pool && { id: vswitchId, cidrBlock: pool.cidr.text }
  }

  async get(tx: Tx, vswitch: VSwitchRange): Promise<AddressPool> {
    const pool = this.#pools.get(vswitch.id)
    if (pool === undefined) return this.reload(tx, vswitch)
    this.#pools.delete(vswitch.id)
    this.#pools.set(vswitch.id, pool)
    return pool
  }

  async reload(tx: Tx, vswitch: VSwitchRange): Promise<AddressPool> {
    const cidr = parseCidr(vswitch.cidrBlock)
    if (!cidr) throw new Error(`vSwitch ${vswitch.id} has an invalid CIDR ${vswitch.cidrBlock}`)
    const used = (await tx.usedAddresses(vswitch.id)).flatMap((a) => parseIpv4(a) ?? [])
    const pool = AddressPool.create(cidr, used)
    this.#pools.delete(vswitch.id)
    this.#pools.set(vswitch.id, pool)
    for (const oldest of this.#pools.keys()) {
      if (this.#pools.size <= this.#maxPools) break
      this.#pools.delete(oldest)
    }
    return pool
  }

  /**
   * Marks everything the store holds as used, keeping this process's in-flight reservations
   * (a rebuild would forget them). Addresses freed elsewhere come back on the next rebuild.
   */
  async refresh(tx: Tx, vswitch: VSwitchRange): Promise<AddressPool> {
    const pool = this.#pools.get(vswitch.id)
    if (!pool) return this.reload(tx, vswitch)
    for (const a of await tx.usedAddresses(vswitch.id)) {
      const n = parseIpv4(a)
      if (n !== undefined) pool.markUsed(n)
    }
    return pool
  }

  markFree(vswitchId: string, addresses: readonly string[]): void {
    const pool = this.#pools.get(vswitchId)
    if (!pool) return
    for (const a of addresses) {
      const n = parseIpv4(a)
      if (n !== undefined) pool.markFree(n)
    }
  }

  forget(vswitchId: string): void {
    this.#pools.delete(vswitchId)
  }
}
