// DescribeEndpoints (Location 2015-06-12, extensions.md §5.2): where a product's OpenAPI lives in
// a region. Every product served here lives on this server, so the answer for each configured
// region and served product is this server's own endpoint; an unknown region or product is an
// empty list (which the Go SDK turns into its own "can not resolve endpoint"), never an error.
import type { ServiceContext } from './context.js'

/** Location service codes of the products this server answers. */
export const SERVED_SERVICE_CODES: readonly string[] = ['ecs', 'vpc', 'sts']

export interface EndpointEntry {
  readonly endpoint: string
  readonly regionId: string
  readonly serviceCode: string
  readonly type: 'openAPI'
}

export interface DescribeEndpointsInput {
  readonly regionId: string
  readonly serviceCode?: string | undefined
  readonly type?: string | undefined
}

export function describeEndpoints(
  ctx: ServiceContext,
  input: DescribeEndpointsInput,
  endpointOf: (serviceCode: string, regionId: string) => string,
): EndpointEntry[] {
  if (!ctx.regions.some((r) => r.regionId === input.regionId)) return []
  if (input.type !== undefined && input.type !== 'openAPI') return []
  const codes =
    input.serviceCode === undefined
      ? SERVED_SERVICE_CODES
      : SERVED_SERVICE_CODES.filter((c) => c === input.serviceCode?.toLowerCase())
  return codes.map((serviceCode) => ({
    endpoint: endpointOf(serviceCode, input.regionId),
    regionId: input.regionId,
    serviceCode,
    type: 'openAPI',
  }))
}
