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

/** The part of node:crypto (or any compatible module) that `cryptoFrom` needs. */
export interface HashModule {
  createHash(algorithm: string): HashLike
  createHmac(algorithm: string, key: string): HashLike
}
interface HashLike {
  update(data: string | Uint8Array, encoding?: 'utf8'): HashLike
  digest(encoding: 'hex' | 'base64'): string
}

/** The one `Crypto` implementation, over the hash module the caller passes in. */
export function cryptoFrom(m: HashModule): Crypto {
  return {
    hmacSha1Base64: (key, data) => m.createHmac('sha1', key).update(data, 'utf8').digest('base64'),
    hmacSha256Hex: (key, data) => m.createHmac('sha256', key).update(data, 'utf8').digest('hex'),
    sha256Hex: (data) =>
      typeof data === 'string'
        ? m.createHash('sha256').update(data, 'utf8').digest('hex')
        : m.createHash('sha256').update(data).digest('hex'),
  }
}
