// Alibaba-shaped identifiers. Randomness is passed in as bytes (STYLE §2): the composition
// root gives crypto randomness, tests a seeded source.

export type ResourceKind = 'vpc' | 'vsw' | 'sg' | 'i' | 'eni' | 'vrt' | 'vtb' | 'acc' | 'op' | 'ev'

export interface IdGenerator {
  /** e.g. `eni-bp1k3n7x9q2w5e8r4t6y` */
  newId(kind: ResourceKind): string
  /**
   * An id whose body starts with `atMs` (9 base-36 digits), then 8 random characters: ids made
   * later sort after, so an index on them grows at its end instead of at a random page (events,
   * written with every call that changes state).
   */
  newOrderedId(kind: ResourceKind, atMs: number): string
  /** Alibaba's OUI 00:16:3e followed by three random octets. */
  newMac(): string
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** Builds ids from a source of random bytes: `<kind>-bp1` + 17 lower-case alphanumerics. */
export function idGeneratorFrom(randomBytes: (n: number) => Uint8Array): IdGenerator {
  const random = (n: number) => {
    let body = ''
    for (const b of randomBytes(n)) body += ALPHABET[b % ALPHABET.length]
    return body
  }
  return {
    newId(kind) {
      return `${kind}-bp1${random(17)}`
    },
    newOrderedId(kind, atMs) {
      // toString(36) uses 0-9 then a-z, in code-point order: fixed width sorts as numbers do.
      const time = Math.max(0, Math.floor(atMs)).toString(36).padStart(9, '0').slice(-9)
      return `${kind}-bp1${time}${random(8)}`
    },
    newMac() {
      const b = randomBytes(3)
      const hex = [...b].map((x) => x.toString(16).padStart(2, '0'))
      return `00:16:3e:${hex.join(':')}`
    },
  }
}

/** Deterministic byte source for tests (xorshift32). */
export function seededBytes(seed: number): (n: number) => Uint8Array {
  let s = seed >>> 0 || 1
  return (n) => {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      s ^= s << 13
      s >>>= 0
      s ^= s >>> 17
      s ^= s << 5
      s >>>= 0
      out[i] = s & 0xff
    }
    return out
  }
}

const ID_PATTERN = /^[a-z]+-[a-z0-9]{4,40}$/

export function looksLikeId(kind: ResourceKind, id: string): boolean {
  return id.startsWith(`${kind}-`) && ID_PATTERN.test(id)
}
