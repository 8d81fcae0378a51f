// A process's service context from the server's configuration, with the system clock and crypto
// randomness: for both composition roots (main.ts, and each read worker's read-worker.ts).
import { randomBytes } from 'node:crypto'
import type { ServerConfig } from './config/server-config.js'
import { idGeneratorFrom } from './domain/ids.js'
import { DEFAULT_REGION_QUOTAS, QUOTA_PROFILES } from './domain/quota-profile.js'
import { createServiceContext, type ServiceContext } from './service/context.js'
import type { Store } from './storage/store.js'

/** What of the configuration the context is made from (serializable: a worker gets it). */
export type ContextConfig = Pick<
  ServerConfig,
  'quotaProfile' | 'enisPerRegion' | 'regions' | 'asyncDelayMs' | 'allocation' | 'ipv6Pool'
>

export function contextFromConfig(
  store: Store,
  config: ContextConfig,
  chaos: Pick<ServiceContext, 'latency' | 'faults'> = {},
): ServiceContext {
  return createServiceContext({
    store,
    clock: systemClock,
    ids: idGeneratorFrom(cryptoBytes),
    random: cryptoRandom,
    profile: QUOTA_PROFILES[config.quotaProfile],
    quotas: { ...DEFAULT_REGION_QUOTAS, enisPerRegion: config.enisPerRegion },
    regions: config.regions,
    asyncDelayMs: config.asyncDelayMs,
    allocation: config.allocation,
    ipv6Pool: config.ipv6Pool,
    ...chaos,
  })
}

const systemClock = { now: () => new Date() }

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
const cryptoBytes = pooledRandomBytes()
/** Uniform in [0, 1), from 32 random bits. */
const cryptoRandom = () => {
  const b = cryptoBytes(4)
  return (((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0) / 2 ** 32
}
