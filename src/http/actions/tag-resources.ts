// TagResources (ECS 2014-05-26, extensions.md §1.3): `ResourceType` eni | instance |
// securitygroup, `ResourceId.N` (1–50), `Tag.N` (1–20). Answers only `RequestId`.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { tagResources } from '../../service/tag-resources.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import {
  ecsResourceTypeOf,
  ecsTagRegionOf,
  resourceIdsOf,
  tagInputsOf,
} from './shared/tag-params.js'

export function tagResourcesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'TagResources',
    handler: async ({ params, accountId, audit }) => {
      const regionId = ecsTagRegionOf(params)
      const resourceType = ecsResourceTypeOf(params)
      await tagResources(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          api: 'ecs',
          regionId,
          resourceType,
          resourceIds: resourceIdsOf(params),
          tags: tagInputsOf(params),
        },
      )
      return {}
    },
  }
}
