// Fixed-window rate limits kept in the store, so every replica counts against the same budget
// (console sign-in: per source address and per AccessKey). Over the limit → `Throttling`, and
// the guarded work does not run.
import { errors } from '../domain/errors.js'
import type { Store } from '../storage/store.js'

export interface RateLimit {
  /** at most this many hits per window */
  readonly limit: number
  readonly windowMs: number
}

/** Counts one hit on each bucket; throws `Throttling` if any is over its limit. */
export async function hitRateLimits(
  store: Store,
  now: Date,
  hits: readonly { readonly bucket: string; readonly rule: RateLimit }[],
): Promise<void> {
  const over = await store.transaction(async (tx) => {
    let exceeded = false
    for (const { bucket, rule } of hits) {
      const start = new Date(now.getTime() - (now.getTime() % rule.windowMs))
      const count = await tx.hitRateLimit(bucket, start)
      if (count > rule.limit) exceeded = true
    }
    return exceeded
  })
  if (over) throw errors.throttling()
}
