// Server-side signature verification for both schemes (wire-protocol.md §4, §5, §6).
// Dispatch: an `Authorization: ACS3-…` header means V3, anything else is V1. Every failure is a
// catalogue error; the nonce is recorded only after the signature has been proven.
import {
  V1_SIGNATURE_METHOD,
  V1_SIGNATURE_VERSION,
  V3_ALGORITHM,
  canonicalRequestV3,
  parseAuthorizationV3,
  parseQuery,
  signV1,
  signV3,
  stringToSignV3,
} from '../../api/signing/index.js'
import { errors } from '../../domain/errors.js'
import { nodeCrypto, timingSafeEqualStrings } from './node-crypto.js'
import { TIMESTAMP_WINDOW_MS, type NonceCache } from './nonce-cache.js'
import { parseSignedTime } from './timestamp.js'

export interface SignedRequest {
  method: string
  /** The path without the query; `/` for RPC. */
  path: string
  /** The query string exactly as received, without `?`. */
  rawQuery: string
  /** Keyed by header name (matched case-insensitively), as node:http provides them. */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>
  /** The exact body bytes (a string is taken as UTF-8). */
  body: Uint8Array | string
  /** Decoded query and form parameters, merged. */
  params: Readonly<Record<string, string>>
}

export interface VerifiedCaller {
  accessKeyId: string
  scheme: 'V1' | 'V3'
  /** V1: the signed `Action` parameter; V3: the signed `x-acs-action` header. */
  action: string | undefined
  /** V1: the signed `Version` parameter; V3: the signed `x-acs-version` header. */
  version: string | undefined
  /** STS token: V1 `SecurityToken`, V3 `x-acs-security-token`. */
  securityToken: string | undefined
}

export type LookupSecret = (accessKeyId: string) => Promise<string | undefined>

const MAX_NONCE_LENGTH = 128

/** Headers every SDK signs; a V3 request that leaves one out is rejected. */
const REQUIRED_SIGNED_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
] as const

export async function verifySignature(
  req: SignedRequest,
  lookupSecret: LookupSecret,
  now: Date,
  nonces: NonceCache,
): Promise<VerifiedCaller> {
  const headers = lowerCaseHeaders(req.headers)
  const authorization = headers.get('authorization')
  if (authorization != null && /^ACS\d/i.test(authorization.trim())) {
    return verifyV3(req, headers, authorization, lookupSecret, now, nonces)
  }
  return verifyV1(req, lookupSecret, now, nonces)
}

async function verifyV1(
  req: SignedRequest,
  lookupSecret: LookupSecret,
  now: Date,
  nonces: NonceCache,
): Promise<VerifiedCaller> {
  const p = req.params
  const signature = required(p, 'Signature')
  const accessKeyId = required(p, 'AccessKeyId')
  const method = required(p, 'SignatureMethod')
  if (method !== V1_SIGNATURE_METHOD) throw errors.unsupportedSignatureMethod(method)
  const version = required(p, 'SignatureVersion')
  if (version !== V1_SIGNATURE_VERSION) {
    throw errors.unsupportedSignatureMethod(`${method} ${version}`)
  }
  const signatureType = p['SignatureType']
  if (signatureType != null && signatureType !== '') {
    throw errors.unsupportedSignatureMethod(signatureType)
  }
  const nonce = checkNonce(required(p, 'SignatureNonce'), 'SignatureNonce')
  const signedAt = checkTime(required(p, 'Timestamp'), now)

  const secret = await lookupSecret(accessKeyId)
  if (secret == null) throw errors.invalidAccessKeyIdNotFound()
  const expected = signV1(nodeCrypto, req.method, Object.entries(p), secret)
  if (!timingSafeEqualStrings(expected, signature)) throw errors.signatureDoesNotMatch()

  await nonces.use(accessKeyId, nonce, signedAt, now)
  return {
    accessKeyId,
    scheme: 'V1',
    action: p['Action'],
    version: p['Version'],
    securityToken: p['SecurityToken'],
  }
}

async function verifyV3(
  req: SignedRequest,
  headers: ReadonlyMap<string, string>,
  authorization: string,
  lookupSecret: LookupSecret,
  now: Date,
  nonces: NonceCache,
): Promise<VerifiedCaller> {
  const parsed = parseAuthorizationV3(authorization)
  const algorithm = parsed.ok ? parsed.value.algorithm : parsed.algorithm
  if (algorithm != null && algorithm !== V3_ALGORITHM) {
    throw errors.unsupportedSignatureMethod(algorithm)
  }
  if (!parsed.ok) throw errors.incompleteSignature(parsed.reason)
  const auth = parsed.value

  for (const name of REQUIRED_SIGNED_HEADERS) {
    if (!auth.signedHeaders.includes(name)) {
      throw errors.incompleteSignature(`SignedHeaders must include ${name}.`)
    }
  }
  const signedValues: Record<string, string> = {}
  for (const name of auth.signedHeaders) {
    const value = headers.get(name)
    if (value == null) throw errors.incompleteSignature(`The signed header ${name} is missing.`)
    signedValues[name] = value
  }

  const nonce = checkNonce(signedValues['x-acs-signature-nonce'] ?? '', 'x-acs-signature-nonce')
  const signedAt = checkTime(signedValues['x-acs-date'] ?? '', now)

  const hashedPayload = nodeCrypto.sha256Hex(req.body)
  const declared = (signedValues['x-acs-content-sha256'] ?? '').trim().toLowerCase()
  if (!timingSafeEqualStrings(hashedPayload, declared)) throw errors.signatureDoesNotMatch()

  const secret = await lookupSecret(auth.credential)
  if (secret == null) throw errors.invalidAccessKeyIdNotFound()
  const canonical = canonicalRequestV3({
    method: req.method,
    uri: req.path,
    query: parseQuery(req.rawQuery),
    headers: signedValues,
    signedHeaders: auth.signedHeaders,
    hashedPayload: signedValues['x-acs-content-sha256'] ?? '',
  })
  const expected = signV3(nodeCrypto, secret, stringToSignV3(nodeCrypto, canonical))
  if (!timingSafeEqualStrings(expected, auth.signature.toLowerCase())) {
    throw errors.signatureDoesNotMatch()
  }

  await nonces.use(auth.credential, nonce, signedAt, now)
  return {
    accessKeyId: auth.credential,
    scheme: 'V3',
    action: signedValues['x-acs-action'],
    version: signedValues['x-acs-version'],
    securityToken: headers.get('x-acs-security-token'),
  }
}

function lowerCaseHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
): Map<string, string> {
  const out = new Map<string, string>()
  for (const [name, value] of Object.entries(headers)) {
    if (value == null) continue
    const text = typeof value === 'string' ? value : value.join(', ')
    const key = name.toLowerCase()
    const prior = out.get(key)
    out.set(key, prior == null ? text : `${prior}, ${text}`)
  }
  return out
}

function required(params: Readonly<Record<string, string>>, name: string): string {
  const value = params[name]
  if (value == null || value === '') throw errors.missingParameter(name)
  return value
}

function checkNonce(nonce: string, name: string): string {
  if (nonce === '') throw errors.missingParameter(name)
  if (nonce.length > MAX_NONCE_LENGTH) throw errors.invalidParameter(name)
  return nonce
}

function checkTime(text: string, now: Date): Date {
  const signedAt = parseSignedTime(text.trim())
  if (signedAt == null) throw errors.invalidTimeStampFormat()
  if (Math.abs(now.getTime() - signedAt.getTime()) > TIMESTAMP_WINDOW_MS) {
    throw errors.invalidTimeStampExpired()
  }
  return signedAt
}
