// ClientToken (spec §2.7): the same token with the same parameters returns the first call's
// outcome and does nothing again; with other parameters it fails. The record is written in
// the same transaction as the effect. A first execution that failed for good (not a transient
// conflict or outage) is remembered afterwards, in its own transaction (runTransaction): reusing
// its token answers `IdempotentFailed` (extensions.md §4.3; Terway then takes a fresh token).
import { createHash } from 'node:crypto'
import type { ApiError } from '../domain/errors.js'
import { errors, isApiError } from '../domain/errors.js'
import type { IdempotencyRecord, Tx } from '../storage/store.js'
import type { Caller, ServiceContext } from './context.js'

export type Product = 'ecs' | 'vpc'

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`
  }
  return JSON.stringify(v)
}

const MAX_TOKEN_LENGTH = 64

/**
 * How long a ClientToken is remembered. The spec (eni-api.md §2.7, extensions.md §4) asks for
 * at least one hour; we keep exactly that. An older record is ignored (and replaced) even before
 * the housekeeper sweeps it.
 */
export const IDEMPOTENCY_TTL_MS = 60 * 60 * 1000

/** `result` of a token whose first execution failed (never valid JSON, so never replayed). */
const FAILED = '!failed:'
/** Failures a retry with the same token may overcome: not remembered. */
const TRANSIENT: ReadonlySet<string> = new Set([
  'OperationConflict',
  'Operation.Conflict',
  'IdempotentProcessing',
  'InternalError',
  'ServiceUnavailable',
])

/** A failed first execution's record, to be written once its transaction has rolled back. */
export const failedExecutions = new WeakMap<object, IdempotencyRecord>()

export function checkClientToken(token: string | undefined): void {
  if (token === undefined) return
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH || !/^[\x20-\x7e]+$/.test(token)) {
    throw errors.invalidParameter('ClientToken')
  }
}

/**
 * Runs `effect` once per (account, region, action, token): the same token in another region is
 * another request. `outcome` must be JSON-serialisable: it is what a replay returns.
 */
export async function idempotent<T>(
  tx: Tx,
  ctx: ServiceContext,
  caller: Caller,
  call: {
    action: string
    product: Product
    regionId: string
    token: string | undefined
    params: unknown
  },
  effect: () => Promise<T>,
): Promise<T> {
  if (call.token === undefined) return effect()
  checkClientToken(call.token)
  const paramsHash = createHash('sha256').update(stableJson(call.params)).digest('hex')
  const key = [caller.accountId, call.regionId, call.action, call.token] as const
  let prior = await tx.getIdempotency(...key)
  if (prior && ctx.clock.now().getTime() - prior.createdAt.getTime() >= IDEMPOTENCY_TTL_MS) {
    await tx.deleteIdempotency(...key)
    prior = undefined
  }
  if (prior) {
    if (prior.paramsHash !== paramsHash) throw mismatch(call.product)
    if (prior.result.startsWith(FAILED)) throw errors.idempotentFailed()
    return JSON.parse(prior.result) as T
  }
  let outcome: T
  try {
    outcome = await effect()
  } catch (e: unknown) {
    if (isApiError(e) && !TRANSIENT.has(e.code)) {
      failedExecutions.set(e, {
        accountId: caller.accountId,
        regionId: call.regionId,
        action: call.action,
        token: call.token,
        paramsHash,
        result: `${FAILED}${e.code}`,
        createdAt: ctx.clock.now(),
      })
    }
    throw e
  }
  await tx.insertIdempotency({
    accountId: caller.accountId,
    regionId: call.regionId,
    action: call.action,
    token: call.token,
    paramsHash,
    result: JSON.stringify(outcome),
    createdAt: ctx.clock.now(),
  })
  return outcome
}

function mismatch(product: Product): ApiError {
  return product === 'vpc'
    ? errors.idempotenceParamNotMatch()
    : errors.idempotentParameterMismatch()
}
