// Per-vSwitch in-memory indexes of the free /80 blocks of its /64 (a SlotPool of 65,536, less
// the two that hold reserved addresses). Like AddressPools they are hints: a /80 prefix pick
// comes from here, and the database's (vswitch, block) key decides. Rebuilt from the store's
// block rows (one per /80 in use, never a scan of addresses) when stale.
import { SlotPool } from '../allocator/slot-pool.js'
import {
  IPV6_PREFIX_LENGTH,
  IPV6_PREFIXES_PER_VSWITCH,
  isReservedIpv6Block,
  parseIpv6Cidr,
  subBlockIndex,
} from '../allocator/ipv6.js'
import type { VSwitch } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'

export class Ipv6BlockPools {
  readonly #pools = new Map<string, SlotPool>()

  async get(tx: Tx, vswitch: VSwitch): Promise<SlotPool> {
    return this.#pools.get(vswitch.id) ?? this.reload(tx, vswitch)
  }

  async reload(tx: Tx, vswitch: VSwitch): Promise<SlotPool> {
    const cidr = parseIpv6Cidr(vswitch.ipv6CidrBlock ?? '')
    if (!cidr) throw new Error(`vSwitch ${vswitch.id} has no IPv6 /64`)
    const taken = new Uint8Array(IPV6_PREFIXES_PER_VSWITCH)
    for (const block of await tx.usedIpv6Blocks(vswitch.id)) {
      const b = parseIpv6Cidr(block)
      if (b) taken[subBlockIndex(cidr, IPV6_PREFIX_LENGTH, b.base)] = 1
    }
    const pool = new SlotPool(IPV6_PREFIXES_PER_VSWITCH)
    for (let i = 0; i < IPV6_PREFIXES_PER_VSWITCH; i++) {
      if (taken[i] === 0 && !isReservedIpv6Block(i)) pool.add(i)
    }
    this.#pools.set(vswitch.id, pool)
    return pool
  }

  /** Marks a block taken, if this vSwitch's pool is loaded. */
  take(vswitchId: string, index: number): void {
    this.#pools.get(vswitchId)?.remove(index)
  }

  /** Drops the pool: the next pick rebuilds it (after blocks were freed). */
  forget(vswitchId: string): void {
    this.#pools.delete(vswitchId)
  }
}
