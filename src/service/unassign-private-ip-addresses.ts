import { IPV4_PREFIX_LENGTH } from '../allocator/address-pool.js'
import { parseCidr } from '../allocator/cidr.js'
import { parseIpv4 } from '../allocator/ipv4.js'
import { requireEniStatus, requireInstanceStatus } from '../domain/eni-rules.js'
import { errors } from '../domain/errors.js'
import { MAX_ADDRESSES_PER_CALL } from './address-request.js'
import { ipv4PrefixMembers } from './allocate-prefixes.js'
import { attachmentOf } from './attached-type.js'
import { MAX_PREFIXES_PER_CALL } from './ipv6-request.js'
import type { Caller, ServiceContext } from './context.js'
import { requireEni, requireRegion } from './lookups.js'
import { runTransaction } from './run-transaction.js'

export interface UnassignPrivateIpAddressesInput {
  readonly regionId: string
  readonly networkInterfaceId: string
  readonly privateIpAddresses: readonly string[]
  readonly ipv4Prefixes?: readonly string[] | undefined
}

/** All-or-nothing: every address must be a secondary address of this ENI. */
export async function unassignPrivateIpAddresses(
  ctx: ServiceContext,
  caller: Caller,
  input: UnassignPrivateIpAddressesInput,
): Promise<void> {
  requireRegion(ctx, input.regionId)
  const addresses = input.privateIpAddresses
  const prefixes = (input.ipv4Prefixes ?? []).map((p) => {
    const c = parseCidr(p)
    if (c?.prefix !== IPV4_PREFIX_LENGTH) throw errors.invalidParameter('Ipv4Prefix.N')
    return c.text
  })
  if (addresses.length === 0 && prefixes.length === 0) {
    throw errors.missingParameter('PrivateIpAddress.1')
  }
  if (prefixes.length > MAX_PREFIXES_PER_CALL) throw errors.invalidParameter('Ipv4Prefix.N')
  const repeatedPrefix = prefixes.find((p, i) => prefixes.indexOf(p) !== i)
  if (repeatedPrefix !== undefined) throw errors.ipRepeated(repeatedPrefix)
  if (addresses.length > MAX_ADDRESSES_PER_CALL) throw errors.invalidParameter('PrivateIpAddress.N')
  const malformed = addresses.find((a) => parseIpv4(a) === undefined)
  if (malformed !== undefined) throw errors.invalidIpAddress(malformed)
  const repeated = addresses.find((a, i) => addresses.indexOf(a) !== i)
  if (repeated !== undefined) throw errors.ipRepeated(repeated)

  const vswitchId = await runTransaction(ctx, async (tx) => {
    const eni = await requireEni(tx, caller, input.regionId, input.networkInterfaceId, true)
    requireEniStatus(eni, ['Available', 'InUse'])
    const attachment = await attachmentOf(tx, eni)
    if (eni.type === 'Primary' && attachment) {
      requireInstanceStatus(attachment.instance, ['Running', 'Stopped'])
    }
    const secondaries = new Set(eni.privateIps.filter((ip) => !ip.primary).map((ip) => ip.address))
    const primary = eni.privateIps.find((ip) => ip.primary)?.address
    if (primary !== undefined && addresses.includes(primary)) {
      throw errors.primaryIpNotUnassignable(primary, eni.id)
    }
    const missing = addresses.find((a) => !secondaries.has(a))
    if (missing !== undefined) throw errors.ipUnassigned(missing, eni.id)
    const missingPrefix = prefixes.find((p) => !eni.ipv4Prefixes.includes(p))
    if (missingPrefix !== undefined) throw errors.ipUnassigned(missingPrefix, eni.id)
    const removed = await tx.deletePrivateIps(eni.id, addresses)
    if (removed !== addresses.length) throw errors.eniOperationConflict()
    if ((await tx.deleteIpv4Prefixes(eni.id, prefixes)) !== prefixes.length) {
      throw errors.eniOperationConflict()
    }
    return eni.vswitchId
  })
  ctx.pools.markFree(vswitchId, [...addresses, ...ipv4PrefixMembers(prefixes)])
}
