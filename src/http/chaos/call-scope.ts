// The current call's pending event, handed to the call's handler as its audit trail (an
// explicit argument, not AsyncLocalStorage: that would hook every promise of every request), so
// the service's first transaction can write it with the effect (service/audit.ts).
import type { AuditTrail, PendingEvent } from '../../service/audit.js'

/** One call's trail: its pending event, taken once by the transaction that writes it. */
class CallTrail implements AuditTrail {
  pending: PendingEvent | undefined

  constructor(pending: PendingEvent | undefined) {
    this.pending = pending
  }

  take(): PendingEvent | undefined {
    const pending = this.pending
    this.pending = undefined
    return pending
  }

  putBack(e: PendingEvent): void {
    this.pending = e
  }
}

/**
 * Runs `fn` with a trail holding `pending` (none for a call that records no event with an
 * effect); resolves with whether the event is still unwritten.
 */
export async function runWithTrail<T>(
  pending: PendingEvent | undefined,
  fn: (audit: AuditTrail | undefined) => Promise<T>,
): Promise<{ value: T; unwritten: PendingEvent | undefined }> {
  const trail = pending === undefined ? undefined : new CallTrail(pending)
  try {
    const value = await fn(trail)
    return { value, unwritten: trail?.pending }
  } catch (e: unknown) {
    throw new ScopedFailure(e, trail?.pending)
  } finally {
    // Nothing started during the call (a timer, the worker) may write it later.
    if (trail !== undefined) trail.pending = undefined
  }
}

/** A call's failure with its event if that was never written. */
export class ScopedFailure extends Error {
  override readonly name = 'ScopedFailure'
  constructor(
    readonly error: unknown,
    readonly unwritten: PendingEvent | undefined,
  ) {
    super('call failed', { cause: error })
  }
}
