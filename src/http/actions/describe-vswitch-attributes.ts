// DescribeVSwitchAttributes (VPC 2016-04-28): one vSwitch, the DescribeVSwitches fields
// flattened beside RequestId; unknown → `InvalidVSwitchId.NotFound` (Terraform's read path).
import { errors } from '../../domain/errors.js'
import type { ServiceContext } from '../../service/context.js'
import { describeVSwitches } from '../../service/vswitch-operations.js'
import { VPC_VERSION, type ActionDefinition } from '../action-registry.js'
import { regionOf } from './shared/request-params.js'
import { toWireVSwitch } from './wire/network-wire.js'

export function describeVSwitchAttributesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: VPC_VERSION,
    action: 'DescribeVSwitchAttributes',
    handler: async ({ params, accountId }) => {
      const caller = { accountId }
      const vswitchId = params.requiredStr('VSwitchId')
      const result = await describeVSwitches(deps.ctx, caller, {
        regionId: regionOf(params),
        ids: [vswitchId],
        pageSize: 1,
      })
      const [vsw] = result.items
      if (vsw === undefined) throw errors.invalidVSwitchIdNotFound(vswitchId)
      return toWireVSwitch(vsw, vsw.routeTableId)
    },
  }
}
