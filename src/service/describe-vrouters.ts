// DescribeVRouters: every VPC has one vRouter (its id is on the VPC row), so the vRouters of a
// region are its VPCs seen from the router's side. A region holds at most `vpcsPerRegion` VPCs,
// so the filter and the page are applied in memory.
import type { Vpc } from '../domain/resources.js'
import type { Caller, ServiceContext } from './context.js'
import { requireRegion } from './lookups.js'
import { runTransaction } from './run-transaction.js'

export interface DescribeVRoutersInput {
  readonly regionId: string
  readonly vRouterId?: string | undefined
  readonly pageNumber?: number | undefined
  readonly pageSize?: number | undefined
}

export interface VRoutersPage {
  readonly items: Vpc[]
  readonly totalCount: number
  readonly pageNumber: number
  readonly pageSize: number
}

export async function describeVRouters(
  ctx: ServiceContext,
  caller: Caller,
  input: DescribeVRoutersInput,
): Promise<VRoutersPage> {
  requireRegion(ctx, input.regionId)
  const pageNumber = input.pageNumber ?? 1
  const pageSize = input.pageSize ?? 10
  const all = await runTransaction(ctx, async (tx) => {
    const vpcs: Vpc[] = []
    let after: string | undefined
    do {
      const page = await tx.listVpcs(
        caller.accountId,
        { regionId: input.regionId },
        { after, limit: 100 },
      )
      vpcs.push(...page.items)
      after = page.nextToken === '' ? undefined : page.nextToken
    } while (after !== undefined)
    return vpcs
  })
  const matching = all.filter(
    (v) => input.vRouterId === undefined || v.vRouterId === input.vRouterId,
  )
  const start = (pageNumber - 1) * pageSize
  return {
    items: matching.slice(start, start + pageSize),
    totalCount: matching.length,
    pageNumber,
    pageSize,
  }
}
