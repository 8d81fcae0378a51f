// DescribeEndpoints (Location 2015-06-12, extensions.md §5.2) on the same endpoint: the Go SDK's
// location resolver and Terraform's `loadEndpoint` ask it where ECS, VPC and STS live. The answer
// is this server: the host the client reached it at, or — when that is one of Alibaba's own
// names mapped to this server (`*.aliyuncs.com`, e.g. through /etc/hosts with `serve --tls`) —
// the product's regional Alibaba name, which then resolves here too. The misspelt
// `SerivceCode` is the wire name clients read.
import type { ServiceContext } from '../../service/context.js'
import { describeEndpoints } from '../../service/describe-endpoints.js'
import { LOCATION_VERSION, type ActionDefinition } from '../action-registry.js'
import { wrap } from '../list-wrapper.js'
import { optStr } from './shared/request-params.js'

const ALIBABA_HOST = /\.aliyuncs\.com(:\d+)?$/i

export function describeEndpointsAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: LOCATION_VERSION,
    action: 'DescribeEndpoints',
    handler: async ({ params, host }) => {
      const regionId = params.requiredStr('Id')
      const endpointOf = (serviceCode: string, region: string): string =>
        host === undefined || ALIBABA_HOST.test(host)
          ? `${serviceCode}.${region}.aliyuncs.com`
          : host
      const entries = describeEndpoints(
        deps.ctx,
        {
          regionId,
          serviceCode: optStr(params, 'ServiceCode'),
          type: optStr(params, 'Type'),
        },
        endpointOf,
      )
      return {
        Success: true,
        ...wrap(
          'Endpoints',
          'Endpoint',
          entries.map((e) => ({
            Endpoint: e.endpoint,
            Id: e.regionId,
            Namespace: '',
            SerivceCode: e.serviceCode,
            Type: e.type,
            ...wrap('Protocols', 'Protocols', ['HTTP', 'HTTPS']),
          })),
        ),
      }
    },
  }
}
