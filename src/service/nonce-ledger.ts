// Replay protection shared by every replica: each (AccessKeyId, SignatureNonce) pair is recorded
// in the store until its signed time has left the timestamp window (after that the timestamp
// check alone refuses a replay), so a replay on another replica or after a restart is refused
// too. Pairs are keyed per AccessKey, and nothing but their expiry removes them: one tenant's
// traffic cannot push out another's nonces.
//
// Cost on the request path: one multi-row upsert per batch, in a transaction with relaxed
// durability (no fsync on SQLite, asynchronous commit on PostgreSQL: a machine crash may forget
// the last fraction of a second of nonces, a process crash forgets none). Requests that arrive
// while a batch is being written are written together in the next one, so under concurrency the
// cost is shared; on SQLite the batch also shares its COMMIT with the transactions queued beside
// it (the adapter's group commit), and no answer waits for it to be synced. Expired pairs are purged in batches by the housekeeper, never
// on the request path.
import { errors } from '../domain/errors.js'
import type { Store } from '../storage/store.js'

/** Accepted clock skew, either way, for V1 `Timestamp` and V3 `x-acs-date`. */
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000

/** Upper bound of one group-commit batch. */
const MAX_BATCH = 256

interface Pending {
  readonly accessKeyId: string
  readonly nonce: string
  readonly expiresAt: Date
  readonly now: Date
  resolve(recorded: boolean): void
  reject(e: unknown): void
}

export class NonceLedger {
  readonly #store: Store
  readonly #windowMs: number
  #pending: Pending[] = []
  #flushing = false

  constructor(store: Store, opts: { windowMs?: number } = {}) {
    this.#store = store
    this.#windowMs = opts.windowMs ?? TIMESTAMP_WINDOW_MS
  }

  /**
   * Records the nonce, or throws `SignatureNonceUsed` if the same AccessKey already used it
   * inside the window (on any replica). `signedAt` is the request's own timestamp.
   */
  async use(accessKeyId: string, nonce: string, signedAt: Date, now: Date): Promise<void> {
    const expiresAt = new Date(Math.max(signedAt.getTime(), now.getTime()) + this.#windowMs)
    const recorded = await new Promise<boolean>((resolve, reject) => {
      this.#pending.push({ accessKeyId, nonce, expiresAt, now, resolve, reject })
      this.#kick()
    })
    if (!recorded) throw errors.signatureNonceUsed()
  }

  /** Deletes pairs whose window has passed; returns how many. */
  async purge(now: Date): Promise<number> {
    return this.#store.transaction((tx) => tx.purgeNonces(now), { durability: 'relaxed' })
  }

  #kick(): void {
    if (this.#flushing || this.#pending.length === 0) return
    this.#flushing = true
    const batch = this.#pending.splice(0, MAX_BATCH)
    void this.#write(batch).finally(() => {
      this.#flushing = false
      this.#kick()
    })
  }

  async #write(batch: readonly Pending[]): Promise<void> {
    // The earliest `now` of the batch decides what has expired: never more lenient than
    // checking each request at its own time.
    const now = new Date(Math.min(...batch.map((p) => p.now.getTime())))
    try {
      const recorded = await this.#store.transaction((tx) => tx.useNonces(batch, now), {
        durability: 'relaxed',
      })
      batch.forEach((p, i) => p.resolve(recorded[i] ?? false))
    } catch (e: unknown) {
      for (const p of batch) p.reject(e)
    }
  }
}
