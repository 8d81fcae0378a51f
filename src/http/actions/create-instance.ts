// CreateInstance (ECS, eni-api.md §8.6): one instance with a primary ENI; it ends `Stopped`
// once the worker runs, and the caller starts it.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { createInstance } from '../../service/launch-instances.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { launchInputOf } from './shared/launch-params.js'

export function createInstanceAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'CreateInstance',
    handler: async ({ params, accountId, audit }) => {
      const id = await createInstance(
        withAudit(deps.ctx, audit),
        { accountId },
        launchInputOf(params),
      )
      return { InstanceId: id }
    },
  }
}
