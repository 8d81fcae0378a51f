// ListTagResources (ECS 2014-05-26, extensions.md §1.3): rows of (resource, tag) selected by
// `ResourceId.N` and/or `Tag.N` (AND; a key alone matches any value); 50 rows a page, `NextToken`
// absent on the last. `TagFilter.N` (fuzzy matching) is not modelled: `InvalidParameter`.
import type { ServiceContext } from '../../service/context.js'
import { listTagResources } from '../../service/list-tag-resources.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { optStr, rejectUnsupported } from './shared/request-params.js'
import {
  ecsResourceTypeOf,
  ecsTagRegionOf,
  resourceIdsOf,
  tagInputsOf,
} from './shared/tag-params.js'
import { tagResourcesPage } from './wire/tag-wire.js'

export function listTagResourcesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'ListTagResources',
    handler: async ({ params, accountId }) => {
      const regionId = ecsTagRegionOf(params)
      const resourceType = ecsResourceTypeOf(params)
      rejectUnsupported(params, ['TagFilter'])
      const page = await listTagResources(
        deps.ctx,
        { accountId },
        {
          api: 'ecs',
          regionId,
          resourceType,
          resourceIds: resourceIdsOf(params),
          tags: tagInputsOf(params),
          nextToken: optStr(params, 'NextToken'),
        },
      )
      return tagResourcesPage(page, resourceType)
    },
  }
}
