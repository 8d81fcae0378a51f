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
