import { errors } from '../domain/errors.js'
import type { EniView, Instance } from '../domain/resources.js'
import type { Tagged } from '../domain/tags.js'
import type { InstanceFilter, PageResult } from '../storage/store.js'
import type { Caller, ServiceContext } from './context.js'
import { requireRegion } from './lookups.js'
import type { PageRequest } from './paging.js'
import { toStorePage } from './paging.js'
import { withTags } from './resource-tags.js'
import { runTransaction } from './run-transaction.js'

export interface InstanceView extends Instance, Tagged {
  /** the primary ENI first, then attached secondary ENIs by device index */
  readonly networkInterfaces: readonly EniView[]
}

export async function describeInstances(
  ctx: ServiceContext,
  caller: Caller,
  input: InstanceFilter & PageRequest,
): Promise<PageResult<InstanceView> & { pageNumber: number; pageSize: number }> {
  requireRegion(ctx, input.regionId)
  if ((input.ids?.length ?? 0) > 100) throw errors.invalidParameter('InstanceIds')
  const { page, pageNumber, pageSize } = toStorePage(input, 10)
  if (pageSize < 1 || pageSize > 100) throw errors.invalidParameter('PageSize')
  const result = await runTransaction(ctx, async (tx) => {
    const list = await tx.listInstances(caller.accountId, input, page)
    const items: InstanceView[] = []
    for (const i of await withTags(tx, caller, 'instance', list.items)) {
      items.push({ ...i, networkInterfaces: await tx.enisOfInstance(i.id) })
    }
    return { ...list, items }
  })
  return { ...result, pageNumber, pageSize }
}
