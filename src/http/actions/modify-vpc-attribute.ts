// ModifyVpcAttribute (VPC 2016-04-28): `VpcName`, `Description`, and IPv6 with `EnableIPv6`
// (capital IP, unlike CreateVpc's `EnableIpv6`), `Ipv6CidrBlock`, `Ipv6Isp` (extensions.md §2.1).
// Changing the IPv4 `CidrBlock` is not modelled.
import { withAudit, type ServiceContext } from '../../service/context.js'
import { modifyVpcAttribute } from '../../service/modify-vpc-attribute.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { optStr, regionOf, rejectUnsupported } from './shared/request-params.js'

export function modifyVpcAttributeAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'ModifyVpcAttribute',
    handler: async ({ params, accountId, audit }) => {
      const vpcId = params.requiredStr('VpcId')
      rejectUnsupported(params, ['CidrBlock'])
      await modifyVpcAttribute(
        withAudit(deps.ctx, audit),
        { accountId },
        {
          regionId: regionOf(params),
          vpcId,
          name: params.str('VpcName'),
          description: params.str('Description'),
          enableIpv6: params.bool('EnableIPv6'),
          ipv6CidrBlock: optStr(params, 'Ipv6CidrBlock'),
          ipv6Isp: optStr(params, 'Ipv6Isp'),
        },
      )
      return {}
    },
  }
}
