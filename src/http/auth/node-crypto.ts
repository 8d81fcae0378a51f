// The server's Crypto (the shared implementation over node:crypto), plus a constant-time string comparison.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { cryptoFrom } from '../../api/signing/index.js'

export const nodeCrypto = cryptoFrom({ createHash, createHmac })

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
