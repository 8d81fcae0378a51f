import { requireEniStatus } from '../domain/eni-rules.js'
import { errors } from '../domain/errors.js'
import type { Caller, ServiceContext } from './context.js'
import { requireEni, requireRegion } from './lookups.js'
import { runTransaction } from './run-transaction.js'
import { schedule } from './schedule.js'

export interface DeleteNetworkInterfaceInput {
  readonly regionId: string
  readonly networkInterfaceId: string
}

/** `Available` (or a re-issue while `Deleting`) → `Deleting`; the worker removes it. */
export async function deleteNetworkInterface(
  ctx: ServiceContext,
  caller: Caller,
  input: DeleteNetworkInterfaceInput,
): Promise<void> {
  requireRegion(ctx, input.regionId)
  await runTransaction(ctx, async (tx) => {
    const eni = await requireEni(tx, caller, input.regionId, input.networkInterfaceId, true)
    if (eni.type !== 'Secondary') throw errors.invalidEniType('Secondary', eni.type)
    requireEniStatus(eni, ['Available', 'Deleting'])
    await tx.updateEni(eni.id, { status: 'Deleting' })
    await schedule(tx, ctx, 'eni.deleted', caller.accountId, eni.id)
  })
}
