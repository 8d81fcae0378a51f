// IPv6 on an ENI (extensions.md §2.4, §3): single addresses and /80 prefixes in the vSwitch /64.
// Random singles need no index and no scan: 64 random bits almost never meet a used address,
// and when they do the database's (vswitch, address) key says so and another draw follows.
// /80 prefixes come from an in-memory index of free blocks; the (vswitch, block) key decides.
import {
  formatIpv6,
  type Ipv6Cidr,
  IPV6_PREFIX_LENGTH,
  ipv6BlockOf,
  ipv6CidrContains,
  isReservedIpv6Block,
  isUsableIpv6,
  parseIpv6,
  parseIpv6Cidr,
  randomIpv6In,
  subBlock,
  subBlockIndex,
} from '../allocator/ipv6.js'
import type { SlotPool } from '../allocator/slot-pool.js'
import { errors } from '../domain/errors.js'
import type { VSwitch } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'
import { claimLoop, claimsFrom, type ClaimPool } from './claim-loop.js'
import type { ServiceContext } from './context.js'

export interface Ipv6Owner {
  readonly eniId: string
  readonly accountId: string
}

/** The vSwitch /64; a vSwitch without IPv6 → `InvalidVSwitch.Ipv6NotTurnOn`. */
export function ipv6BlockOfVSwitch(vswitch: VSwitch): Ipv6Cidr {
  const c = parseIpv6Cidr(vswitch.ipv6CidrBlock ?? '')
  if (!c) throw errors.ipv6NotTurnOn(vswitch.id)
  return c
}

/**
 * Validates chosen addresses: malformed (InvalidIp.Address), repeated (InvalidIp.IpRepeated),
 * outside the /64 or reserved (InvalidVSwitchId.IpInvalid), in use or inside an assigned /80
 * (InvalidIp.IpAssigned). Returns them canonical.
 */
export async function checkChosenIpv6(
  tx: Tx,
  vswitch: VSwitch,
  addresses: readonly string[],
): Promise<string[]> {
  if (addresses.length === 0) return []
  const cidr = ipv6BlockOfVSwitch(vswitch)
  const parsed = addresses.map((a) => {
    const n = parseIpv6(a)
    if (n === undefined) throw errors.invalidIpAddress(a)
    return n
  })
  const seen = new Set<bigint>()
  for (const [i, n] of parsed.entries()) {
    if (seen.has(n)) throw errors.ipRepeated(addresses[i] ?? '')
    seen.add(n)
  }
  for (const [i, n] of parsed.entries()) {
    const text = addresses[i] ?? ''
    if (!ipv6CidrContains(cidr, n)) throw errors.ipInvalidInVSwitch(text, cidr.text)
    if (!isUsableIpv6(cidr, n)) throw errors.ipv6ReservedInVSwitch(text, cidr.text)
  }
  const canonical = parsed.map(formatIpv6)
  const [taken] = await tx.ipv6AddressesInUse(vswitch.id, canonical)
  if (taken !== undefined) throw errors.ipAssigned(taken)
  const blocks = parsed.map((n) => ipv6BlockOf(cidr, n))
  const [inPrefix] = await tx.ipv6PrefixBlocksIn(vswitch.id, blocks)
  if (inPrefix !== undefined) throw errors.ipAssigned(canonical[blocks.indexOf(inPrefix)] ?? '')
  return canonical
}

/** Inserts checked chosen addresses; a concurrent winner surfaces as `InvalidIp.IpAssigned`. */
export async function assignChosenIpv6(
  tx: Tx,
  ctx: ServiceContext,
  vswitch: VSwitch,
  owner: Ipv6Owner,
  addresses: readonly string[],
): Promise<string[]> {
  if (addresses.length === 0) return []
  const cidr = ipv6BlockOfVSwitch(vswitch)
  const rows = addresses.map((address) => {
    const n = parseIpv6(address) ?? 0n
    return { vswitchId: vswitch.id, address, block: ipv6BlockOf(cidr, n), ...owner }
  })
  const inserted = await tx.insertIpv6Addresses(rows)
  for (const a of inserted) takeBlockOf(ctx, vswitch.id, cidr, parseIpv6(a) ?? 0n)
  const lost = addresses.find((a) => !inserted.includes(a))
  if (lost !== undefined) throw errors.ipAssigned(lost)
  return [...addresses]
}

function takeBlockOf(ctx: ServiceContext, vswitchId: string, cidr: Ipv6Cidr, ip: bigint): void {
  ctx.ipv6Blocks.take(vswitchId, subBlockIndex(cidr, IPV6_PREFIX_LENGTH, ip))
}

/** Draws (random or, in sequential mode, lowest-first from `::10`) before the insert decides. */
const MAX_DRAWS = 64
const SEQUENTIAL_START = 0x10n

