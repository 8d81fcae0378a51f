// DescribeInstanceTypes (ECS, eni-api.md §7.12, extensions.md §7): the per-type ENI limits.
// `RegionId` is optional (types are global); an unknown type in `InstanceTypes.N` is simply
// absent. Pages with `MaxResults` (≤ 1600, the default) and `NextToken` (`""` on the last page),
// as Terway and Cilium loop on it. `EniPrivateIpAddressQuantity` is the limit this server
// enforces on an attached ENI: under the `seed` profile min(20, the type's), so a client that
// reads it never asks for more than it may have. `EriQuantity` is likewise what it enforces (0:
// no stored source gives any type a positive one). `InstanceBandwidthRx/Tx` (kbit/s) and the
// queue figures appear where domain/data/instance-type-network.json has them (real API output,
// or derived from the documented baseline bandwidth and NIC queues), and are absent otherwise.
import { privateIpCap } from '../../domain/eni-rules.js'
import type { ServiceContext } from '../../service/context.js'
import { describeInstanceTypes, pageInstanceTypes } from '../../service/catalogue.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { wrap } from '../list-wrapper.js'
import { optStr } from './shared/request-params.js'
import { toWireInstanceType } from './wire/catalogue-wire.js'

export function describeInstanceTypesAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'DescribeInstanceTypes',
    handler: async ({ params }) => {
      const maxResults = params.int('MaxResults', { min: 1, max: 1600 })
      const types = describeInstanceTypes({
        instanceTypes: params.list('InstanceTypes', { max: 10 }),
        family: optStr(params, 'InstanceTypeFamily'),
      })
      const page = pageInstanceTypes(types, { maxResults, nextToken: optStr(params, 'NextToken') })
      return {
        NextToken: page.nextToken,
        ...wrap(
          'InstanceTypes',
          'InstanceType',
          page.items.map((t) => ({
            ...toWireInstanceType(t),
            EniPrivateIpAddressQuantity: privateIpCap(deps.ctx.profile, t),
          })),
        ),
      }
    },
  }
}
