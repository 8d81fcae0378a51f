// The API parameters of one RPC request (wire-protocol.md §3) with typed accessors that throw
// catalogue errors. Lists arrive flattened as `Name.1..N`, lists of structs as `Name.N.Field`;
// a few ECS parameters carry a JSON string instead (eni-api.md §2.3). Unknown names are ignored.
import { parseQuery } from '../api/signing/index.js'
import { errors } from '../domain/errors.js'

export interface IntRange {
  min?: number
  max?: number
}

export interface ListLimit {
  /** More elements than this → `InvalidParameter`. */
  max?: number
}

/** Parameters that belong to the transport and signature, not to the Action. */
const COMMON_PARAMS: ReadonlySet<string> = new Set([
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'SecurityToken',
])

const INT_PATTERN = /^[+-]?\d{1,16}$/
const INDEX_PATTERN = /^\d+$/

/**
 * Decodes a query string or form body and merges it into one record (null prototype). Any name
 * sent twice, within one part or across query and body, is refused (wire-protocol.md §3.2).
 */
export function mergeParamSources(...sources: readonly string[]): Record<string, string> {
  const merged = Object.create(null) as Record<string, string>
  for (const source of sources) {
    for (const [name, value] of parseQuery(source)) {
      if (name === '') continue
      if (Object.hasOwn(merged, name)) throw errors.invalidParameter(name)
      merged[name] = value
    }
  }
  return merged
}

export class Params {
  readonly #values: ReadonlyMap<string, string>

  constructor(values: Readonly<Record<string, string>> | ReadonlyMap<string, string>) {
    this.#values = values instanceof Map ? new Map(values) : new Map(Object.entries(values))
  }

