// Completes durable async operations. Each due operation is claimed, applied and deleted in
// one transaction (FOR UPDATE SKIP LOCKED on PostgreSQL), so a restart or a second replica
// finishes pending work and nothing is applied twice.
import { completeOperation } from '../service/complete-operation.js'
import type { ServiceContext } from '../service/context.js'
import { runTransaction } from '../service/run-transaction.js'

export interface WorkerOptions {
  /** how often to look for due work when nothing is known to be due sooner */
  readonly pollMs?: number
  readonly onError?: (e: unknown) => void
}

export class Worker {
  readonly #ctx: ServiceContext
  readonly #pollMs: number
  readonly #onError: (e: unknown) => void
  #timer: NodeJS.Timeout | undefined
  #running: Promise<void> | undefined
  #stopped = true

  constructor(ctx: ServiceContext, opts: WorkerOptions = {}) {
    this.#ctx = ctx
    this.#pollMs = opts.pollMs ?? 200
    this.#onError = opts.onError ?? (() => undefined)
  }

  /** Applies every operation due now; returns how many were applied. */
  async runDue(): Promise<number> {
    let applied = 0
    for (;;) {
      const done = await runTransaction(this.#ctx, async (tx) => {
        const op = await tx.claimDueOperation(this.#ctx.clock.now())
        if (!op) return undefined
        const effect = await completeOperation(tx, this.#ctx, op)
        await tx.deleteOperation(op.id)
        return effect
      })
      if (done === undefined) return applied
      if (done.freed) this.#ctx.pools.markFree(done.freed.vswitchId, done.freed.addresses)
      applied++
    }
  }

  start(): void {
    if (!this.#stopped) return
    this.#stopped = false
    this.#schedule(0)
  }

  /** Wakes the loop now (after a request scheduled something due immediately). */
  poke(): void {
    if (!this.#stopped && this.#running === undefined) this.#schedule(0)
  }

  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    await this.#running
  }

  #schedule(ms: number): void {
    if (this.#stopped) return
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#running = this.#tick().finally(() => {
        this.#running = undefined
      })
    }, ms)
  }

  async #tick(): Promise<void> {
    let wait = this.#pollMs
    try {
      await this.runDue()
      const next = await this.#ctx.store.transaction((tx) => tx.nextOperationDue())
      if (next) wait = Math.max(0, Math.min(wait, next.getTime() - this.#ctx.clock.now().getTime()))
    } catch (e: unknown) {
      this.#onError(e)
    }
    this.#schedule(wait)
  }
}
