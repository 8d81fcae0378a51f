// The tag parameters every tagging Action reads, in one place: `Tag.N.Key`/`Tag.N.Value` (indices
// need not be contiguous or ordered: Terraform numbers them from a Go map), `TagKey.N`, the
// ResourceType of each API, and `Tag.N` used as a Describe filter.
import { errors } from '../../../domain/errors.js'
import type { TagErrors, TagInput, TagMatch, TaggableType } from '../../../domain/tags.js'
import { checkTagMatches } from '../../../domain/tags.js'
import type { Params } from '../../params.js'

const INDEX = /^[1-9]\d{0,8}$/

/** `name.N` (`suffix` '') or `name.N.suffix` elements by index, in index order. */
function indexed(
  params: Params,
  name: string,
  fields: readonly string[],
): Map<number, Map<string, string>> {
  const byIndex = new Map<number, Map<string, string>>()
  const prefix = `${name}.`
  for (const [key, value] of params.apiParams()) {
    if (!key.startsWith(prefix)) continue
    const rest = key.slice(prefix.length)
    const dot = rest.indexOf('.')
    const index = dot < 0 ? rest : rest.slice(0, dot)
    const field = dot < 0 ? '' : rest.slice(dot + 1)
    if (!fields.includes(field)) continue
    if (!INDEX.test(index)) throw errors.invalidParameter(key)
    const element = byIndex.get(Number(index)) ?? new Map<string, string>()
    element.set(field, value)
    byIndex.set(Number(index), element)
  }
  return new Map([...byIndex].sort(([a], [b]) => a - b))
}

/** `Tag.N.Key` / `Tag.N.Value` as sent (either may be absent). */
export function tagInputsOf(params: Params, name = 'Tag'): TagInput[] {
  return [...indexed(params, name, ['Key', 'Value']).values()].map((e) => ({
    key: e.get('Key'),
    value: e.get('Value'),
  }))
}

/** `TagKey.N` as sent. */
export function tagKeysOf(params: Params): string[] {
  return [...indexed(params, 'TagKey', ['']).values()].map((e) => e.get('') ?? '')
}

/** `Tag.N` of a Describe action: undefined when none was sent. */
export function tagFilterOf(params: Params, e: TagErrors): TagMatch[] | undefined {
  const matches = checkTagMatches(tagInputsOf(params), e)
  return matches.length > 0 ? matches : undefined
}

const ECS_TYPES: ReadonlySet<string> = new Set<TaggableType>(['eni', 'instance', 'securitygroup'])
const VPC_TYPES: Readonly<Record<string, TaggableType>> = { VPC: 'vpc', VSWITCH: 'vswitch' }

/** ECS `ResourceType` (lower case): absent → 404 MissingParameter.ResourceType; unknown → 404. */
export function ecsResourceTypeOf(params: Params): TaggableType {
  const sent = params.str('ResourceType')
  if (sent === undefined || sent === '') throw errors.missingParameterResourceType()
  if (!ECS_TYPES.has(sent)) throw errors.invalidResourceTypeNotFound()
  return sent as TaggableType
}

/** VPC `ResourceType`, any case; `wire` is what responses echo (upper case). */
export function vpcResourceTypeOf(params: Params): { type: TaggableType; wire: string } {
  const sent = params.str('ResourceType')
  if (sent === undefined || sent === '') throw errors.missingParameter('ResourceType')
  const wire = sent.toUpperCase()
  const type = VPC_TYPES[wire]
  if (type === undefined) throw errors.invalidVpcResourceType()
  return { type, wire }
}

/** ECS tag actions answer a missing RegionId with their own 404 code (extensions.md §1.3). */
export function ecsTagRegionOf(params: Params): string {
  const region = params.str('RegionId')
  if (region === undefined || region === '') throw errors.missingParameterRegionId()
  return region
}

/** `ResourceId.N` as sent, in index order (limits are the service's). */
export function resourceIdsOf(params: Params): string[] {
  return [...indexed(params, 'ResourceId', ['']).values()].map((e) => e.get('') ?? '')
}
