// UntagResources (ECS 2014-05-26, extensions.md §1.3): removes `TagKey.N` (≤ 20) from
// `ResourceId.N` (1–50), or every tag with `All=true` when no `TagKey.N` is given.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { untagResources } from '../../service/untag-resources.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { ecsResourceTypeOf, ecsTagRegionOf, resourceIdsOf, tagKeysOf } from './shared/tag-params.js'

export function untagResourcesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'UntagResources',
    handler: async ({ params, accountId, audit }) => {
      const regionId = ecsTagRegionOf(params)
      const resourceType = ecsResourceTypeOf(params)
      await untagResources(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          api: 'ecs',
          regionId,
          resourceType,
          resourceIds: resourceIdsOf(params),
          tagKeys: tagKeysOf(params),
          all: params.bool('All'),
        },
      )
      return {}
    },
  }
}
