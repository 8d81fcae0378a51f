// The server's Crypto over node:crypto, plus a constant-time string comparison.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { Crypto } from '../../api/signing/index.js'

export const nodeCrypto: Crypto = {
  hmacSha1Base64: (key, data) => createHmac('sha1', key).update(data, 'utf8').digest('base64'),
  hmacSha256Hex: (key, data) => createHmac('sha256', key).update(data, 'utf8').digest('hex'),
  sha256Hex: (data) =>
    typeof data === 'string'
      ? createHash('sha256').update(data, 'utf8').digest('hex')
      : createHash('sha256').update(data).digest('hex'),
}

/** Compares in time independent of where the strings differ; only the lengths leak. */
export function timingSafeEqualStrings(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8')
  const y = Buffer.from(b, 'utf8')
  if (x.length !== y.length) {
    timingSafeEqual(x, x) // keep the work similar on the mismatched-length path
    return false
  }
  return timingSafeEqual(x, y)
}
