// Tokens of the security-hardened metadata mode (spec/guest-os.md §1.1): minted by
// `PUT /latest/api/token` for one instance with a TTL of 1..21600 s, valid only for that
// instance until they expire. Held in memory: a restart invalidates them, and a client that
// gets 401 fetches a new one (what cloud-init and terway do).

export const MIN_TOKEN_TTL_SECONDS = 1
export const MAX_TOKEN_TTL_SECONDS = 21600

/** The TTL header's value as whole seconds in range, or undefined when missing or invalid. */
export function parseTokenTtl(header: string | undefined): number | undefined {
  if (header === undefined || !/^[0-9]{1,6}$/.test(header.trim())) return undefined
  const ttl = Number(header.trim())
  return ttl >= MIN_TOKEN_TTL_SECONDS && ttl <= MAX_TOKEN_TTL_SECONDS ? ttl : undefined
}

interface Entry {
  readonly instanceId: string
  readonly expiresAt: number
}

export class TokenRegistry {
  readonly #tokens = new Map<string, Entry>()
  readonly #now: () => number
  readonly #newToken: () => string
  readonly #capacity: number

  constructor(opts: { now: () => number; newToken: () => string; capacity?: number }) {
    this.#now = opts.now
    this.#newToken = opts.newToken
    this.#capacity = opts.capacity ?? 10_000
  }

  mint(instanceId: string, ttlSeconds: number): string {
    this.#sweep()
    while (this.#tokens.size >= this.#capacity) {
      const oldest = this.#tokens.keys().next()
      if (oldest.done === true) break
      this.#tokens.delete(oldest.value)
    }
    const token = this.#newToken()
    this.#tokens.set(token, { instanceId, expiresAt: this.#now() + ttlSeconds * 1000 })
    return token
  }

  /** True when `token` was minted for `instanceId` and has not expired. */
  valid(token: string, instanceId: string): boolean {
    const entry = this.#tokens.get(token)
    if (entry === undefined) return false
    if (entry.expiresAt <= this.#now()) {
      this.#tokens.delete(token)
      return false
    }
    return entry.instanceId === instanceId
  }

  get size(): number {
    return this.#tokens.size
  }

  #sweep(): void {
    const now = this.#now()
    for (const [token, entry] of this.#tokens) {
      if (entry.expiresAt <= now) this.#tokens.delete(token)
    }
  }
}
