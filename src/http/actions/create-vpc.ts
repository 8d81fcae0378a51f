// CreateVpc (VPC 2016-04-28, eni-api.md §8.1): `Pending`, then `Available` once the worker runs.
// CidrBlock defaults to 172.16.0.0/12. IPv6, user CIDRs and tags are not modelled.
import type { ServiceContext } from '../../service/context.js'
import { createVpc } from '../../service/create-vpc.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { optStr, regionOf, rejectUnsupported } from './shared/request-params.js'

const UNSUPPORTED = ['EnableIpv6', 'Ipv6CidrBlock', 'UserCidr', 'Tag']

export function createVpcAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'CreateVpc',
    handler: async ({ params, accountId }) => {
      rejectUnsupported(params, UNSUPPORTED)
      const vpc = await createVpc(
        deps.ctx,
        { accountId },
        {
          regionId: regionOf(params),
          cidrBlock: optStr(params, 'CidrBlock'),
          name: optStr(params, 'VpcName'),
          description: optStr(params, 'Description'),
          clientToken: optStr(params, 'ClientToken'),
          dryRun: params.bool('DryRun'),
        },
      )
      return {
        VpcId: vpc.id,
        VRouterId: vpc.vRouterId,
        RouteTableId: vpc.routeTableId,
        ResourceGroupId: '',
      }
    },
  }
}
