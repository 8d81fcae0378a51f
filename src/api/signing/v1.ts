// Signature V1, HMAC-SHA1 (wire-protocol.md §4): the canonicalized query string, the string to
// sign and the Base64 signature. The request path never takes part; the middle part is `%2F`.
import type { Crypto } from './crypto.js'
import { percentEncode } from './percent-encode.js'
import { formatQuery, sortPairs, toPairs, type Pair } from './query.js'

export const V1_SIGNATURE_METHOD = 'HMAC-SHA1'
export const V1_SIGNATURE_VERSION = '1.0'

/** Every parameter except `Signature`, sorted by raw name, RFC 3986 encoded, joined with `&`. */
export function canonicalizeV1(params: Iterable<Pair> | Readonly<Record<string, string>>): string {
  return formatQuery(sortPairs(toPairs(params).filter(([name]) => name !== 'Signature')))
}

export function stringToSignV1(method: string, canonicalizedQuery: string): string {
  return method.toUpperCase() + '&' + percentEncode('/') + '&' + percentEncode(canonicalizedQuery)
}

/** Base64 HMAC-SHA1 of the string to sign, keyed with `secret + "&"`. */
export function signV1(
  crypto: Crypto,
  method: string,
  params: Iterable<Pair> | Readonly<Record<string, string>>,
  accessKeySecret: string,
): string {
  return crypto.hmacSha1Base64(
    accessKeySecret + '&',
    stringToSignV1(method, canonicalizeV1(params)),
  )
}
