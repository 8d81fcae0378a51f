// CreateVpc (VPC 2016-04-28, eni-api.md §8.1): `Pending`, then `Available` once the worker runs.
// CidrBlock defaults to 172.16.0.0/12. `EnableIpv6` gives the VPC a /56 from the server's pool
// (or `Ipv6CidrBlock`), `Ipv6Isp` records the ISP (extensions.md §2.1). `Tag.N` (≤ 20, VPC codes)
// lands on the VPC. User CIDRs are not modelled.
import { defaultResourceGroupId } from '../../domain/resource-group.js'
import { withAudit, type ServiceContext } from '../../service/context.js'
import { createVpc } from '../../service/create-vpc.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { optStr, regionOf, rejectUnsupported } from './shared/request-params.js'
import { tagInputsOf } from './shared/tag-params.js'

const UNSUPPORTED = ['UserCidr', 'Ipv6IpamPoolId', 'Ipv6CidrMask']

export function createVpcAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'CreateVpc',
    handler: async ({ params, accountId, audit }) => {
      rejectUnsupported(params, UNSUPPORTED)
      const vpc = await createVpc(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          regionId: regionOf(params),
          cidrBlock: optStr(params, 'CidrBlock'),
          name: optStr(params, 'VpcName'),
          description: optStr(params, 'Description'),
          clientToken: optStr(params, 'ClientToken'),
          dryRun: params.bool('DryRun'),
          tags: tagInputsOf(params),
          enableIpv6: params.bool('EnableIpv6'),
          ipv6CidrBlock: optStr(params, 'Ipv6CidrBlock'),
          ipv6Isp: optStr(params, 'Ipv6Isp'),
        },
      )
      return {
        VpcId: vpc.id,
        VRouterId: vpc.vRouterId,
        RouteTableId: vpc.routeTableId,
        ResourceGroupId: defaultResourceGroupId(accountId),
      }
    },
  }
}
