// Console sign-in sessions: a random 32-byte id (base64url) in an HttpOnly, SameSite=Strict
// cookie scoped to /console, mapped in memory to the signed-in account. A session ends on
// sign-out, after `idleMs` without use, or `maxAgeMs` after sign-in, whichever comes first.
// Sessions live in one process: a restart (or another replica) asks the user to sign in again.
import { randomBytes } from 'node:crypto'

export const SESSION_COOKIE = 'eniplane_console'
export const DEFAULT_IDLE_MS = 60 * 60 * 1000
export const DEFAULT_MAX_AGE_MS = 12 * 60 * 60 * 1000

export interface ConsoleSession {
  readonly accountId: string
  readonly accessKeyId: string
  readonly createdAt: number
  lastUsedAt: number
}

export interface SessionOptions {
  idleMs?: number
  maxAgeMs?: number
  now?: () => number
}

export class ConsoleSessions {
  readonly #sessions = new Map<string, ConsoleSession>()
  readonly #idleMs: number
  readonly #maxAgeMs: number
  readonly #now: () => number

  constructor(opts: SessionOptions = {}) {
    this.#idleMs = opts.idleMs ?? DEFAULT_IDLE_MS
    this.#maxAgeMs = opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS
    this.#now = opts.now ?? Date.now
  }

  /** Starts a session and returns its id. Expired sessions are swept at the same time. */
  create(accountId: string, accessKeyId: string): string {
    this.#sweep()
    const id = randomBytes(32).toString('base64url')
    const now = this.#now()
    this.#sessions.set(id, { accountId, accessKeyId, createdAt: now, lastUsedAt: now })
    return id
  }

  /** The live session for `id` (its idle timer restarts), or `undefined`. */
  touch(id: string | undefined): ConsoleSession | undefined {
    if (id === undefined) return undefined
    const session = this.#sessions.get(id)
    if (session === undefined) return undefined
    const now = this.#now()
    if (this.#expired(session, now)) {
      this.#sessions.delete(id)
      return undefined
    }
    session.lastUsedAt = now
    return session
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(id)
  }

  get size(): number {
    return this.#sessions.size
  }

  /** The cookie's Max-Age: the absolute lifetime (the idle limit is enforced here). */
  get maxAgeSeconds(): number {
    return Math.floor(this.#maxAgeMs / 1000)
  }

  #expired(session: ConsoleSession, now: number): boolean {
    return now - session.lastUsedAt > this.#idleMs || now - session.createdAt > this.#maxAgeMs
  }

  #sweep(): void {
    const now = this.#now()
    for (const [id, session] of this.#sessions) {
      if (this.#expired(session, now)) this.#sessions.delete(id)
    }
  }
}

/** The session id from a `Cookie` header, if any. */
export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined) return undefined
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() !== SESSION_COOKIE) continue
    const value = part.slice(eq + 1).trim()
    return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined
  }
  return undefined
}

/** `Set-Cookie` for a new session; `secure` when the console is reached over HTTPS. */
export function sessionCookie(id: string, maxAgeSeconds: number, secure: boolean): string {
  const attrs = [`${SESSION_COOKIE}=${id}`, 'Path=/console', 'HttpOnly', 'SameSite=Strict']
  attrs.push(`Max-Age=${maxAgeSeconds}`)
  if (secure) attrs.push('Secure')
  return attrs.join('; ')
}

/** `Set-Cookie` that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure)
}
