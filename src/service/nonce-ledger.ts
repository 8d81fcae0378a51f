// Replay protection shared by every replica: each (AccessKeyId, SignatureNonce) pair is recorded
// in the store until its signed time has left the timestamp window (after that the timestamp
// check alone refuses a replay), so a replay on another replica or after a restart is refused
// too. Pairs are keyed per AccessKey, and nothing but their expiry removes them: one tenant's
// traffic cannot push out another's nonces.
//
// Cost on the request path: one upsert per signed request, in a transaction with relaxed
// durability (no fsync on SQLite, asynchronous commit on PostgreSQL: a machine crash may forget
// the last fraction of a second of nonces, a process crash forgets none). Requests that arrive
// while a batch is being written are written together in the next one (group commit), so under
// concurrency the cost is shared. Expired pairs are purged in batches by the housekeeper, never
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
    // A fixed order, so two replicas' batches never wait on each other's rows in a cycle.
    const order = batch
      .map((_, i) => i)
      .sort((a, b) => {
        const x = batch[a]!
        const y = batch[b]!
        return x.accessKeyId < y.accessKeyId
          ? -1
          : x.accessKeyId > y.accessKeyId
            ? 1
            : x.nonce < y.nonce
              ? -1
              : x.nonce > y.nonce
                ? 1
                : a - b
      })
    try {
      const recorded = await this.#store.transaction(
        async (tx) => {
          const out = new Array<boolean>(batch.length).fill(false)
          for (const i of order) {
            const p = batch[i]!
            out[i] = await tx.useNonce(p.accessKeyId, p.nonce, p.expiresAt, p.now)
          }
          return out
        },
        { durability: 'relaxed' },
      )
      batch.forEach((p, i) => p.resolve(recorded[i] ?? false))
    } catch (e: unknown) {
      for (const p of batch) p.reject(e)
    }
  }
}
