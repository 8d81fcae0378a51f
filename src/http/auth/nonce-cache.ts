// Replay protection: remembers each (AccessKeyId, nonce) pair until its signed time leaves the
// timestamp window, after which the timestamp check alone rejects a replay. The server uses the
// store-backed ledger (service/nonce-ledger.ts), shared by replicas and kept across restarts;
// MemoryNonceCache is the same contract inside one process, for tests of the verifier alone.
import { errors } from '../../domain/errors.js'
import { TIMESTAMP_WINDOW_MS } from '../../service/nonce-ledger.js'

export { TIMESTAMP_WINDOW_MS }

export interface NonceCache {
  /**
   * Records the nonce, or throws `SignatureNonceUsed` if the same AccessKey already used it
   * inside the window. `signedAt` is the request's own timestamp.
   */
  use(accessKeyId: string, nonce: string, signedAt: Date, now: Date): Promise<void>
}

export interface MemoryNonceCacheOptions {
  windowMs?: number
  /** Cap on remembered nonces per AccessKey; past it that key's oldest entry is dropped. */
  maxEntriesPerKey?: number
}

export class MemoryNonceCache implements NonceCache {
  readonly #windowMs: number
  readonly #maxEntries: number
  // AccessKeyId -> (nonce -> expiry, ms since epoch, in insertion order): one tenant's traffic
  // only ever evicts its own entries.
  readonly #byKey = new Map<string, Map<string, number>>()

  constructor(options: MemoryNonceCacheOptions = {}) {
    this.#windowMs = options.windowMs ?? TIMESTAMP_WINDOW_MS
    this.#maxEntries = Math.max(1, options.maxEntriesPerKey ?? 100_000)
  }

  get size(): number {
    let n = 0
    for (const entries of this.#byKey.values()) n += entries.size
    return n
  }

  async use(accessKeyId: string, nonce: string, signedAt: Date, now: Date): Promise<void> {
    const nowMs = now.getTime()
    let entries = this.#byKey.get(accessKeyId)
    if (entries === undefined) {
      entries = new Map()
      this.#byKey.set(accessKeyId, entries)
    }
    sweepFront(entries, nowMs)
    const expiry = entries.get(nonce)
    if (expiry !== undefined && expiry > nowMs) throw errors.signatureNonceUsed()
    entries.delete(nonce)
    while (entries.size >= this.#maxEntries) {
      const oldest = entries.keys().next()
      if (oldest.done === true) break
      entries.delete(oldest.value)
    }
    entries.set(nonce, Math.max(signedAt.getTime(), nowMs) + this.#windowMs)
  }
}

// Entries are inserted roughly in expiry order, so expired ones gather at the front.
function sweepFront(entries: Map<string, number>, nowMs: number): void {
  for (const [key, expiry] of entries) {
    if (expiry > nowMs) return
    entries.delete(key)
  }
}
