// Completes durable async operations. Each due operation is claimed, applied and deleted in
// one transaction (FOR UPDATE SKIP LOCKED on PostgreSQL), so a restart or a second replica
// finishes pending work and nothing is applied twice.
//
// It cannot stall: an operation whose transition throws is not retried at once but rescheduled
// with exponential back-off (its attempts and last error recorded on the row), so every other
// due operation keeps flowing; after `maxAttempts` it gives up, its resource is put in a defined
// state (service/abandon-operation.ts) and the row keeps the reason (DescribeEniplaneOperations).
// A database that is away (ServiceUnavailable) costs no attempt: the loop backs off and tries
// again.
//
// Wake-ups cost no transaction per response: the store tells the worker the due time of every
// operation a committed transaction scheduled (in process, and on PostgreSQL from every replica
// through LISTEN/NOTIFY), and a timer fires then. A slow poll covers missed notifications and
// the work of replicas that died (on SQLite, of other processes on the same file).
import { isApiError } from '../domain/errors.js'
import type { Operation } from '../domain/resources.js'
import { abandonOperation } from '../service/abandon-operation.js'
import { completeOperation } from '../service/complete-operation.js'
import type { ServiceContext } from '../service/context.js'
import { runTransaction } from '../service/run-transaction.js'

export interface WorkerOptions {
  /** Longest sleep when nothing is known to be due sooner (the safety-net poll). */
  readonly pollMs?: number
  /** Attempts before an operation gives up (default 5). */
  readonly maxAttempts?: number
  /** First retry delay; doubled per attempt up to `maxBackoffMs` (defaults 500 and 30,000). */
  readonly backoffMs?: number
  readonly maxBackoffMs?: number
  /** Periodic clean-up (expired nonces, sessions, idempotency records…), every `sweepEveryMs`. */
  readonly housekeeping?: () => Promise<void>
  readonly sweepEveryMs?: number
  readonly onError?: (e: unknown) => void
  /** Told of each failed attempt (`gaveUp` on the last). */
  readonly onFailure?: (op: Operation, reason: string, gaveUp: boolean) => void
}

export class Worker {
  readonly #ctx: ServiceContext
  readonly #pollMs: number
  readonly #maxAttempts: number
  readonly #backoffMs: number
  readonly #maxBackoffMs: number
  readonly #sweepEveryMs: number
  readonly #housekeeping: (() => Promise<void>) | undefined
  readonly #onError: (e: unknown) => void
  readonly #onFailure: NonNullable<WorkerOptions['onFailure']>
  #timer: NodeJS.Timeout | undefined
  #timerAt = Infinity
  #running: Promise<void> | undefined
  #again = false
  #stopped = true
  #unsubscribe: (() => void) | undefined
  #lastSweep = 0
  #errorStreak = 0

  constructor(ctx: ServiceContext, opts: WorkerOptions = {}) {
    this.#ctx = ctx
    this.#pollMs = opts.pollMs ?? 2000
    this.#maxAttempts = Math.max(1, opts.maxAttempts ?? 5)
    this.#backoffMs = opts.backoffMs ?? 500
    this.#maxBackoffMs = opts.maxBackoffMs ?? 30_000
    this.#sweepEveryMs = opts.sweepEveryMs ?? 60_000
    this.#housekeeping = opts.housekeeping
    this.#onError = opts.onError ?? (() => undefined)
    this.#onFailure = opts.onFailure ?? (() => undefined)
  }

