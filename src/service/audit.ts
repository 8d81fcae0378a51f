// Events (the audit trail): every call that changes state, and every refused, throttled or
// injected one, is a row in `events`. A state-changing call's event is written by the first
// transaction the call runs (runTransaction), so it commits with the effect or not at all; a
// call that fails is recorded afterwards, in its own transaction, with its error Code.
import type { AuditEvent, EventOutcome } from '../domain/resources.js'
import type { EventFilter } from '../storage/store.js'
import type { ServiceContext } from './context.js'

/** What is known about a call before it runs (no secrets). */
export interface PendingEvent {
  readonly at: Date
  readonly accountId: string
  readonly accessKeyId: string
  readonly action: string
  readonly params: Readonly<Record<string, string>>
  readonly requestId: string
  readonly sourceIp: string
}

/**
 * The current call's pending event, if it is to be recorded with its effect. `take` hands it
 * out once (to the call's first transaction); `putBack` returns it when that transaction rolled
 * back, so the failure is recorded instead.
 */
export interface AuditTrail {
  take(): PendingEvent | undefined
  putBack(e: PendingEvent): void
}

const ID_PREFIXES = /^(eni|i|vpc|vsw|sg|vrt|vtb)-[a-z0-9]+$/

/** Resource ids named by the parameters or found in a result (shallow, and one level of lists). */
export function resourceIdsOf(
  params: Readonly<Record<string, string>>,
  result?: unknown,
): string[] {
  const ids = new Set<string>()
  for (const v of Object.values(params)) if (ID_PREFIXES.test(v)) ids.add(v)
  const visit = (v: unknown, depth: number) => {
    if (typeof v === 'string') {
      if (ID_PREFIXES.test(v)) ids.add(v)
    } else if (depth < 2 && v !== null && typeof v === 'object') {
      for (const x of Array.isArray(v) ? v : Object.values(v)) visit(x, depth + 1)
    }
  }
  visit(result, 0)
  return [...ids].slice(0, 50)
}

export function eventRow(
  ctx: ServiceContext,
  e: PendingEvent,
  outcome: { code: string; httpStatus: number; kind: EventOutcome; result?: unknown },
): AuditEvent {
  return {
    id: ctx.ids.newOrderedId('ev', e.at.getTime()),
    at: e.at,
    accountId: e.accountId,
    accessKeyId: e.accessKeyId,
    action: e.action,
    params: JSON.stringify(e.params),
    code: outcome.code,
    httpStatus: outcome.httpStatus,
    outcome: outcome.kind,
    requestId: e.requestId,
    sourceIp: e.sourceIp,
    resources: resourceIdsOf(e.params, outcome.result),
  }
}

/** Records a call that did not commit an effect (refused, throttled, injected), on its own. */
export async function recordEvent(
  ctx: ServiceContext,
  e: PendingEvent,
  outcome: { code: string; httpStatus: number; kind: EventOutcome },
): Promise<void> {
  await ctx.store.transaction((tx) => tx.insertEvent(eventRow(ctx, e, outcome)))
}

export const MAX_EVENTS = 1000

export async function listEvents(
  ctx: ServiceContext,
  accountId: string,
  f: Omit<EventFilter, 'limit'> & { limit?: number | undefined },
): Promise<AuditEvent[]> {
  const limit = Math.min(Math.max(1, f.limit ?? 100), MAX_EVENTS)
  return ctx.store.transaction((tx) => tx.listEvents(accountId, { ...f, limit }))
}
