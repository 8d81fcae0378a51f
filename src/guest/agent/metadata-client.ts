// Reads the instance metadata service the way cloud-init and terway do (spec/guest-os.md §1.1):
// a token from `PUT /latest/api/token`, cached until shortly before its TTL, dropped and fetched
// again on 401; every request bounded by a timeout.

export const DEFAULT_METADATA_URL = 'http://100.100.100.200'
const TOKEN_PATH = '/latest/api/token'
const ITEM_PREFIX = '/latest/meta-data/'

export type MetadataAnswer =
  { readonly status: 'ok'; readonly text: string } | { readonly status: 'absent' }

/** A failed read (transport error, timeout, 5xx, refused): "unknown", never "empty". */
export class MetadataError extends Error {
  override readonly name = 'MetadataError'
}

export interface MetadataClientOptions {
  readonly baseUrl?: string
  readonly fetch?: typeof fetch
  readonly timeoutMs?: number
  readonly tokenTtlSeconds?: number
  readonly now?: () => number
}

export class MetadataClient {
  readonly baseUrl: string
  readonly #fetch: typeof fetch
  readonly #timeoutMs: number
  readonly #ttl: number
  readonly #now: () => number
  #token: { value: string; renewAt: number } | undefined
  /** false once the service refused to mint tokens: then read without (normal mode) */
  #tokens = true

  constructor(opts: MetadataClientOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? DEFAULT_METADATA_URL).replace(/\/+$/, '')
    this.#fetch = opts.fetch ?? globalThis.fetch
    this.#timeoutMs = opts.timeoutMs ?? 3000
    this.#ttl = opts.tokenTtlSeconds ?? 21600
    this.#now = opts.now ?? Date.now
  }

  /** One item, relative to `meta-data/` (e.g. `network/interfaces/macs/`). */
  async get(item: string): Promise<MetadataAnswer> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.#currentToken()
      const headers: Record<string, string> = {}
      if (token !== undefined) headers['X-aliyun-ecs-metadata-token'] = token
      const res = await this.#request(ITEM_PREFIX + item, { method: 'GET', headers })
      if (res.status === 401 && attempt === 0) {
        this.#token = undefined
        continue
      }
      const text = await res.text()
      if (res.status === 200) return { status: 'ok', text }
      if (res.status === 404) return { status: 'absent' }
      throw new MetadataError(`GET ${item}: HTTP ${res.status}`)
    }
    throw new MetadataError(`GET ${item}: HTTP 401 with a fresh token`)
  }

  async #currentToken(): Promise<string | undefined> {
    if (!this.#tokens) return undefined
    if (this.#token !== undefined && this.#now() < this.#token.renewAt) return this.#token.value
    const res = await this.#request(TOKEN_PATH, {
      method: 'PUT',
      headers: { 'X-aliyun-ecs-metadata-token-ttl-seconds': String(this.#ttl) },
    })
    const body = await res.text()
    if (res.status >= 500) throw new MetadataError(`PUT token: HTTP ${res.status}`)
    if (res.status !== 200 || body.trim() === '') {
      this.#tokens = false
      return undefined
    }
    // renew a minute early (or at half the TTL for short ones)
    const margin = Math.min(60, this.#ttl / 2) * 1000
    this.#token = { value: body.trim(), renewAt: this.#now() + this.#ttl * 1000 - margin }
    return this.#token.value
  }

  async #request(path: string, init: RequestInit): Promise<Response> {
    try {
      return await this.#fetch(this.baseUrl + path, {
        ...init,
        signal: AbortSignal.timeout(this.#timeoutMs),
      })
    } catch (e: unknown) {
      const why = e instanceof Error ? e.message : String(e)
      throw new MetadataError(`${init.method ?? 'GET'} ${path}: ${why}`, { cause: e })
    }
  }
}
