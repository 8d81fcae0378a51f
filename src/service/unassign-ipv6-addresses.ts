// UnassignIpv6Addresses (ECS, eni-api.md §7.11): all or nothing; every address and /80 prefix
// must be the ENI's own (`InvalidIp.IpUnassigned`). Freed blocks are dropped from the in-memory
// /80 index, which rebuilds on its next pick.
import { canonicalIpv6, parseIpv6Cidr } from '../allocator/ipv6.js'
import { requireEniStatus, requireInstanceStatus } from '../domain/eni-rules.js'
import { errors } from '../domain/errors.js'
import { attachmentOf } from './attached-type.js'
import type { Caller, ServiceContext } from './context.js'
import { idempotent } from './idempotency.js'
import { MAX_IPV6_PER_CALL, MAX_PREFIXES_PER_CALL } from './ipv6-request.js'
import { requireEni, requireRegion } from './lookups.js'
import { runTransaction } from './run-transaction.js'

export interface UnassignIpv6AddressesInput {
  readonly regionId: string
  readonly networkInterfaceId: string
  readonly ipv6Addresses?: readonly string[] | undefined
  readonly ipv6Prefixes?: readonly string[] | undefined
  readonly clientToken?: string | undefined
}

function canonicalList(
  list: readonly string[],
  parse: (s: string) => string | undefined,
  malformed: (s: string) => Error,
): string[] {
  const out = list.map((s) => parse(s) ?? thrower(malformed(s)))
  const repeated = out.find((a, i) => out.indexOf(a) !== i)
  if (repeated !== undefined) throw errors.ipRepeated(repeated)
  return out
}

function thrower(e: Error): never {
  throw e
}

export async function unassignIpv6Addresses(
  ctx: ServiceContext,
  caller: Caller,
  input: UnassignIpv6AddressesInput,
): Promise<void> {
  requireRegion(ctx, input.regionId)
  const rawAddresses = input.ipv6Addresses ?? []
  const rawPrefixes = input.ipv6Prefixes ?? []
  if (rawAddresses.length === 0 && rawPrefixes.length === 0) {
    throw errors.missingParameter('Ipv6Address.1')
  }
  if (rawAddresses.length > MAX_IPV6_PER_CALL) throw errors.invalidParameter('Ipv6Address.N')
  if (rawPrefixes.length > MAX_PREFIXES_PER_CALL) throw errors.invalidParameter('Ipv6Prefix.N')
  const addresses = canonicalList(rawAddresses, canonicalIpv6, errors.invalidIpAddress)
  const prefixes = canonicalList(
    rawPrefixes,
    (p) => {
      const c = parseIpv6Cidr(p)
      return c?.prefix === 80 ? c.text : undefined
    },
    () => errors.invalidParameter('Ipv6Prefix.N'),
  )

  const vswitchId = await runTransaction(ctx, (tx) =>
    idempotent(
      tx,
      ctx,
      caller,
      {
        action: 'UnassignIpv6Addresses',
        product: 'ecs',
        regionId: input.regionId,
        token: input.clientToken,
        params: input,
      },
      async () => {
        const eni = await requireEni(tx, caller, input.regionId, input.networkInterfaceId, true)
        requireEniStatus(eni, ['Available', 'InUse'])
        const attachment = await attachmentOf(tx, eni)
        if (eni.type === 'Primary' && attachment) {
          requireInstanceStatus(attachment.instance, ['Running', 'Stopped'])
        }
        const missing =
          addresses.find((a) => !eni.ipv6Addresses.includes(a)) ??
          prefixes.find((p) => !eni.ipv6Prefixes.includes(p))
        if (missing !== undefined) throw errors.ipUnassigned(missing, eni.id)
        if ((await tx.deleteIpv6Addresses(eni.id, addresses)) !== addresses.length) {
          throw errors.eniOperationConflict()
        }
        if ((await tx.deleteIpv6Prefixes(eni.id, prefixes)) !== prefixes.length) {
          throw errors.eniOperationConflict()
        }
        return eni.vswitchId
      },
    ),
  )
  ctx.ipv6Blocks.forget(vswitchId)
}
