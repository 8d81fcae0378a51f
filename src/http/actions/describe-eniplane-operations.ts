// DescribeEniplaneOperations (ECS 2014-05-26, an eniplane extension): the caller's async
// operations, so a transition that keeps failing is visible: `Status` Pending (with `Attempts`
// and `LastError` once an attempt failed) or Failed (the worker gave up after its bounded
// attempts and put the resource back in a defined state; `LastError` says why).
import { describeOperations } from '../../service/describe-operations.js'
import type { ServiceContext } from '../../service/context.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'

export function describeEniplaneOperationsAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DescribeEniplaneOperations',
    handler: async ({ params, accountId }) => {
      const resourceId = params.str('ResourceId')
      const ops = await describeOperations(
        deps.ctx,
        { accountId },
        { resourceId: resourceId === '' ? undefined : resourceId },
      )
      return {
        TotalCount: ops.length,
        Operations: {
          Operation: ops.map((op) => ({
            OperationId: op.id,
            Kind: op.kind,
            ResourceId: op.resourceId,
            Status: op.failedAt != null ? 'Failed' : 'Pending',
            Attempts: op.attempts ?? 0,
            LastError: op.lastError ?? '',
            DueTime: op.dueAt.toISOString(),
            FailedTime: op.failedAt != null ? op.failedAt.toISOString() : '',
          })),
        },
      }
    },
  }
}
