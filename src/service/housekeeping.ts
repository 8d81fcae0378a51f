// Periodic clean-up run by the worker (every replica; the deletes are idempotent): expired
// signature nonces, console sessions and sign-in counters, idempotency records past the
// ClientToken validity, and given-up operations after a week. Each is one short transaction.
import type { ServiceContext } from './context.js'
import type { ConsoleSessions } from './console-sessions.js'
import { IDEMPOTENCY_TTL_MS } from './idempotency.js'
import type { NonceLedger } from './nonce-ledger.js'

export const FAILED_OPERATION_TTL_MS = 7 * 24 * 60 * 60 * 1000
/** Rate-limit counters older than this are gone (longer than any window we use). */
const RATE_LIMIT_TTL_MS = 60 * 60 * 1000

export interface Swept {
  nonces: number
  sessions: number
  rateLimits: number
  idempotency: number
  failedOperations: number
}

export async function housekeeping(
  ctx: ServiceContext,
  parts: { nonces?: NonceLedger; sessions?: ConsoleSessions },
): Promise<Swept> {
  const now = ctx.clock.now()
  const ago = (ms: number) => new Date(now.getTime() - ms)
  return {
    nonces: (await parts.nonces?.purge(now)) ?? 0,
    sessions: (await parts.sessions?.sweep()) ?? 0,
    rateLimits: await ctx.store.transaction((tx) =>
      tx.deleteRateLimitsBefore(ago(RATE_LIMIT_TTL_MS)),
    ),
    idempotency: await ctx.store.transaction((tx) =>
      tx.deleteIdempotencyBefore(ago(IDEMPOTENCY_TTL_MS)),
    ),
    failedOperations: await ctx.store.transaction((tx) =>
      tx.deleteFailedOperationsBefore(ago(FAILED_OPERATION_TTL_MS)),
    ),
  }
}
