// The hashing surface the signing code needs. Injected so that this folder stays pure:
// the server implements it over node:crypto in http/auth, the client in client/.
export interface Crypto {
  /** Base64 (standard, padded) of HMAC-SHA1(key, data), both taken as UTF-8. */
  hmacSha1Base64(key: string, data: string): string
  /** Lower-case hex of HMAC-SHA256(key, data), both taken as UTF-8. */
  hmacSha256Hex(key: string, data: string): string
  /** Lower-case hex of SHA-256(data); a string is taken as UTF-8. */
  sha256Hex(data: string | Uint8Array): string
}