  /** True when `name` itself, or any flattened `name.…` element, was sent (even empty). */
  has(name: string): boolean {
    if (this.#values.has(name)) return true
    const prefix = name + '.'
    for (const key of this.#values.keys()) if (key.startsWith(prefix)) return true
    return false
  }

  /** Every parameter as sent (for the event log). */
  entries(): IterableIterator<[string, string]> {
    return this.#values.entries()
  }

  /** The raw value, `''` included; `undefined` when absent. */
  str(name: string): string | undefined {
    return this.#values.get(name)
  }

  /** The value; absent or empty → `MissingParameter`. */
  requiredStr(name: string): string {
    const value = this.#values.get(name)
    if (value === undefined || value === '') throw errors.missingParameter(name)
    return value
  }

  /** A decimal integer inside `range`; absent → `undefined`; anything else → `InvalidParameter`. */
  int(name: string, range: IntRange = {}): number | undefined {
    const text = this.#values.get(name)
    if (text === undefined) return undefined
    const value = INT_PATTERN.test(text) ? Number(text) : NaN
    const ok =
      Number.isSafeInteger(value) &&
      (range.min === undefined || value >= range.min) &&
      (range.max === undefined || value <= range.max)
    if (!ok) throw errors.invalidParameter(name)
    return value
  }

  requiredInt(name: string, range: IntRange = {}): number {
    const value = this.int(name, range)
    if (value === undefined) throw errors.missingParameter(name)
    return value
  }

  /** `true` or `false` exactly; absent → `undefined`; anything else → `InvalidParameter`. */
  bool(name: string): boolean | undefined {
    const text = this.#values.get(name)
    if (text === undefined) return undefined
    if (text === 'true') return true
    if (text === 'false') return false
    throw errors.invalidParameter(name)
  }

  /**
   * Rebuilds `name.1 … name.N` in numeric index order (wire order does not matter). Indices must
   * be 1-based and contiguous; a gap, `name.0` or `name.01` → `InvalidParameter`. Absent → `[]`.
   * Keys such as `name.1.Field` belong to `structList` and are not elements here.
   */
  list(name: string, limit: ListLimit = {}): string[] {
    const byIndex = new Map<number, string>()
    const prefix = name + '.'
    for (const [key, value] of this.#values) {
      if (!key.startsWith(prefix)) continue
      const suffix = key.slice(prefix.length)
      if (!INDEX_PATTERN.test(suffix)) continue
      byIndex.set(parseIndex(key, suffix), value)
    }
    const out = contiguous(name, byIndex)
    checkLength(name, out.length, limit)
    return out
  }

  /**
   * `name.N.Field` for the given fields, e.g. `structList('Tag', ['Key', 'Value'])`. An element
   * exists when any of its known fields was sent; its missing fields stay absent (an empty value
   * stays `''`). Indices follow the same rules as `list`. Absent → `[]`.
   */
  structList<F extends string>(
    name: string,
    fields: readonly F[],
    limit: ListLimit = {},
  ): Array<Partial<Record<F, string>>> {
    const known: ReadonlySet<string> = new Set(fields)
    const byIndex = new Map<number, Partial<Record<F, string>>>()
    const prefix = name + '.'
    for (const [key, value] of this.#values) {
      if (!key.startsWith(prefix)) continue
      const rest = key.slice(prefix.length)
      const dot = rest.indexOf('.')
      if (dot < 0) continue
      const indexText = rest.slice(0, dot)
      const field = rest.slice(dot + 1)
      if (!INDEX_PATTERN.test(indexText) || !known.has(field)) continue
      const index = parseIndex(key, indexText)
      const element: Partial<Record<F, string>> = byIndex.get(index) ?? {}
      element[field as F] = value
      byIndex.set(index, element)
    }
    const out = contiguous(name, byIndex)
    checkLength(name, out.length, limit)
    return out
  }

  /**
   * A parameter carrying a JSON array of strings, e.g. `InstanceIds=["i-a","i-b"]`. Absent or
   * empty → `[]`; not JSON, not an array, or a non-string element → `InvalidParameter`.
   */
  jsonList(name: string, limit: ListLimit = {}): string[] {
    const text = this.#values.get(name)
    if (text === undefined || text.trim() === '') return []
    const parsed = parseJson(name, text)
    if (!Array.isArray(parsed)) throw errors.invalidParameter(name)
    const out: string[] = []
    for (const item of parsed as unknown[]) {
      if (typeof item !== 'string') throw errors.invalidParameter(name)
      out.push(item)
    }
    checkLength(name, out.length, limit)
    return out
  }

  /**
   * An object parameter sent either flattened (`name.Field=v`) or as a JSON object string
   * (`name={"Field":v}`); eni-api.md §2.3 asks for both. Scalars become strings. Absent →
   * `undefined`; invalid JSON or a nested value → `InvalidParameter`.
   */
  struct<F extends string>(
    name: string,
    fields: readonly F[],
  ): Partial<Record<F, string>> | undefined {
    const json = this.#values.get(name)
    if (json !== undefined && json.trim() !== '') return structFromJson(name, json, fields)
    let found = false
    const out: Partial<Record<F, string>> = {}
    for (const field of fields) {
      const value = this.#values.get(`${name}.${field}`)
      if (value === undefined) continue
      out[field] = value
      found = true
    }
    return found ? out : undefined
  }

  /**
   * A view holding only the transport parameters and `names` (each with its `name.…` elements):
   * what an Action with a narrower request model sees of the same request.
   */
  only(names: readonly string[]): Params {
    const kept = new Map<string, string>()
    for (const [key, value] of this.#values) {
      const keep =
        COMMON_PARAMS.has(key) || names.some((name) => key === name || key.startsWith(`${name}.`))
      if (keep) kept.set(key, value)
    }
    return new Params(kept)
  }

  /**
   * The Action's own parameters sorted by name, without the transport and signature ones
   * (`Action`, `Signature`, `Timestamp`, …). Stable input for idempotency fingerprints.
   */
  apiParams(): Array<[string, string]> {
    return [...this.#values]
      .filter(([key]) => !COMMON_PARAMS.has(key))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  }
}

function parseIndex(key: string, text: string): number {
  const index = Number(text)
  if (text.startsWith('0') || !Number.isSafeInteger(index)) throw errors.invalidParameter(key)
  return index
}

function contiguous<T>(name: string, byIndex: ReadonlyMap<number, T>): T[] {
  const out: T[] = []
  for (let i = 1; i <= byIndex.size; i++) {
    const value = byIndex.get(i)
    if (value === undefined) throw errors.invalidParameter(`${name}.${i}`)
    out.push(value)
  }
  return out
}

function checkLength(name: string, length: number, limit: ListLimit): void {
  if (limit.max !== undefined && length > limit.max) throw errors.invalidParameter(name)
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw errors.invalidParameter(name)
  }
}

function structFromJson<F extends string>(
  name: string,
  text: string,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const parsed = parseJson(name, text)
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw errors.invalidParameter(name)
  }
  const source = parsed as Record<string, unknown>
  const out: Partial<Record<F, string>> = {}
  for (const field of fields) {
    if (!Object.hasOwn(source, field)) continue
    const value = source[field]
    if (value === null || value === undefined) continue
    if (typeof value === 'string') out[field] = value
    else if (typeof value === 'number' || typeof value === 'boolean') out[field] = String(value)
    else throw errors.invalidParameter(`${name}.${field}`)
  }
  return out
}
