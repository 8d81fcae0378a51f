// Replay protection: remembers each (AccessKeyId, nonce) pair until its signed time leaves the
// timestamp window, after which the timestamp check alone rejects a replay. Bounded memory.
import { errors } from '../../domain/errors.js'

/** Accepted clock skew, either way, for V1 `Timestamp` and V3 `x-acs-date`. */
export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000

export interface NonceCache {
  /**
   * Records the nonce, or throws `SignatureNonceUsed` if the same AccessKey already used it
   * inside the window. `signedAt` is the request's own timestamp.
   */
  use(accessKeyId: string, nonce: string, signedAt: Date, now: Date): void
}

export interface MemoryNonceCacheOptions {
  windowMs?: number
  /** Hard cap on remembered nonces; past it the oldest entry is dropped. */
  maxEntries?: number
}

export class MemoryNonceCache implements NonceCache {
  readonly #windowMs: number
  readonly #maxEntries: number
  // key -> expiry (ms since epoch), in insertion order
  readonly #entries = new Map<string, number>()

  constructor(options: MemoryNonceCacheOptions = {}) {
    this.#windowMs = options.windowMs ?? TIMESTAMP_WINDOW_MS
    this.#maxEntries = Math.max(1, options.maxEntries ?? 100_000)
  }

  get size(): number {
    return this.#entries.size
  }

  use(accessKeyId: string, nonce: string, signedAt: Date, now: Date): void {
    const nowMs = now.getTime()
    this.#sweepFront(nowMs)
    const key = accessKeyId + '\u0000' + nonce
    const expiry = this.#entries.get(key)
    if (expiry !== undefined && expiry > nowMs) throw errors.signatureNonceUsed()
    this.#entries.delete(key)
    if (this.#entries.size >= this.#maxEntries) this.#sweepAll(nowMs)
    while (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next()
      if (oldest.done === true) break
      this.#entries.delete(oldest.value)
    }
    this.#entries.set(key, Math.max(signedAt.getTime(), nowMs) + this.#windowMs)
  }

  // Entries are inserted roughly in expiry order, so expired ones gather at the front.
  #sweepFront(nowMs: number): void {
    for (const [key, expiry] of this.#entries) {
      if (expiry > nowMs) return
      this.#entries.delete(key)
    }
  }

  #sweepAll(nowMs: number): void {
    for (const [key, expiry] of this.#entries) {
      if (expiry <= nowMs) this.#entries.delete(key)
    }
  }
}
