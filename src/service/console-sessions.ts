// Console sign-in sessions, kept in the store so that every replica (and the same one after a
// restart) knows them, and a sign-out ends the session everywhere. The cookie carries a random
// 32-byte id (base64url); the store holds only its SHA-256, so reading the database does not
// yield usable cookies. A session ends on sign-out, after `idleMs` without use, or `maxAgeMs`
// after sign-in, whichever comes first. Use is written back at most once per `touchEveryMs`, so
// a busy console does not turn every read into a write.
import { createHash, randomBytes } from 'node:crypto'
import type { Store } from '../storage/store.js'

export const DEFAULT_IDLE_MS = 60 * 60 * 1000
export const DEFAULT_MAX_AGE_MS = 12 * 60 * 60 * 1000
export const DEFAULT_TOUCH_EVERY_MS = 60 * 1000

export interface ConsoleSession {
  readonly accountId: string
  readonly accessKeyId: string
  readonly createdAt: number
  readonly lastUsedAt: number
}

export interface SessionOptions {
  idleMs?: number
  maxAgeMs?: number
  touchEveryMs?: number
  now?: () => number
}

const hashOf = (id: string): string => createHash('sha256').update(id).digest('hex')

export class ConsoleSessions {
  readonly #store: Store
  readonly #idleMs: number
  readonly #maxAgeMs: number
  readonly #touchEveryMs: number
  readonly #now: () => number

  constructor(store: Store, opts: SessionOptions = {}) {
    this.#store = store
    this.#idleMs = opts.idleMs ?? DEFAULT_IDLE_MS
    this.#maxAgeMs = opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS
    this.#touchEveryMs = Math.min(opts.touchEveryMs ?? DEFAULT_TOUCH_EVERY_MS, this.#idleMs / 4)
    this.#now = opts.now ?? Date.now
  }

  /** Starts a session and returns its id (the cookie value). */
  async create(accountId: string, accessKeyId: string): Promise<string> {
    const id = randomBytes(32).toString('base64url')
    const now = new Date(this.#now())
    await this.#store.transaction((tx) =>
      tx.insertConsoleSession({
        idHash: hashOf(id),
        accountId,
        accessKeyId,
        createdAt: now,
        lastUsedAt: now,
      }),
    )
    return id
  }

  /** The live session for `id` (its idle timer restarts), or `undefined`. */
  async touch(id: string | undefined): Promise<ConsoleSession | undefined> {
    if (id === undefined) return undefined
    const idHash = hashOf(id)
    const now = this.#now()
    const found = await this.#store.transaction((tx) => tx.getConsoleSession(idHash))
    if (found === undefined) return undefined
    const session = {
      accountId: found.accountId,
      accessKeyId: found.accessKeyId,
      createdAt: found.createdAt.getTime(),
      lastUsedAt: found.lastUsedAt.getTime(),
    }
    if (now - session.lastUsedAt > this.#idleMs || now - session.createdAt > this.#maxAgeMs) {
      await this.#store.transaction((tx) => tx.deleteConsoleSession(idHash))
      return undefined
    }
    if (now - session.lastUsedAt >= this.#touchEveryMs) {
      await this.#store.transaction((tx) => tx.touchConsoleSession(idHash, new Date(now)))
      return { ...session, lastUsedAt: now }
    }
    return session
  }

  /** Ends the session on every replica. */
  async delete(id: string | undefined): Promise<void> {
    if (id === undefined) return
    await this.#store.transaction((tx) => tx.deleteConsoleSession(hashOf(id)))
  }

  /** Deletes expired sessions; returns how many (the housekeeper calls it). */
  async sweep(): Promise<number> {
    const now = this.#now()
    return this.#store.transaction((tx) =>
      tx.deleteConsoleSessionsBefore(new Date(now - this.#idleMs), new Date(now - this.#maxAgeMs)),
    )
  }

  /** The cookie's Max-Age: the absolute lifetime (the idle limit is enforced here). */
  get maxAgeSeconds(): number {
    return Math.floor(this.#maxAgeMs / 1000)
  }
}
