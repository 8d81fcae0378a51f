// Per-vSwitch in-memory free-address indexes. They are hints: candidates come from here, the
// database's unique (vswitch, address) key decides, and a pool is reloaded from the store
// whenever it disagrees with it (a lost race, or another replica's changes).
import { AddressPool } from '../allocator/address-pool.js'
import { parseCidr } from '../allocator/cidr.js'
import { parseIpv4 } from '../allocator/ipv4.js'
import type { VSwitch } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'

export class AddressPools {
  readonly #pools = new Map<string, AddressPool>()

  async get(tx: Tx, vswitch: VSwitch): Promise<AddressPool> {
    return this.#pools.get(vswitch.id) ?? this.reload(tx, vswitch)
  }

  async reload(tx: Tx, vswitch: VSwitch): Promise<AddressPool> {
    const cidr = parseCidr(vswitch.cidrBlock)
    if (!cidr) throw new Error(`vSwitch ${vswitch.id} has an invalid CIDR ${vswitch.cidrBlock}`)
    const used = (await tx.usedAddresses(vswitch.id)).flatMap((a) => parseIpv4(a) ?? [])
    const pool = AddressPool.create(cidr, used)
    this.#pools.set(vswitch.id, pool)
    return pool
  }

  /**
   * Marks everything the store holds as used, keeping this process's in-flight reservations
   * (a rebuild would forget them). Addresses freed elsewhere come back on the next rebuild.
   */
  async refresh(tx: Tx, vswitch: VSwitch): Promise<AddressPool> {
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