  /** Applies every operation due now; returns how many were applied or given up. */
  async runDue(): Promise<number> {
    let handled = 0
    for (;;) {
      let claimed: Operation | undefined
      let done: { freed?: { vswitchId: string; addresses: string[] } } | undefined
      try {
        done = await runTransaction(this.#ctx, async (tx) => {
          const op = await tx.claimDueOperation(this.#ctx.clock.now())
          claimed = op
          if (!op) return undefined
          const effect = await completeOperation(tx, this.#ctx, op)
          await tx.deleteOperation(op.id)
          return effect
        })
      } catch (e: unknown) {
        if (claimed === undefined || isUnavailable(e)) throw e
        if (await this.#recordFailure(claimed, e)) handled++
        continue
      }
      if (done === undefined) return handled
      if (done.freed) this.#ctx.pools.markFree(done.freed.vswitchId, done.freed.addresses)
      handled++
    }
  }

  start(): void {
    if (!this.#stopped) return
    this.#stopped = false
    this.#unsubscribe = this.#ctx.store.onOperationsScheduled((dueAt) => this.#wakeAt(dueAt))
    this.#schedule(0)
  }

  /** Wakes the loop now. */
  poke(): void {
    this.#wakeAt(this.#ctx.clock.now())
  }

  async stop(): Promise<void> {
    this.#stopped = true
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    await this.#running
  }

  /** Back-off after `attempts` failures: backoffMs · 2^(attempts−1), capped. */
  backoff(attempts: number): number {
    return Math.min(this.#maxBackoffMs, this.#backoffMs * 2 ** Math.max(0, attempts - 1))
  }

  /** Returns true when the operation gave up (its fallback state applied). */
  async #recordFailure(op: Operation, e: unknown): Promise<boolean> {
    const attempts = (op.attempts ?? 0) + 1
    const reason = reasonOf(e)
    const now = this.#ctx.clock.now()
    if (attempts < this.#maxAttempts) {
      await runTransaction(this.#ctx, (tx) =>
        tx.retryOperation(op.id, reason, new Date(now.getTime() + this.backoff(attempts))),
      )
      this.#onFailure(op, reason, false)
      return false
    }
    try {
      await runTransaction(this.#ctx, async (tx) => {
        const current = await tx.claimOperation(op.id)
        if (current === undefined) return
        await abandonOperation(tx, current)
        await tx.failOperation(op.id, reason, now)
      })
      this.#onFailure(op, reason, true)
      return true
    } catch (fallbackError: unknown) {
      if (isUnavailable(fallbackError)) throw fallbackError
      // Even the fallback fails: keep the row, due again after the longest back-off.
      const both = `${reason}; fallback: ${reasonOf(fallbackError)}`
      await runTransaction(this.#ctx, (tx) =>
        tx.retryOperation(op.id, both, new Date(now.getTime() + this.#maxBackoffMs)),
      )
      this.#onFailure(op, both, false)
      return false
    }
  }

  #wakeAt(dueAt: Date): void {
    if (this.#stopped) return
    if (this.#running !== undefined) {
      // A tick is in progress: it reads the next due time when it finishes.
      this.#again = true
      return
    }
    const ms = Math.max(0, dueAt.getTime() - this.#ctx.clock.now().getTime())
    if (Date.now() + ms < this.#timerAt) this.#schedule(ms)
  }

  #schedule(ms: number): void {
    if (this.#stopped) return
    if (this.#timer) clearTimeout(this.#timer)
    this.#timerAt = Date.now() + ms
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#timerAt = Infinity
      this.#again = false
      this.#running = this.#tick().finally(() => {
        this.#running = undefined
      })
    }, ms)
  }

  async #tick(): Promise<void> {
    let wait = this.#pollMs
    try {
      await this.runDue()
      await this.#sweep()
      const next = await this.#ctx.store.transaction((tx) => tx.nextOperationDue())
      if (next) wait = Math.max(0, Math.min(wait, next.getTime() - this.#ctx.clock.now().getTime()))
      if (this.#again) wait = 0
      this.#errorStreak = 0
    } catch (e: unknown) {
      this.#onError(e)
      // The database is away (or something else is broken): back off, do not spin.
      this.#errorStreak++
      wait = Math.min(this.#maxBackoffMs, this.backoff(this.#errorStreak))
    }
    this.#schedule(wait)
  }

  async #sweep(): Promise<void> {
    if (this.#housekeeping === undefined) return
    const now = Date.now()
    if (now - this.#lastSweep < this.#sweepEveryMs) return
    this.#lastSweep = now
    await this.#housekeeping()
  }
}

function isUnavailable(e: unknown): boolean {
  return isApiError(e) && e.code === 'ServiceUnavailable'
}

function reasonOf(e: unknown): string {
  const text = isApiError(e)
    ? `${e.code}: ${e.message}`
    : e instanceof Error
      ? `${e.name}: ${e.message}`
      : String(e)
  return text.slice(0, 500)
}
