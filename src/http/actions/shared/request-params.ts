// Parameter conventions several Actions share: optional strings, the RegionId hand-off, the two
// spellings of security groups, comma lists, paging, and parameters for features the emulator
// does not model (IPv6, prefixes, …).
import { errors } from '../../../domain/errors.js'
import type { PageRequest } from '../../../service/paging.js'
import type { Params } from '../../params.js'

/** Absent or `''` → undefined: SDKs omit unset fields, so an empty value means "not given". */
export function optStr(params: Params, name: string): string | undefined {
  const value = params.str(name)
  return value === undefined || value === '' ? undefined : value
}

/** A Boolean filter: absent or `''` → no filter; `true`/`false`; anything else → InvalidParameter. */
export function boolFilter(params: Params, name: string): boolean | undefined {
  return optStr(params, name) === undefined ? undefined : params.bool(name)
}

/** `RegionId` as sent (`''` when absent); the service answers `MissingRegionId` and friends. */
export function regionOf(params: Params): string {
  return params.str('RegionId') ?? ''
}

/** `[]` → undefined: an empty list means "not given" (an empty `ids` filter matches nothing). */
export function nonEmpty<T>(items: readonly T[]): T[] | undefined {
  return items.length > 0 ? [...items] : undefined
}

/** `SecurityGroupId` or `SecurityGroupIds.N`, never both (`InvalidParameter.Conflict`). */
export function securityGroupIdsOf(params: Params): string[] {
  const single = optStr(params, 'SecurityGroupId')
  const many = params.list('SecurityGroupIds')
  if (single !== undefined && many.length > 0) {
    throw errors.invalidParameterConflict('SecurityGroupId', 'SecurityGroupIds.N')
  }
  return single !== undefined ? [single] : many
}

/** `VpcId=vpc-a,vpc-b`: comma-separated ids, blanks dropped; none → undefined. */
export function commaList(params: Params, name: string, max: number): string[] | undefined {
  const ids = (params.str(name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (ids.length > max) throw errors.invalidParameter(name)
  return nonEmpty(ids)
}

export interface PagingLimits {
  readonly maxPageSize: number
  /** Set when the Action also pages with `NextToken`/`MaxResults`. */
  readonly maxResults?: number
}

/** `PageNumber` (≥ 1) and `PageSize`, plus `NextToken`/`MaxResults` where the Action has them. */
export function pageOf(params: Params, limits: PagingLimits): PageRequest {
  const offset = {
    pageNumber: params.int('PageNumber', { min: 1 }),
    pageSize: params.int('PageSize', { min: 1, max: limits.maxPageSize }),
  }
  if (limits.maxResults === undefined) return offset
  return {
    ...offset,
    nextToken: optStr(params, 'NextToken'),
    maxResults: params.int('MaxResults', { min: 1, max: limits.maxResults }),
  }
}

/** Values that ask for nothing: an unset count, a false flag, an empty JSON list. */
const ASKS_NOTHING: ReadonlySet<string> = new Set(['', '0', 'false', '[]'])

/** The first parameter (`name` itself or any `name.…` element) sent with a meaningful value. */
function firstRequested(params: Params, names: readonly string[]): string | undefined {
  for (const [key, value] of params.apiParams()) {
    if (ASKS_NOTHING.has(value)) continue
    if (names.some((name) => key === name || key.startsWith(`${name}.`))) return key
  }
  return undefined
}

/**
 * Features the emulator does not model: asking for one is `InvalidParameter` rather than a
 * silent success that lacks it (e.g. an ENI without the IPv4 prefixes Terway then expects).
 */
export function rejectUnsupported(params: Params, names: readonly string[]): void {
  const key = firstRequested(params, names)
  if (key !== undefined) throw errors.invalidParameter(key)
}

/** True when a filter asks for something no resource here has (tags, IPv6, public IPs, …). */
export function filtersOnAbsentFeature(params: Params, names: readonly string[]): boolean {
  return firstRequested(params, names) !== undefined
}

/**
 * A filter over a closed set of values (`Status`, `Type`): absent → no filter; a known value →
 * that value; anything else matches no resource (`matchesNothing`).
 */
export function enumFilter<T extends string>(
  params: Params,
  name: string,
  known: readonly T[],
): { value: T | undefined; matchesNothing: boolean } {
  const value = optStr(params, name)
  if (value === undefined) return { value: undefined, matchesNothing: false }
  const found = known.find((k) => k === value)
  return { value: found, matchesNothing: found === undefined }
}
