// The console's session cookie: an HttpOnly, SameSite=Strict cookie scoped to /console holding
// a session id. The sessions themselves live in the store (service/console-sessions.ts), shared
// by every replica.
export {
  ConsoleSessions,
  DEFAULT_IDLE_MS,
  DEFAULT_MAX_AGE_MS,
  type ConsoleSession,
  type SessionOptions,
} from '../../service/console-sessions.js'

export const SESSION_COOKIE = 'eniplane_console'

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
