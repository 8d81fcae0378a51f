// The browser side of the console's API: sign-in/out and `POST /console/api/call`, which runs an
// Action for the signed-in account and answers exactly what the RPC API answers. Errors arrive
// as the API's envelope and are thrown as the client's RpcError (code, HTTP status, RequestId).
import { flattenParams, type RpcParams } from '../../src/client/flatten-params.js'
import { RpcError } from '../../src/client/rpc-error.js'
import { currentRegion } from './region.js'

export { RpcError }

export interface QuotaProfileInfo {
  readonly Name: string
  readonly AvailableSecondaryIpCap: number
  /** Private IPs (primary included) on an InUse ENI at most; absent = the type's value alone. */
  readonly InUsePrivateIpCeiling?: number
}

export interface SessionInfo {
  readonly AccountId: string
  readonly AccessKeyId: string
  readonly QuotaProfile?: QuotaProfileInfo
}

let profile: QuotaProfileInfo | undefined
/** The server's quota profile, as the session reported it (undefined before sign-in). */
export function quotaProfile(): QuotaProfileInfo | undefined {
  return profile
}

/** Called when a call finds the session gone (expired, signed out in another tab). */
let onSessionLost: (() => void) | undefined
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler
}

/** Runs `action`; `RegionId` defaults to the region chosen in the header. */
export async function callAction<T extends object = Record<string, unknown>>(
  action: string,
  params: RpcParams = {},
): Promise<T> {
  const flat: Record<string, string> = { RegionId: currentRegion() }
  for (const [name, value] of flattenParams(params)) flat[name] = value
  const body = await post('/console/api/call', { Action: action, Params: flat })
  return body as T
}

export async function signIn(accessKeyId: string, accessKeySecret: string): Promise<SessionInfo> {
  await post('/console/api/sign-in', {
    AccessKeyId: accessKeyId,
    AccessKeySecret: accessKeySecret,
  })
  // The session answer carries the quota profile as well.
  const session = await currentSession()
  if (session === undefined) throw new Error('The session was not kept; are cookies allowed?')
  return session
}

export async function signOut(): Promise<void> {
  await post('/console/api/sign-out', {})
}

/** The signed-in account, or `undefined` when there is no session. */
export async function currentSession(): Promise<SessionInfo | undefined> {
  const res = await fetch('/console/api/session', { credentials: 'same-origin' })
  const body = (await interpret(res)) as unknown as SessionInfo & { SignedIn?: boolean }
  if (body.SignedIn === false) return undefined
  profile = body.QuotaProfile
  return body
}

async function post(path: string, payload: object): Promise<Record<string, unknown>> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(payload),
  })
  return interpret(res)
}

async function interpret(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text()
  let body: Record<string, unknown> | undefined
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed !== null && typeof parsed === 'object') body = parsed as Record<string, unknown>
  } catch {
    body = undefined
  }
  if (res.ok && body !== undefined) return body
  const code = typeof body?.['Code'] === 'string' ? body['Code'] : 'UnexpectedResponse'
  const message =
    typeof body?.['Message'] === 'string' ? body['Message'] : `HTTP ${res.status} from the server`
  const requestId = typeof body?.['RequestId'] === 'string' ? body['RequestId'] : undefined
  if (code === 'Forbidden.Session') onSessionLost?.()
  throw new RpcError({ code, message, httpStatus: res.status, requestId, data: body })
}

/** `Code: Message` of any thrown value, for display. */
export function describeError(e: unknown): { code: string; message: string; requestId?: string } {
  if (e instanceof RpcError) {
    return e.requestId === undefined
      ? { code: e.code, message: e.message }
      : { code: e.code, message: e.message, requestId: e.requestId }
  }
  if (e instanceof Error) return { code: 'ConsoleError', message: e.message }
  return { code: 'ConsoleError', message: String(e) }
}
