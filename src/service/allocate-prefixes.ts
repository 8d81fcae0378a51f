// IPv4 /28 prefixes on an ENI (extensions.md §3): chosen ones (`Ipv4Prefix.N`) are checked for
// shape, alignment, place and use; automatic ones (`Ipv4PrefixCount`) are free aligned /28s
// picked from the vSwitch pool. Either way the database decides: a prefix is its 16 member
// rows, and a member already in use refuses the whole /28.
import { IPV4_PREFIX_LENGTH, IPV4_PREFIX_SIZE } from '../allocator/address-pool.js'
import { cidrContains, isReserved, parseCidr, reservedOffsets } from '../allocator/cidr.js'
import { formatIpv4 } from '../allocator/ipv4.js'
import { errors } from '../domain/errors.js'
import type { EniView, VSwitch } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'
import type { AddressOwner } from './allocate-addresses.js'
import type { ServiceContext } from './context.js'
import { onRollback } from './run-transaction.js'

/** The 16 addresses of the /28 starting at `base`. */
export function prefixMembers(base: number): string[] {
  return Array.from({ length: IPV4_PREFIX_SIZE }, (_, i) => formatIpv4(base + i))
}

/** Every address the ENI's IPv4 prefixes hold (for giving them back to the pool). */
export function ipv4PrefixMembers(prefixes: readonly string[]): string[] {
  return prefixes.flatMap((p) => {
    const c = parseCidr(p)
    return c ? prefixMembers(c.base) : []
  })
}

/**
 * The IPv4 addresses an ENI holds in its vSwitch: single ones and its prefixes' members (what a
 * deleted ENI gives back to the pool).
 */
export function addressesHeldBy(eni: Pick<EniView, 'privateIps' | 'ipv4Prefixes'>): string[] {
  return [...eni.privateIps.map((p) => p.address), ...ipv4PrefixMembers(eni.ipv4Prefixes)]
}

/**
 * Validates chosen prefixes without writing: a canonical aligned /28 (else InvalidParameter),
 * no repeats (InvalidIp.IpRepeated), inside the vSwitch with no reserved address
 * (InvalidVSwitchId.IpInvalid), no member in use (InvalidIp.IpAssigned). Returns canonical text.
 */
export async function checkChosenIpv4Prefixes(
  tx: Tx,
  vswitch: VSwitch,
  prefixes: readonly string[],
): Promise<string[]> {
  if (prefixes.length === 0) return []
  const vsw = parseCidr(vswitch.cidrBlock)
  if (!vsw) throw errors.internalError()
  const parsed = prefixes.map((p) => {
    const c = parseCidr(p)
    if (!c || c.prefix !== IPV4_PREFIX_LENGTH) throw errors.invalidParameter('Ipv4Prefix.N')
    return c
  })
  const seen = new Set<string>()
  for (const c of parsed) {
    if (seen.has(c.text)) throw errors.ipRepeated(c.text)
    seen.add(c.text)
  }
  for (const c of parsed) {
    if (!cidrContains(vsw, c)) throw errors.ipInvalidInVSwitch(c.text, vswitch.cidrBlock)
    if (isReserved(vsw, c.base) || isReserved(vsw, c.base + IPV4_PREFIX_SIZE - 1)) {
      const reserved = reservedOffsets(vsw).map((o) => formatIpv4(vsw.base + o))
      throw errors.ipReservedInVSwitch(c.text, vswitch.cidrBlock, reserved)
    }
  }
  for (const c of parsed) {
    const inUse = await tx.addressesInUse(vswitch.id, prefixMembers(c.base))
    if (inUse.length > 0) throw errors.ipAssigned(c.text)
  }
  return parsed.map((c) => c.text)
}

/** Claims already-checked chosen prefixes; a concurrent winner surfaces as `InvalidIp.IpAssigned`. */
export async function assignChosenIpv4Prefixes(
  tx: Tx,
  ctx: ServiceContext,
  vswitch: VSwitch,
  owner: Omit<AddressOwner, 'primary'>,
  prefixes: readonly string[],
): Promise<string[]> {
  if (prefixes.length === 0) return []
  const rows = prefixes.map((prefix) => ({
    vswitchId: vswitch.id,
    prefix,
    ...owner,
    members: prefixMembers(parseCidr(prefix)?.base ?? 0),
  }))
  const claimed = await tx.insertIpv4Prefixes(rows)
  const pool = await ctx.pools.get(tx, vswitch)
  const taken = claimed.map((p) => parseCidr(p)?.base ?? -1)
  for (const base of taken) pool.markBlockUsed(base)
  onRollback(tx, () => {
    for (const base of taken) pool.markBlockFree(base)
  })
  const lost = prefixes.find((p) => !claimed.includes(p))
  if (lost !== undefined) throw errors.ipAssigned(lost)
  return [...prefixes]
}

/** Lost races tolerated in one transaction before it is retried whole (OperationConflict). */
const MAX_ROUNDS = 32

/**
 * Claims `count` free aligned /28s (random or lowest-first per the server mode). Picks are
 * reserved in the shared pool first; a lost race merges the store's view and tries again; only
 * a pool rebuilt from the store without enough free /28s means `InvalidVSwitchId.IpNotEnough`.
 */
export async function assignAutomaticIpv4Prefixes(
  tx: Tx,
  ctx: ServiceContext,
  vswitch: VSwitch,
  owner: Omit<AddressOwner, 'primary'>,
  count: number,
): Promise<string[]> {
  const got: string[] = []
  let pool = await ctx.pools.get(tx, vswitch)
  let rebuilt = false
  for (let round = 0; got.length < count; round++) {
    if (round >= MAX_ROUNDS) throw errors.operationConflict()
    const need = count - got.length
    if (pool.freeBlockCount < need) {
      if (rebuilt) throw errors.ipNotEnough(vswitch.id)
      pool = await ctx.pools.reload(tx, vswitch)
      rebuilt = true
      continue
    }
    const picks =
      ctx.allocation === 'sequential'
        ? pool.pickLowestBlocks(need)
        : pool.pickRandomBlocks(need, ctx.random)
    for (const base of picks) pool.markBlockUsed(base)
    // Reserved for this transaction: back in the pool if it does not commit (as for addresses).
    const reserved = pool
    onRollback(tx, () => {
      for (const base of picks) reserved.markBlockFree(base)
    })
    const rows = picks.map((base) => ({
      vswitchId: vswitch.id,
      prefix: `${formatIpv4(base)}/${IPV4_PREFIX_LENGTH}`,
      ...owner,
      members: prefixMembers(base),
    }))
    const claimed = await tx.insertIpv4Prefixes(rows)
    got.push(...claimed)
    if (claimed.length < rows.length) {
      // Give the lost blocks back (no other local transaction could pick inside them), then
      // mark what the store holds: the block's real users stay used, the rest is free again.
      for (const [i, r] of rows.entries()) {
        if (!claimed.includes(r.prefix)) pool.markBlockFree(picks[i] ?? -1)
      }
      pool = await ctx.pools.refresh(tx, vswitch)
      rebuilt = false
    }
  }
  return got
}
