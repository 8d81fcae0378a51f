// ListTagResources (VPC 2016-04-28, extensions.md §1.4): like ECS's, plus `MaxResults` (1–50,
// default 50); `ResourceType` is echoed upper case; neither `ResourceId.N` nor `Tag.N` →
// `BothEmpty.TagsAndResources`.
import type { ServiceContext } from '../../service/context.js'
import { listTagResources } from '../../service/list-tag-resources.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { optStr, regionOf } from './shared/request-params.js'
import { resourceIdsOf, tagInputsOf, vpcResourceTypeOf } from './shared/tag-params.js'
import { tagResourcesPage } from './wire/tag-wire.js'

export function vpcListTagResourcesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'ListTagResources',
    handler: async ({ params, accountId }) => {
      const { type, wire } = vpcResourceTypeOf(params)
      const page = await listTagResources(
        deps.ctx,
        { accountId },
        {
          api: 'vpc',
          regionId: regionOf(params),
          resourceType: type,
          resourceIds: resourceIdsOf(params),
          tags: tagInputsOf(params),
          nextToken: optStr(params, 'NextToken'),
          maxResults: params.int('MaxResults', { min: 1, max: 50 }),
        },
      )
      return tagResourcesPage(page, wire)
    },
  }
}
