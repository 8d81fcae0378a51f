// CreateVSwitch (VPC 2016-04-28, eni-api.md §8.2): `Pending`, then `Available` once the worker
// runs. `Ipv6CidrBlock` is the /64 index 0–255 inside the VPC's /56 (extensions.md §2.2).
import { errors } from '../../domain/errors.js'
import { withAudit, type ServiceContext } from '../../service/context.js'
import { createVSwitch } from '../../service/create-vswitch.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { optStr, regionOf, rejectUnsupported } from './shared/request-params.js'
import { tagInputsOf } from './shared/tag-params.js'

export function createVSwitchAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'CreateVSwitch',
    handler: async ({ params, accountId, audit }) => {
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
        ipv6CidrBlockIndex: params.int('Ipv6CidrBlock', { min: 0, max: 255 }),
      }
      const mask = params.int('Ipv6CidrMask')
      if (mask !== undefined && mask !== 64) throw errors.invalidParameter('Ipv6CidrMask')
      rejectUnsupported(params, ['VpcIpv6CidrBlock'])
      const vsw = await createVSwitch(withAudit(deps.ctx, audit), { accountId }, input)
      return { VSwitchId: vsw.id }
    },
  }
}
