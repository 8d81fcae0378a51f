// The process's clock and randomness, for the composition roots (main.ts, read-worker.ts).
import { randomBytes } from 'node:crypto'

export const systemClock = { now: () => new Date() }

/**
 * Crypto-random bytes handed out from a 4 KiB block drawn at once and replaced when spent (views
 * of a block stay valid): one call into the RNG per few hundred ids instead of one per id (a
 * state-changing request takes an event id and, for an assign, an address pick).
 */
function pooledRandomBytes(blockSize = 4096): (n: number) => Uint8Array {
  let block = randomBytes(blockSize)
  let at = 0
  return (n) => {
    if (n > blockSize) return new Uint8Array(randomBytes(n))
    if (at + n > blockSize) {
      block = randomBytes(blockSize)
      at = 0
    }
    const out = new Uint8Array(block.buffer, block.byteOffset + at, n)
    at += n
    return out
  }
}
export const cryptoBytes = pooledRandomBytes()
/** Uniform in [0, 1), from 32 random bits. */
export const cryptoRandom = () => {
  const b = cryptoBytes(4)
  return (((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0) / 2 ** 32
}
