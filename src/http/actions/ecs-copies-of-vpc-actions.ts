// ECS's copies of the VPC actions (extensions.md §6): `CreateVpc`, `DescribeVSwitches`, … under
// `Version=2014-05-26`, as @alicloud/ecs20140526, the old aliyun-sdk and the Go SDK's ecs package
// call them. Each copy runs the VPC Action's own handler — the same service operation on the same
// VPCs and vSwitches — but sees only the parameters of the ECS request model (anything else,
// e.g. `Tag.N`, which ECS's CreateVpc does not have, is not read). Responses are the VPC ones:
// a superset of the ECS models, whose extra keys every SDK ignores (§6 "ours"). Errors are the
// VPC ones (eni-api.md §8.1–8.2).
import { ECS_VERSION, VPC_VERSION, type ActionDefinition } from '../action-registry.js'

/** Action → the parameters of its ECS 2014-05-26 request model (sdk-ecs 7.11.6). */
export const ECS_VPC_COPIES: Readonly<Record<string, readonly string[]>> = {
  CreateVpc: ['RegionId', 'CidrBlock', 'VpcName', 'Description', 'UserCidr', 'ClientToken'],
  DescribeVpcs: ['RegionId', 'VpcId', 'IsDefault', 'PageNumber', 'PageSize'],
  DeleteVpc: ['RegionId', 'VpcId'],
  CreateVSwitch: [
    'RegionId',
    'VpcId',
    'ZoneId',
    'CidrBlock',
    'VSwitchName',
    'Description',
    'ClientToken',
  ],
  DescribeVSwitches: [
    'RegionId',
    'VpcId',
    'VSwitchId',
    'ZoneId',
    'IsDefault',
    'PageNumber',
    'PageSize',
  ],
  DeleteVSwitch: ['RegionId', 'VSwitchId'],
  DescribeVRouters: ['RegionId', 'VRouterId', 'PageNumber', 'PageSize'],
}

/** The ECS copies of those of `definitions` that ECS has (VPC 2016-04-28 ones only). */
export function ecsCopiesOf(definitions: readonly ActionDefinition[]): ActionDefinition[] {
  const copies: ActionDefinition[] = []
  for (const definition of definitions) {
    const allowed = ECS_VPC_COPIES[definition.action]
    if (definition.version !== VPC_VERSION || allowed === undefined) continue
    copies.push({
      version: ECS_VERSION,
      action: definition.action,
      handler: (ctx) => definition.handler({ ...ctx, params: ctx.params.only(allowed) }),
    })
  }
  return copies
}
