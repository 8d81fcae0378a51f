// DeleteInstance (ECS, eni-api.md §8.9): `Stopped`, or `Running` with `Force=true`. The primary
// ENI goes with the instance; secondary ENIs follow their DeleteOnRelease.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { deleteInstance } from '../../service/instance-lifecycle.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'

export function deleteInstanceAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DeleteInstance',
    handler: async ({ params, accountId, audit }) => {
      await deleteInstance(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          regionId: regionOf(params),
          instanceId: params.requiredStr('InstanceId'),
          force: params.bool('Force'),
          dryRun: params.bool('DryRun'),
        },
      )
      return {}
    },
  }
}
