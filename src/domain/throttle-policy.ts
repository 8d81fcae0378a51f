// Throttling (`serve --throttle off|default|FILE`, extensions.md §4.2): per (account, region,
// Action) token buckets. Alibaba publishes no per-API ECS/VPC rate limits; the `default` table is
// shaped by the only published lower bounds, Terway's client-side buckets (terway
// `pkg/aliyun/client/ratelimit.go`, per minute, burst = the same number): capacity = refill per
// minute = Terway's number, so one Terway never hits it and two do. Other Actions: 500/min.
// Pure: time comes in as epoch milliseconds.
import { errors, type ApiError } from './errors.js'

/** The codes a limit may answer with (extensions.md §4.1); `Throttling` is what Terway retries. */
export const THROTTLE_CODES = [
  'Throttling',
  'Throttling.User',
  'Throttling.Api',
  'Rejected.Throttling',
] as const
export type ThrottleCode = (typeof THROTTLE_CODES)[number]

export interface ThrottleLimit {
  /** tokens added per minute (continuously) */
  readonly perMinute: number
  /** bucket capacity; default = perMinute */
  readonly burst: number
  readonly code: ThrottleCode
}

export interface ThrottlePolicy {
  /** the limit for an Action, or undefined when it is never throttled */
  limitFor(action: string): ThrottleLimit | undefined
  /** a short description for logs and the console */
  readonly summary: string
}

/** Source: extensions.md §4.2 (terway `ratelimit.go`). */
export const DEFAULT_LIMITS_PER_MINUTE: Readonly<Record<string, number>> = {
  CreateNetworkInterface: 500,
  AttachNetworkInterface: 500,
  DeleteNetworkInterface: 500,
  DetachNetworkInterface: 400,
  AssignPrivateIpAddresses: 400,
  UnassignPrivateIpAddresses: 400,
  AssignIpv6Addresses: 400,
  UnassignIpv6Addresses: 400,
  DescribeNetworkInterfaces: 800,
  DescribeNetworkInterfaceAttribute: 2000,
  DescribeInstanceTypes: 400,
  DescribeVSwitches: 300,
}
/** Any Action not in the table (tag APIs included): extensions.md §4.2. */
export const DEFAULT_OTHER_PER_MINUTE = 500

export const THROTTLE_OFF: ThrottlePolicy = { limitFor: () => undefined, summary: 'off' }

export interface ThrottleFile {
  /** start from the `default` table (default) or from no limits (`none`) */
  base?: 'default' | 'none'
  /** multiplies every limit (e.g. 1000 for a benchmark that must never be throttled) */
  scale?: number
  /** the code for every limit that names none (default `Throttling`) */
  code?: ThrottleCode
  /** per-Action overrides; `*` is every Action not named */
  limits?: Record<string, { perMinute: number; burst?: number; code?: ThrottleCode } | null>
}

/** Builds a policy from the `default` table or a file's JSON; throws a readable Error. */
export function throttlePolicyFrom(spec: 'off' | 'default' | ThrottleFile): ThrottlePolicy {
  if (spec === 'off') return THROTTLE_OFF
  const file: ThrottleFile = spec === 'default' ? {} : spec
  const problems = checkFile(file)
  if (problems.length > 0) throw new Error(`invalid throttle file: ${problems.join('; ')}`)
  const scale = file.scale ?? 1
  const code = file.code ?? 'Throttling'
  const table = new Map<string, ThrottleLimit | null>()
  let other: ThrottleLimit | null = null
  if ((file.base ?? 'default') === 'default') {
    for (const [action, n] of Object.entries(DEFAULT_LIMITS_PER_MINUTE)) {
      table.set(action, { perMinute: n * scale, burst: n * scale, code })
    }
    other = {
      perMinute: DEFAULT_OTHER_PER_MINUTE * scale,
      burst: DEFAULT_OTHER_PER_MINUTE * scale,
      code,
    }
  }
  for (const [action, l] of Object.entries(file.limits ?? {})) {
    const limit =
      l === null
        ? null
        : {
            perMinute: l.perMinute * scale,
            burst: (l.burst ?? l.perMinute) * scale,
            code: l.code ?? code,
          }
    if (action === '*') other = limit
    else table.set(action, limit)
  }
  return {
    limitFor: (action) => {
      const l = table.get(action)
      return l === undefined ? (other ?? undefined) : (l ?? undefined)
    },
    summary: spec === 'default' ? 'default' : `file (base ${file.base ?? 'default'}, ×${scale})`,
  }
}

