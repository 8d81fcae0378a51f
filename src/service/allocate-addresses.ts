// Putting private IPs on an ENI: chosen addresses are validated in the spec's order (§6.4);
// automatic ones are picked from the vSwitch pool and confirmed by the database insert.
import { parseCidr, reservedOffsets } from '../allocator/cidr.js'
import { formatIpv4, parseIpv4 } from '../allocator/ipv4.js'
import { classifyRequestedAddresses } from '../allocator/validate-address.js'
import type { ApiError } from '../domain/errors.js'
import { errors } from '../domain/errors.js'
import type { VSwitchRange } from '../domain/resources.js'
import type { AddressPool } from '../allocator/address-pool.js'
import type { Tx } from '../storage/store.js'
import { claimLoop, claimsFrom, type ClaimPool } from './claim-loop.js'
import type { ServiceContext } from './context.js'
import { onRollback } from './run-transaction.js'

/** The error codes differ between ENI actions and RunInstances/CreateInstance (§6.4). */
export interface AddressErrors {
  malformed(ip: string): ApiError
  repeated(ip: string): ApiError
  outside(ip: string, cidr: string): ApiError
  /** Inside the CIDR but reserved; `reserved` lists the CIDR's reserved addresses. */
  reserved(ip: string, cidr: string, reserved: readonly string[]): ApiError
  assigned(ip: string): ApiError
  exhausted(vswitchId: string): ApiError
}

export const ENI_ADDRESS_ERRORS: AddressErrors = {
  malformed: errors.invalidIpAddress,
  repeated: errors.ipRepeated,
  outside: errors.ipInvalidInVSwitch,
  reserved: errors.ipReservedInVSwitch,
  assigned: errors.ipAssigned,
  exhausted: errors.ipNotEnough,
}

export const INSTANCE_ADDRESS_ERRORS: AddressErrors = {
  malformed: () => errors.invalidPrivateIpAddressMalformed(),
  repeated: () => errors.privateIpAddressDuplicated(),
  outside: () => errors.invalidPrivateIpAddress(),
  reserved: () => errors.invalidPrivateIpAddress(),
  assigned: () => errors.privateIpAddressDuplicated(),
  exhausted: () => errors.privateIpQuotaExceeded(),
}

export interface AddressOwner {
  readonly eniId: string
  readonly accountId: string
  readonly primary: boolean
}

/** Validates chosen addresses without writing: malformed, repeated, outside/reserved, in use. */
export async function checkChosenAddresses(
  tx: Tx,
  vswitch: VSwitchRange,
  addresses: readonly string[],
  errs: AddressErrors,
): Promise<string[]> {
  const cidr = parseCidr(vswitch.cidrBlock)
  if (!cidr) throw errors.internalError()
  const verdict = classifyRequestedAddresses(cidr, addresses)
  if (verdict.kind === 'malformed') throw errs.malformed(verdict.address)
  if (verdict.kind === 'repeated') throw errs.repeated(verdict.address)
  if (verdict.kind === 'outside') throw errs.outside(verdict.address, vswitch.cidrBlock)
  if (verdict.kind === 'reserved') {
    throw errs.reserved(
      verdict.address,
      vswitch.cidrBlock,
      reservedOffsets(cidr).map((o) => formatIpv4(cidr.base + o)),
    )
  }
  const canonical = verdict.addresses.map(formatIpv4)
  const taken = await tx.addressesInUse(vswitch.id, canonical)
  if (taken[0] !== undefined) throw errs.assigned(taken[0])
  return canonical
}

/** Inserts already-checked chosen addresses; a concurrent winner surfaces as `assigned`. */
export async function assignChosen(
  tx: Tx,
  ctx: ServiceContext,
  vswitch: VSwitchRange,
  owner: AddressOwner,
  addresses: readonly string[],
  errs: AddressErrors,
): Promise<string[]> {
  const inserted = await tx.insertPrivateIps(
    addresses.map((address) => ({ vswitchId: vswitch.id, address, ...owner })),
  )
  const pool = await ctx.pools.get(tx, vswitch)
  const taken = inserted.map((a) => parseIpv4(a) ?? -1)
  for (const n of taken) pool.markUsed(n)
  onRollback(tx, () => {
    for (const n of taken) pool.markFree(n)
  })
  const lost = addresses.find((a) => !inserted.includes(a))
  if (lost !== undefined) throw errs.assigned(lost)
  return [...addresses]
}

/** The vSwitch's address pool as the claim loop sees it (single addresses). */
function addressClaims(ctx: ServiceContext, pool: AddressPool): ClaimPool<number> {
  return claimsFrom(ctx, {
    count: () => pool.freeCount,
    lowest: (n) => pool.pickLowest(n),
    random: (n, r) => pool.pickRandom(n, r),
    take: (ip) => pool.markUsed(ip),
    release: (ip) => pool.markFree(ip),
  })
}

/**
 * Picks and inserts `count` free addresses (random or lowest-first, per the server mode) through
 * the claim loop: reserved in the shared pool so concurrent transactions of this process pick
 * others; a lost race (another transaction or replica committed the address) merges the store's
 * view into the pool and tries again.
 */
export async function assignAutomatic(
  tx: Tx,
  ctx: ServiceContext,
  vswitch: VSwitchRange,
  owner: AddressOwner,
  count: number,
  errs: AddressErrors,
): Promise<string[]> {
  return claimLoop(tx, {
    count,
    current: async () => addressClaims(ctx, await ctx.pools.get(tx, vswitch)),
    rebuild: async () => addressClaims(ctx, await ctx.pools.reload(tx, vswitch)),
    afterLoss: async () => addressClaims(ctx, await ctx.pools.refresh(tx, vswitch)),
    async insert(picks) {
      const candidates = picks.map(formatIpv4)
      const claimed = await tx.insertPrivateIps(
        candidates.map((address) => ({ vswitchId: vswitch.id, address, ...owner })),
      )
      const won = new Set(claimed)
      return { claimed, lost: picks.filter((_, i) => !won.has(candidates[i] ?? '')) }
    },
    exhausted: () => errs.exhausted(vswitch.id),
  })
}
