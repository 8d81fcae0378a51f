// StartInstance (ECS, eni-api.md §8.7): `Stopped` → `Starting`, `Running` once the worker runs.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { startInstance } from '../../service/instance-lifecycle.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'

export function startInstanceAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'StartInstance',
    handler: async ({ params, accountId, audit }) => {
      await startInstance(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          regionId: regionOf(params),
          instanceId: params.requiredStr('InstanceId'),
          dryRun: params.bool('DryRun'),
        },
      )
      return {}
    },
  }
}
