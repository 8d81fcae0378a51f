// CreateVSwitch (VPC 2016-04-28, eni-api.md §8.2): `Pending`, then `Available` once the worker
// runs. VPCs here have no IPv6, so `Ipv6CidrBlock` is refused.
import type { ServiceContext } from '../../service/context.js'
import { createVSwitch } from '../../service/create-vswitch.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { optStr, regionOf, rejectUnsupported } from './shared/request-params.js'
import { tagInputsOf } from './shared/tag-params.js'

export function createVSwitchAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'CreateVSwitch',
    handler: async ({ params, accountId }) => {
      const input = {
        regionId: regionOf(params),
        vpcId: params.requiredStr('VpcId'),
        zoneId: params.requiredStr('ZoneId'),
        cidrBlock: params.requiredStr('CidrBlock'),
        name: optStr(params, 'VSwitchName'),
        description: optStr(params, 'Description'),
        clientToken: optStr(params, 'ClientToken'),
        dryRun: params.bool('DryRun'),
        tags: tagInputsOf(params),
      }
      rejectUnsupported(params, ['Ipv6CidrBlock'])
      const vsw = await createVSwitch(deps.ctx, { accountId }, input)
      return { VSwitchId: vsw.id }
    },
  }
}
