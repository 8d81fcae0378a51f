// TagResources (VPC 2016-04-28, extensions.md §1.4): `ResourceType` VPC | VSWITCH (any case),
// `ResourceId.N` (≤ 50), `Tag.N` (≤ 20, value may be empty). Answers only `RequestId`.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { tagResources } from '../../service/tag-resources.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'
import { resourceIdsOf, tagInputsOf, vpcResourceTypeOf } from './shared/tag-params.js'

export function vpcTagResourcesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'TagResources',
    handler: async ({ params, accountId, audit }) => {
      const { type } = vpcResourceTypeOf(params)
      await tagResources(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          api: 'vpc',
          regionId: regionOf(params),
          resourceType: type,
          resourceIds: resourceIdsOf(params),
          tags: tagInputsOf(params),
        },
      )
      return {}
    },
  }
}
