// DescribeVRouters (VPC 2016-04-28; ECS has a copy): each VPC's vRouter with its one system
// route table. `VRouterId` narrows to one router; an unknown id matches nothing.
import type { ServiceContext } from '../../service/context.js'
import { describeVRouters } from '../../service/describe-vrouters.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { pageFields, wrap } from '../list-wrapper.js'
import { optStr, regionOf } from './shared/request-params.js'
import { formatSeconds } from './wire/time-format.js'

export function describeVRoutersAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'DescribeVRouters',
    handler: async ({ params, accountId }) => {
      const result = await describeVRouters(
        deps.ctx,
        { accountId },
        {
          regionId: regionOf(params),
          vRouterId: optStr(params, 'VRouterId'),
          pageNumber: params.int('PageNumber', { min: 1 }),
          pageSize: params.int('PageSize', { min: 1, max: 50 }),
        },
      )
      return {
        ...pageFields({ ...result, nextToken: '' }, false),
        ...wrap(
          'VRouters',
          'VRouter',
          result.items.map((vpc) => ({
            VRouterId: vpc.vRouterId,
            VpcId: vpc.id,
            RegionId: vpc.regionId,
            VRouterName: '',
            Description: '',
            CreationTime: formatSeconds(vpc.createdAt),
            ...wrap('RouteTableIds', 'RouteTableId', [vpc.routeTableId]),
          })),
        ),
      }
    },
  }
}
