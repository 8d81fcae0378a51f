// The ways to ask for IPv6 and prefixes (extensions.md §2.4, §3.1–§3.2): chosen addresses or a
// count, chosen /80s or a count, chosen /28s or a count. Within a family a list and its count
// are exclusive, and single addresses do not mix with prefixes (Terway never mixes; ours:
// `InvalidParameter.Conflict`). Counts are 1–10 (`InvalidParameter` otherwise).
import { errors } from '../domain/errors.js'

export const MAX_IPV6_PER_CALL = 10
export const MAX_PREFIXES_PER_CALL = 10

export interface ListOrCount {
  readonly chosen: readonly string[]
  readonly count: number | undefined
}

/** One list/count pair: not both, count 1–`max`, list at most `max`. */
export function checkListOrCount(
  listName: string,
  countName: string,
  chosen: readonly string[] | undefined,
  count: number | undefined,
  max: number,
): ListOrCount {
  const list = chosen ?? []
  if (list.length > 0 && count !== undefined) {
    throw errors.invalidParameterConflict(listName, countName)
  }
  if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > max)) {
    throw errors.invalidParameter(countName)
  }
  if (list.length > max) throw errors.invalidParameter(listName)
  return { chosen: list, count }
}

/** How many the request adds (its count, or the length of its list). */
export const adding = (r: ListOrCount): number => r.count ?? r.chosen.length

export const asks = (r: ListOrCount): boolean => adding(r) > 0

/** Single addresses and prefixes of one family may not come in one call. */
export function checkNoMix(addresses: ListOrCount, prefixes: ListOrCount, names: [string, string]) {
  if (asks(addresses) && asks(prefixes)) throw errors.invalidParameterConflict(...names)
}

export function ipv6AddressRequest(
  chosen: readonly string[] | undefined,
  count: number | undefined,
): ListOrCount {
  return checkListOrCount('Ipv6Address.N', 'Ipv6AddressCount', chosen, count, MAX_IPV6_PER_CALL)
}

export function ipv6PrefixRequest(
  chosen: readonly string[] | undefined,
  count: number | undefined,
): ListOrCount {
  return checkListOrCount('Ipv6Prefix.N', 'Ipv6PrefixCount', chosen, count, MAX_PREFIXES_PER_CALL)
}

export function ipv4PrefixRequest(
  chosen: readonly string[] | undefined,
  count: number | undefined,
): ListOrCount {
  return checkListOrCount('Ipv4Prefix.N', 'Ipv4PrefixCount', chosen, count, MAX_PREFIXES_PER_CALL)
}
