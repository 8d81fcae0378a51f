// What terraform-provider-alicloud's ECS resources share (spec/extensions.md §8.3): every call
// goes through `client.RpcPost("Ecs", "2014-05-26", …)`, the tea client with a POST form body
// (recorded-rpc.ts `teaRpc`); `resource.Retry` on NeedRetry plus each call's own codes (bounded
// here); `DescribeEcsNetworkInterface` and the state waits on it (a Read every 5 s, scaled); and
// the Go type assertions that make the provider panic on a wrongly shaped answer.
import type { Json, Rpc, RpcParams } from './recorded-rpc.js'
import { failureOf, sleep } from './recorded-rpc.js'

export const NOT_FOUND_CODES = [
  'InvalidEcsId.NotFound',
  'InvalidEniId.NotFound',
  'InvalidSecurityGroupId.NotFound',
  'InvalidVSwitchId.NotFound',
]

/** The provider's `formatInt`: nil → 0, a number, or a numeric string; anything else panics. */
export function formatInt(v: unknown): number {
  if (v === undefined || v === null) return 0
  if (typeof v === 'number') return Math.trunc(v)
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v)
  throw new Error(`panic: formatInt: Not support type ${typeof v} (${JSON.stringify(v)})`)
}

/** `object["X"].(map[string]interface{})["Y"].([]interface{})`: anything else panics. */
export function list(item: Json, outer: string, inner: string): Json[] {
  const wrapper = item[outer]
  const items =
    wrapper !== null && typeof wrapper === 'object' ? (wrapper as Json)[inner] : undefined
  if (!Array.isArray(items)) throw new Error(`panic: interface conversion: ${outer}.${inner}`)
  return items as Json[]
}

/** NeedRetry: throttling, ServiceUnavailable, 5xx. */
export function needRetry(code: string, status: number): boolean {
  return code.includes('Throttling') || code === 'ServiceUnavailable' || status >= 500
}

export class TerraformEcsRpc {
  constructor(
    protected readonly rpc: Rpc,
    protected readonly regionId: string,
    /** the provider's 5 s Read poll and 3 s retry waits, scaled */
    protected readonly pollMs: number,
  ) {}

  /** `resource.Retry` with `incrementalWait`: retries `retryable` codes, at most `attempts`. */
  protected async retry<T>(
    send: () => Promise<T>,
    retryable: readonly string[],
    attempts = 40,
  ): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await send()
      } catch (e: unknown) {
        const { code, status } = failureOf(e)
        if (i >= attempts || !(needRetry(code, status) || retryable.includes(code))) throw e
        await sleep(this.pollMs)
      }
    }
  }

  protected post<T = Json>(action: string, body: RpcParams): Promise<T> {
    return this.rpc.call<T>(action, body)
  }

  /** `BuildStateConf(...).WaitForState()`: Read until `target` ('' = gone), bounded. */
  async waitFor(id: string, target: string, steps = 40): Promise<Json | undefined> {
    for (let i = 0; i < steps; i++) {
      const item = await this.describe(id)
      if (target === '' ? item === undefined : item?.['Status'] === target) return item
      await sleep(this.pollMs)
    }
    throw new Error(`${id} did not reach ${target === '' ? 'deleted' : target}`)
  }

  /** `DescribeEcsNetworkInterface`: NetworkInterfaceId.1; NotFound → undefined. */
  async describe(id: string): Promise<Json | undefined> {
    let r: Json
    try {
      r = await this.retry(
        () =>
          this.post('DescribeNetworkInterfaces', {
            RegionId: this.regionId,
            NetworkInterfaceId: [id],
          }),
        [],
      )
    } catch (e: unknown) {
      const { code } = failureOf(e)
      if (NOT_FOUND_CODES.includes(code)) return undefined
      throw e
    }
    const set = list(r, 'NetworkInterfaceSets', 'NetworkInterfaceSet')
    const first = set[0]
    if (first === undefined || first['NetworkInterfaceId'] !== id) return undefined
    return first
  }
}
