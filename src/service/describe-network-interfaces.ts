import { canonicalIpv6 } from '../allocator/ipv6.js'
import { errors } from '../domain/errors.js'
import type { EniView } from '../domain/resources.js'
import type { Tagged } from '../domain/tags.js'
import type { EniFilter, PageResult } from '../storage/store.js'
import type { Caller, ServiceContext } from './context.js'
import { requireEni, requireRegion } from './lookups.js'
import type { PageRequest } from './paging.js'
import { toStorePage } from './paging.js'
import { withTagsOne } from './resource-tags.js'
import { runTransaction } from './run-transaction.js'

export type DescribeNetworkInterfacesInput = EniFilter & PageRequest

export async function describeNetworkInterfaces(
  ctx: ServiceContext,
  caller: Caller,
  input: DescribeNetworkInterfacesInput,
): Promise<PageResult<EniView & Tagged> & { pageNumber: number; pageSize: number }> {
  requireRegion(ctx, input.regionId)
  if ((input.ids?.length ?? 0) > 100) throw errors.invalidParameter('NetworkInterfaceId.N')
  const { page, pageNumber, pageSize } = toStorePage(input, 10)
  // IPv6 filters match the stored canonical text; a malformed one matches nothing.
  const filter: EniFilter =
    input.ipv6Addresses === undefined
      ? input
      : { ...input, ipv6Addresses: input.ipv6Addresses.flatMap((a) => canonicalIpv6(a) ?? []) }
  // Tags come with the page (listEnis reads them with the addresses, in one query).
  const result = await runTransaction(ctx, (tx) => tx.listEnis(caller.accountId, filter, page))
  return { ...result, pageNumber, pageSize }
}

export async function describeNetworkInterfaceAttribute(
  ctx: ServiceContext,
  caller: Caller,
  input: { regionId: string; networkInterfaceId: string },
): Promise<EniView & Tagged> {
  requireRegion(ctx, input.regionId)
  return runTransaction(ctx, async (tx) =>
    withTagsOne(
      tx,
      caller,
      'eni',
      await requireEni(tx, caller, input.regionId, input.networkInterfaceId),
    ),
  )
}
