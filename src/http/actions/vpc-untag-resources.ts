// UnTagResources (VPC 2016-04-28, capital T; extensions.md §1.4): removes `TagKey.N` (≤ 20) from
// `ResourceId.N` (≤ 50), or every tag with `All=true` when no `TagKey.N` is given.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { untagResources } from '../../service/untag-resources.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'
import { resourceIdsOf, tagKeysOf, vpcResourceTypeOf } from './shared/tag-params.js'

export function vpcUnTagResourcesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'UnTagResources',
    handler: async ({ params, accountId, audit }) => {
      const { type } = vpcResourceTypeOf(params)
      await untagResources(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          api: 'vpc',
          regionId: regionOf(params),
          resourceType: type,
          resourceIds: resourceIdsOf(params),
          tagKeys: tagKeysOf(params),
          all: params.bool('All'),
        },
      )
      return {}
    },
  }
}
