// Signature V3, ACS3-HMAC-SHA256 (wire-protocol.md §5): canonical request, string to sign,
// signature and the Authorization header.
import type { Crypto } from './crypto.js'
import { percentEncode } from './percent-encode.js'
import { sortPairs, type Pair } from './query.js'

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256'
export const EMPTY_PAYLOAD_SHA256 =
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/** Decoded query pairs sorted by name, both sides RFC 3986 encoded; `''` when there are none. */
export function canonicalQueryV3(query: Iterable<Pair>): string {
  return sortPairs(query)
    .map(([name, value]) => percentEncode(name) + '=' + percentEncode(value))
    .join('&')
}

/** Lower-cased, de-duplicated and sorted header names. */
export function normalizeSignedHeaders(names: Iterable<string>): string[] {
  return [...new Set([...names].map((n) => n.trim().toLowerCase()).filter((n) => n !== ''))].sort()
}

/**
 * `name:trim(value)\n` for each signed header, sorted. `headers` is keyed by lower-case name;
 * a signed header that is absent contributes an empty value (the verifier rejects that case
 * before it gets here).
 */
export function canonicalHeadersV3(
  headers: Readonly<Record<string, string>>,
  signedHeaders: readonly string[],
): string {
  return normalizeSignedHeaders(signedHeaders)
    .map((name) => name + ':' + (headers[name] ?? '').trim() + '\n')
    .join('')
}

export interface CanonicalRequestV3Input {
  method: string
  /** The request path; `/` for RPC. */
  uri: string
  query: Iterable<Pair>
  /** Keyed by lower-case header name. */
  headers: Readonly<Record<string, string>>
  signedHeaders: readonly string[]
  hashedPayload: string
}

export function canonicalRequestV3(input: CanonicalRequestV3Input): string {
  const signed = normalizeSignedHeaders(input.signedHeaders)
  return [
    input.method.toUpperCase(),
    input.uri === '' ? '/' : input.uri,
    canonicalQueryV3(input.query),
    canonicalHeadersV3(input.headers, signed),
    signed.join(';'),
    input.hashedPayload,
  ].join('\n')
}

export function stringToSignV3(crypto: Crypto, canonicalRequest: string): string {
  return V3_ALGORITHM + '\n' + crypto.sha256Hex(canonicalRequest)
}

/** Lower-case hex HMAC-SHA256 keyed with the secret as is (no `&`). */
export function signV3(crypto: Crypto, accessKeySecret: string, stringToSign: string): string {
  return crypto.hmacSha256Hex(accessKeySecret, stringToSign)
}

export interface AuthorizationV3 {
  algorithm: string
  credential: string
  /** Lower-cased and sorted. */
  signedHeaders: string[]
  signature: string
}

export function formatAuthorizationV3(auth: Omit<AuthorizationV3, 'algorithm'>): string {
  return (
    `${V3_ALGORITHM} Credential=${auth.credential},` +
    `SignedHeaders=${normalizeSignedHeaders(auth.signedHeaders).join(';')},` +
    `Signature=${auth.signature}`
  )
}

export type ParsedAuthorization =
  { ok: true; value: AuthorizationV3 } | { ok: false; reason: string; algorithm?: string }

/**
 * Parses `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=a;b,Signature=…`. Tolerates spaces after
 * the commas and any order of the three fields. The algorithm is returned as sent; checking it
 * is the caller's job.
 */
export function parseAuthorizationV3(header: string): ParsedAuthorization {
  const trimmed = header.trim()
  const space = trimmed.search(/\s/)
  if (space < 0) return { ok: false, reason: 'Authorization has no credential fields.' }
  const algorithm = trimmed.slice(0, space)
  const fields = new Map<string, string>()
  for (const part of trimmed.slice(space + 1).split(',')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  const credential = fields.get('Credential')
  const signedHeaders = fields.get('SignedHeaders')
  const signature = fields.get('Signature')
  if (credential == null || credential === '') {
    return { ok: false, reason: 'Authorization lacks Credential.', algorithm }
  }
  if (signedHeaders == null || signedHeaders === '') {
    return { ok: false, reason: 'Authorization lacks SignedHeaders.', algorithm }
  }
  if (signature == null || signature === '') {
    return { ok: false, reason: 'Authorization lacks Signature.', algorithm }
  }
  return {
    ok: true,
    value: {
      algorithm,
      credential,
      signedHeaders: normalizeSignedHeaders(signedHeaders.split(';')),
      signature,
    },
  }
}
