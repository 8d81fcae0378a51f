// IPv4 /28 prefixes on an ENI (extensions.md §3): chosen ones (`Ipv4Prefix.N`) are checked for
// shape, alignment, place and use; automatic ones (`Ipv4PrefixCount`) are free aligned /28s
// picked from the vSwitch pool. Either way the database decides: a prefix is its 16 member
// rows, and a member already in use refuses the whole /28.
import {
  type AddressPool,
  IPV4_PREFIX_LENGTH,
  IPV4_PREFIX_SIZE,
} from '../allocator/address-pool.js'
import { cidrContains, isReserved, parseCidr, reservedOffsets } from '../allocator/cidr.js'
import { formatIpv4 } from '../allocator/ipv4.js'
import { errors } from '../domain/errors.js'
import type { EniView, VSwitchRange } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'
import type { AddressOwner } from './allocate-addresses.js'
import { claimLoop, claimsFrom, type ClaimPool } from './claim-loop.js'
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
  vswitch: VSwitchRange,
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
  vswitch: VSwitchRange,
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

/** The vSwitch's address pool as the claim loop sees it: aligned /28 blocks (their base). */
function blockClaims(ctx: ServiceContext, pool: AddressPool): ClaimPool<number> {
  return claimsFrom(ctx, {
    count: () => pool.freeBlockCount,
    lowest: (n) => pool.pickLowestBlocks(n),
    random: (n, r) => pool.pickRandomBlocks(n, r),
    take: (base) => pool.markBlockUsed(base),
    release: (base) => pool.markBlockFree(base),
  })
}

/**
 * Claims `count` free aligned /28s (random or lowest-first per the server mode) through the
 * claim loop; only a pool rebuilt from the store without enough free /28s means
 * `InvalidVSwitchId.IpNotEnough`.
 */
export async function assignAutomaticIpv4Prefixes(
  tx: Tx,
  ctx: ServiceContext,
  vswitch: VSwitchRange,
  owner: Omit<AddressOwner, 'primary'>,
  count: number,
): Promise<string[]> {
  return claimLoop(tx, {
    count,
    current: async () => blockClaims(ctx, await ctx.pools.get(tx, vswitch)),
    rebuild: async () => blockClaims(ctx, await ctx.pools.reload(tx, vswitch)),
    // Give the lost blocks back (no other local transaction could pick inside them), then mark
    // what the store holds: a block's real users stay used, the rest is free again.
    async afterLoss(pool, lost) {
      pool.giveBack(lost)
      return blockClaims(ctx, await ctx.pools.refresh(tx, vswitch))
    },
    async insert(picks) {
      const rows = picks.map((base) => ({
        vswitchId: vswitch.id,
        prefix: `${formatIpv4(base)}/${IPV4_PREFIX_LENGTH}`,
        ...owner,
        members: prefixMembers(base),
      }))
      const claimed = await tx.insertIpv4Prefixes(rows)
      const won = new Set(claimed)
      return { claimed, lost: picks.filter((_, i) => !won.has(rows[i]?.prefix ?? '')) }
    },
    exhausted: () => errors.ipNotEnough(vswitch.id),
  })
}
