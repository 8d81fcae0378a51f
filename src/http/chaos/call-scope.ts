// The current call's pending event, carried through the call's async work (AsyncLocalStorage),
// so the service's first transaction can write it with the effect (service/audit.ts).
import { AsyncLocalStorage } from 'node:async_hooks'
import type { AuditTrail, PendingEvent } from '../../service/audit.js'

interface Slot {
  pending: PendingEvent | undefined
}

export class CallScope implements AuditTrail {
  readonly #als = new AsyncLocalStorage<Slot>()

  take(): PendingEvent | undefined {
    const slot = this.#als.getStore()
    if (slot?.pending === undefined) return undefined
    const pending = slot.pending
    slot.pending = undefined
    return pending
  }

  putBack(e: PendingEvent): void {
    const slot = this.#als.getStore()
    if (slot !== undefined) slot.pending = e
  }

  /** Runs `fn` with `pending` as the call's event; resolves with whether it is still unwritten. */
  async run<T>(
    pending: PendingEvent | undefined,
    fn: () => Promise<T>,
  ): Promise<{ value: T; unwritten: PendingEvent | undefined }> {
    const slot: Slot = { pending }
    try {
      const value = await this.#als.run(slot, fn)
      return { value, unwritten: slot.pending }
    } catch (e: unknown) {
      throw new ScopedFailure(e, slot.pending)
    } finally {
      // Nothing started during the call (a timer, the worker) may write it later.
      slot.pending = undefined
    }
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
