// DescribeInstanceTypes (ECS, eni-api.md §7.12): the per-type ENI limits. `RegionId` is optional
// (types are global); an unknown type in `InstanceTypes.N` is simply absent. The whole matching
// catalogue fits in one page, so `NextToken` is always empty.
import type { ServiceContext } from '../../service/context.js'
import { describeInstanceTypes } from '../../service/catalogue.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { wrap } from '../list-wrapper.js'
import { optStr } from './shared/request-params.js'
import { toWireInstanceType } from './wire/catalogue-wire.js'

export function describeInstanceTypesAction(_deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DescribeInstanceTypes',
    handler: async ({ params }) => {
      params.int('MaxResults', { min: 1, max: 1600 })
      const types = describeInstanceTypes({
        instanceTypes: params.list('InstanceTypes', { max: 10 }),
        family: optStr(params, 'InstanceTypeFamily'),
      })
      return {
        NextToken: '',
        ...wrap('InstanceTypes', 'InstanceType', types.map(toWireInstanceType)),
      }
    },
  }
}