/** Inserts `count` automatic addresses. */
export async function assignAutomaticIpv6(
  tx: Tx,
  ctx: ServiceContext,
  vswitch: VSwitch,
  owner: Ipv6Owner,
  count: number,
): Promise<string[]> {
  const cidr = ipv6BlockOfVSwitch(vswitch)
  const next = await candidateSource(tx, ctx, vswitch, cidr)
  const got: string[] = []
  for (let draw = 0; got.length < count; draw++) {
    if (draw >= MAX_DRAWS) throw errors.operationConflict()
    const batch = Array.from({ length: count - got.length }, next)
    const rows = batch.map((n) => ({
      vswitchId: vswitch.id,
      address: formatIpv6(n),
      block: ipv6BlockOf(cidr, n),
      ...owner,
    }))
    const inserted = await tx.insertIpv6Addresses(rows)
    for (const a of inserted) takeBlockOf(ctx, vswitch.id, cidr, parseIpv6(a) ?? 0n)
    got.push(...inserted)
  }
  return got
}

/** Random: 64 fresh bits per draw. Sequential (tests): ascending free IDs from `::10`. */
async function candidateSource(
  tx: Tx,
  ctx: ServiceContext,
  vswitch: VSwitch,
  cidr: Ipv6Cidr,
): Promise<() => bigint> {
  if (ctx.allocation !== 'sequential') return () => randomIpv6In(cidr, ctx.random)
  // Sequential mode is for deterministic tests; it reads the vSwitch's addresses once.
  const used = new Set(await tx.usedIpv6Addresses(vswitch.id))
  let iid = SEQUENTIAL_START
  return () => {
    while (used.has(formatIpv6(cidr.base + iid))) iid++
    const n = cidr.base + iid
    used.add(formatIpv6(n))
    return n
  }
}

/**
 * Validates chosen /80 prefixes: a canonical /80 (else InvalidParameter), no repeats, inside
 * the /64 and not a block holding a reserved address (InvalidVSwitchId.IpInvalid). Whether it
 * is free is the insert's to say.
 */
export function checkChosenIpv6Prefixes(vswitch: VSwitch, prefixes: readonly string[]): string[] {
  if (prefixes.length === 0) return []
  const cidr = ipv6BlockOfVSwitch(vswitch)
  const parsed = prefixes.map((p) => {
    const c = parseIpv6Cidr(p)
    if (!c || c.prefix !== IPV6_PREFIX_LENGTH) throw errors.invalidParameter('Ipv6Prefix.N')
    return c
  })
  const seen = new Set<string>()
  for (const c of parsed) {
    if (seen.has(c.text)) throw errors.ipRepeated(c.text)
    seen.add(c.text)
  }
  for (const c of parsed) {
    const inside = c.base >= cidr.base && c.base - cidr.base < 1n << 64n
    if (!inside) throw errors.ipInvalidInVSwitch(c.text, cidr.text)
    if (isReservedIpv6Block(subBlockIndex(cidr, IPV6_PREFIX_LENGTH, c.base))) {
      throw errors.ipv6ReservedInVSwitch(c.text, cidr.text)
    }
  }
  return parsed.map((c) => c.text)
}

/** Claims checked chosen /80s; one held by a prefix or by single addresses → IpAssigned. */
export async function assignChosenIpv6Prefixes(
  tx: Tx,
  ctx: ServiceContext,
  vswitch: VSwitch,
  owner: Ipv6Owner,
  prefixes: readonly string[],
): Promise<string[]> {
  if (prefixes.length === 0) return []
  const cidr = ipv6BlockOfVSwitch(vswitch)
  const claimed = await tx.insertIpv6Prefixes(
    prefixes.map((prefix) => ({ vswitchId: vswitch.id, prefix, ...owner })),
  )
  for (const p of claimed) takeBlockOf(ctx, vswitch.id, cidr, parseIpv6Cidr(p)?.base ?? 0n)
  const lost = prefixes.find((p) => !claimed.includes(p))
  if (lost !== undefined) throw errors.ipAssigned(lost)
  return [...prefixes]
}

/** The vSwitch's free-/80 index as the claim loop sees it (block indexes). */
function slotClaims(ctx: ServiceContext, pool: SlotPool): ClaimPool<number> {
  return claimsFrom(ctx, {
    count: () => pool.freeCount,
    lowest: (n) => pool.pickLowest(n),
    random: (n, r) => pool.pickRandom(n, r),
    take: (b) => pool.remove(b),
    release: (b) => pool.add(b),
  })
}

/** Claims `count` free /80s from the block index; exhausted after a rebuild → IpNotEnough. */
export async function assignAutomaticIpv6Prefixes(
  tx: Tx,
  ctx: ServiceContext,
  vswitch: VSwitch,
  owner: Ipv6Owner,
  count: number,
): Promise<string[]> {
  const cidr = ipv6BlockOfVSwitch(vswitch)
  return claimLoop(tx, {
    count,
    current: async () => slotClaims(ctx, await ctx.ipv6Blocks.get(tx, vswitch)),
    rebuild: async () => slotClaims(ctx, await ctx.ipv6Blocks.reload(tx, vswitch)),
    // A lost /80 is held by another ENI or by single addresses: it stays out of the index.
    afterLoss: async (pool) => pool,
    async insert(picks) {
      const rows = picks.map((b) => ({
        vswitchId: vswitch.id,
        prefix: subBlock(cidr, IPV6_PREFIX_LENGTH, b).text,
        ...owner,
      }))
      const claimed = await tx.insertIpv6Prefixes(rows)
      const won = new Set(claimed)
      return { claimed, lost: picks.filter((_, i) => !won.has(rows[i]?.prefix ?? '')) }
    },
    exhausted: () => errors.ipNotEnough(vswitch.id),
  })
}
