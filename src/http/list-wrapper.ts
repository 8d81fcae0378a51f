// Alibaba's XML-derived double wrappers around lists (eni-api.md §2.4, wire-protocol.md §7):
// `{"NetworkInterfaceSets":{"NetworkInterfaceSet":[…]}}`. An empty list stays `[]` inside its
// wrapper; it is never omitted, because Terway and Terraform index into it.

/**
 * `wrap('PrivateIpSets', 'PrivateIpSet', items)` → `{ PrivateIpSets: { PrivateIpSet: [...items] } }`.
 * Spread it to add the wrapper beside other fields: `{ NetworkInterfaceId, ...wrap(…) }`.
 */
export function wrap<Outer extends string, Inner extends string, T>(
  outer: Outer,
  inner: Inner,
  items: Iterable<T>,
): Record<Outer, Record<Inner, T[]>> {
  return { [outer]: { [inner]: [...items] } } as Record<Outer, Record<Inner, T[]>>
}

export interface PagedResult {
  readonly totalCount: number
  readonly pageNumber: number
  readonly pageSize: number
  readonly nextToken: string
}

/** The paging fields of a Describe response; `NextToken` only where the Action pages by token. */
export function pageFields(
  result: PagedResult,
  withNextToken = true,
): { TotalCount: number; PageNumber: number; PageSize: number; NextToken?: string } {
  const fields = {
    TotalCount: result.totalCount,
    PageNumber: result.pageNumber,
    PageSize: result.pageSize,
  }
  return withNextToken ? { ...fields, NextToken: result.nextToken } : fields
}
