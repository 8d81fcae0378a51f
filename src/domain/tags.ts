// Tags (spec/extensions.md §1): key/value pairs on ENIs, instances, security groups, VPCs and
// vSwitches. The rules are one set; the error codes differ by API family and by whether the
// tags come with a create action or with a tag action, so each caller names its `TagErrors`.
import type { ApiError } from './errors.js'
import { errors } from './errors.js'

export interface Tag {
  readonly key: string
  readonly value: string
}

/** A tag as a request sent it: either half may be absent (`Tag.3.Value` without `Tag.3.Key`). */
export interface TagInput {
  readonly key?: string | undefined
  readonly value?: string | undefined
}

/** What a Describe returns beside each resource. */
export interface Tagged {
  readonly tags: readonly Tag[]
}

/** The resource types that carry tags, as stored (lower case; the wire names differ per API). */
export type TaggableType = 'eni' | 'instance' | 'securitygroup' | 'vpc' | 'vswitch'

/** A `Tag.N` filter pair: `value` undefined matches any value of `key`. */
export interface TagMatch {
  readonly key: string
  readonly value?: string | undefined
}

export const MAX_TAGS_PER_RESOURCE = 20
export const MAX_TAGS_PER_REQUEST = 20
export const MAX_TAG_RESOURCE_IDS = 50
const MAX_TAG_LENGTH = 128

/** How one API reports each way a tag list can be wrong. */
export interface TagErrors {
  /** more than 20 tags (or keys) in one request */
  readonly tooMany: () => ApiError
  /** the same key twice in one request */
  readonly duplicateKey: () => ApiError
  readonly badKey: () => ApiError
  readonly badValue: () => ApiError
  /** a `Tag.N.Value` without its `Tag.N.Key` */
  readonly valueWithoutKey: () => ApiError
  /** existing plus new distinct keys would exceed 20 on one resource */
  readonly resourceQuota: () => ApiError
  /** VPC values also may not start with `aliyun` / `acs:` */
  readonly valuePrefixForbidden: boolean
}

const ECS_COMMON = {
  duplicateKey: () => errors.duplicateTagKey(),
  badKey: () => errors.invalidTagKeyMalformed(),
  badValue: () => errors.invalidTagValueMalformed(),
  valueWithoutKey: () => errors.invalidTagMismatch(),
  resourceQuota: () => errors.tagQuotaExceededOnResource(),
  valuePrefixForbidden: false,
}

/** ECS create actions (CreateNetworkInterface, RunInstances, CreateSecurityGroup). */
export const ECS_CREATE_TAG_ERRORS: TagErrors = {
  ...ECS_COMMON,
  tooMany: () => errors.quotaExceedTags(),
}

/** ECS TagResources / UntagResources / ListTagResources. */
export const ECS_TAG_API_ERRORS: TagErrors = {
  ...ECS_COMMON,
  tooMany: () => errors.numberExceedTags(),
}

/** VPC CreateVpc / CreateVSwitch and the VPC tag actions. */
export const VPC_TAG_ERRORS: TagErrors = {
  tooMany: () => errors.sizeLimitExceededTagNum(),
  duplicateKey: () => errors.forbiddenTagKeyDuplicated(),
  badKey: () => errors.invalidTagKey(),
  badValue: () => errors.invalidTagValue(),
  valueWithoutKey: () => errors.invalidTagKey(),
  resourceQuota: () => errors.quotaExceededTagNum(),
  valuePrefixForbidden: true,
}

const SYSTEM_PREFIXES = ['aliyun', 'acs:']
/** `aliyun…` / `acs:…`: keys (and VPC values) reserved for the system. */
export const hasSystemPrefix = (s: string): boolean => SYSTEM_PREFIXES.some((p) => s.startsWith(p))
const hasUrl = (s: string): boolean => s.includes('http://') || s.includes('https://')

export function isValidTagKey(key: string): boolean {
  return key !== '' && key.length <= MAX_TAG_LENGTH && !hasSystemPrefix(key) && !hasUrl(key)
}

export function isValidTagValue(value: string, valuePrefixForbidden: boolean): boolean {
  if (value.length > MAX_TAG_LENGTH || hasUrl(value)) return false
  return !(valuePrefixForbidden && hasSystemPrefix(value))
}

/**
 * Checks tags to set (create actions, TagResources) and returns them sorted by key: the order a
 * client sent them in carries no meaning (§1.1), so a ClientToken replay compares them as a set.
 * An absent value is `''`.
 */
export function checkTags(input: readonly TagInput[], e: TagErrors): Tag[] {
  if (input.length > MAX_TAGS_PER_REQUEST) throw e.tooMany()
  const seen = new Set<string>()
  const out: Tag[] = []
  for (const t of input) {
    if (t.key === undefined || t.key === '') {
      throw t.value !== undefined && t.value !== '' ? e.valueWithoutKey() : e.badKey()
    }
    if (!isValidTagKey(t.key)) throw e.badKey()
    const value = t.value ?? ''
    if (!isValidTagValue(value, e.valuePrefixForbidden)) throw e.badValue()
    if (seen.has(t.key)) throw e.duplicateKey()
    seen.add(t.key)
    out.push({ key: t.key, value })
  }
  return out.sort(byKey)
}

/**
 * Checks `Tag.N` used as a filter (Describe actions, ListTagResources): at most 20 pairs, each
 * with a key; an empty or absent value matches any value.
 */
export function checkTagMatches(input: readonly TagInput[], e: TagErrors): TagMatch[] {
  if (input.length > MAX_TAGS_PER_REQUEST) throw e.tooMany()
  return input.map((t) => {
    if (t.key === undefined || t.key === '') {
      throw t.value !== undefined && t.value !== '' ? e.valueWithoutKey() : e.badKey()
    }
    return t.value === undefined || t.value === '' ? { key: t.key } : { key: t.key, value: t.value }
  })
}

/** `TagKey.N` of UntagResources: at most 20, none empty; duplicates collapse. */
export function checkTagKeys(keys: readonly string[], e: TagErrors): string[] {
  if (keys.length > MAX_TAGS_PER_REQUEST) throw e.tooMany()
  if (keys.some((k) => k === '')) throw e.badKey()
  return [...new Set(keys)].sort()
}

/** How many tags a resource would carry after setting `adding` over `existing`. */
export function tagCountAfter(existing: readonly Tag[], adding: readonly Tag[]): number {
  const keys = new Set(existing.map((t) => t.key))
  for (const t of adding) keys.add(t.key)
  return keys.size
}

export function byKey(a: Tag, b: Tag): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}
