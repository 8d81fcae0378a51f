// StopInstance (ECS, eni-api.md §8.7): `Running` → `Stopping`, `Stopped` once the worker runs.
// ENIs stay attached and keep their addresses. `ForceStop`/`StoppedMode` change nothing here.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { stopInstance } from '../../service/instance-lifecycle.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'

export function stopInstanceAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'StopInstance',
    handler: async ({ params, accountId, audit }) => {
      params.bool('ForceStop')
      await stopInstance(
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
