// Putting private IPs on an ENI: chosen addresses are validated in the spec's order (§6.4);
// automatic ones are picked from the vSwitch pool and confirmed by the database insert.
import { parseCidr, reservedOffsets } from '../allocator/cidr.js'
import { formatIpv4, parseIpv4 } from '../allocator/ipv4.js'
import { classifyRequestedAddresses } from '../allocator/validate-address.js'
import type { ApiError } from '../domain/errors.js'
import { errors } from '../domain/errors.js'
import type { VSwitch } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'
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
  vswitch: VSwitch,
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
  vswitch: VSwitch,
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

/** Lost races tolerated in one transaction before it is retried whole (OperationConflict). */
const MAX_ROUNDS = 32

/**
 * Picks and inserts `count` free addresses (random or lowest-first, per the server mode).
 * Picks are reserved in the shared pool before the insert, so concurrent transactions of this
 * process pick others. A lost race (another transaction or replica committed the address) merges
 * the store's view into the pool and tries again; only a pool rebuilt from the store that still
 * has too few free addresses means the vSwitch is exhausted.
 */
export async function assignAutomatic(
  tx: Tx,
  ctx: ServiceContext,
  vswitch: VSwitch,
  owner: AddressOwner,
  count: number,
  errs: AddressErrors,
): Promise<string[]> {
  const got: string[] = []
  let pool = await ctx.pools.get(tx, vswitch)
  let rebuilt = false
  for (let round = 0; got.length < count; round++) {
    if (round >= MAX_ROUNDS) throw errors.operationConflict()
    const need = count - got.length
    if (pool.freeCount < need) {
      if (rebuilt) throw errs.exhausted(vswitch.id)
      pool = await ctx.pools.reload(tx, vswitch)
      rebuilt = true
      continue
    }
    const picks =
      ctx.allocation === 'sequential' ? pool.pickLowest(need) : pool.pickRandom(need, ctx.random)
    for (const n of picks) pool.markUsed(n)
    // Reserved for this transaction: back in the pool if it does not commit.
    const reserved = pool
    onRollback(tx, () => {
      for (const n of picks) reserved.markFree(n)
    })
    const candidates = picks.map(formatIpv4)
    const inserted = await tx.insertPrivateIps(
      candidates.map((address) => ({ vswitchId: vswitch.id, address, ...owner })),
    )
    got.push(...inserted)
    if (inserted.length < candidates.length) {
      pool = await ctx.pools.refresh(tx, vswitch)
      rebuilt = false
    }
  }
  return got
}
