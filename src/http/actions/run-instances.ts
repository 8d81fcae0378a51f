// RunInstances (ECS, eni-api.md §8.5): `Amount` (1–100) instances, each with a primary ENI;
// they go Pending → Running by themselves once the worker runs.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { runInstances } from '../../service/launch-instances.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { wrap } from '../list-wrapper.js'
import { launchInputOf } from './shared/launch-params.js'

export function runInstancesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'RunInstances',
    handler: async ({ params, accountId, audit }) => {
      const amount = params.int('Amount', { min: 1, max: 100 })
      const ids = await runInstances(
        withAudit(deps.ctx, audit),
        { accountId },
        { ...launchInputOf(params), amount },
      )
      return wrap('InstanceIdSets', 'InstanceIdSet', ids)
    },
  }
}