function checkFile(f: ThrottleFile): string[] {
  const problems: string[] = []
  if (typeof f !== 'object' || f === null) return ['must be a JSON object']
  if (f.base !== undefined && f.base !== 'default' && f.base !== 'none') {
    problems.push('base must be "default" or "none"')
  }
  if (f.scale !== undefined && !(typeof f.scale === 'number' && f.scale > 0)) {
    problems.push('scale must be a positive number')
  }
  const isCode = (c: unknown) => (THROTTLE_CODES as readonly unknown[]).includes(c)
  if (f.code !== undefined && !isCode(f.code)) {
    problems.push(`code must be one of ${THROTTLE_CODES.join(', ')}`)
  }
  for (const [action, l] of Object.entries(f.limits ?? {})) {
    if (l === null) continue
    if (typeof l !== 'object' || !(typeof l.perMinute === 'number' && l.perMinute > 0)) {
      problems.push(`limits.${action}.perMinute must be a positive number`)
      continue
    }
    if (l.burst !== undefined && !(typeof l.burst === 'number' && l.burst >= 1)) {
      problems.push(`limits.${action}.burst must be a number ≥ 1`)
    }
    if (l.code !== undefined && !isCode(l.code)) {
      problems.push(`limits.${action}.code must be one of ${THROTTLE_CODES.join(', ')}`)
    }
  }
  return problems
}

export function throttleError(code: ThrottleCode): ApiError {
  switch (code) {
    case 'Throttling':
      return errors.throttling()
    case 'Throttling.User':
      return errors.throttlingUser()
    case 'Throttling.Api':
      return errors.throttlingApi()
    case 'Rejected.Throttling':
      return errors.rejectedThrottling()
  }
}

interface Bucket {
  tokens: number
  atMs: number
}

/** Most buckets kept; beyond it, full buckets (which equal absent ones) are dropped. */
const MAX_BUCKETS = 50_000

/**
 * In-memory token buckets, one per (account, region, Action). `take` costs a Map lookup and a
 * little arithmetic: no I/O on the request path. Each replica throttles on its own (documented).
 */
export class TokenBuckets {
  readonly #policy: ThrottlePolicy
  readonly #buckets = new Map<string, Bucket>()

  constructor(policy: ThrottlePolicy) {
    this.#policy = policy
  }

  get policy(): ThrottlePolicy {
    return this.#policy
  }

  /** Takes a token, or returns the limit that refused the call. */
  take(accountId: string, regionId: string, action: string, nowMs: number): ThrottleLimit | null {
    const limit = this.#policy.limitFor(action)
    if (limit === undefined) return null
    const key = `${accountId}\u0000${regionId}\u0000${action}`
    let b = this.#buckets.get(key)
    if (b === undefined) {
      if (this.#buckets.size >= MAX_BUCKETS) this.#sweep(nowMs)
      b = { tokens: limit.burst, atMs: nowMs }
      this.#buckets.set(key, b)
    } else {
      const refill = ((nowMs - b.atMs) * limit.perMinute) / 60_000
      b.tokens = Math.min(limit.burst, b.tokens + Math.max(0, refill))
      b.atMs = nowMs
    }
    if (b.tokens < 1) return limit
    b.tokens -= 1
    return null
  }

  #sweep(nowMs: number): void {
    for (const [key, b] of this.#buckets) {
      const action = key.slice(key.lastIndexOf('\u0000') + 1)
      const limit = this.#policy.limitFor(action)
      if (!limit || b.tokens + ((nowMs - b.atMs) * limit.perMinute) / 60_000 >= limit.burst) {
        this.#buckets.delete(key)
      }
    }
  }
}
