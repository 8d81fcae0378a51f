// A typed client for the RPC OpenAPI, signing Signature V1 (HMAC-SHA1) like pop-core does:
// POST with a form body by default (or GET with a query), Format=JSON, a fresh nonce and a UTC
// timestamp without milliseconds per call.
import { randomUUID } from 'node:crypto'
import { versionForAction } from '../api/action-versions.js'
import {
  V1_SIGNATURE_METHOD,
  V1_SIGNATURE_VERSION,
  formatQuery,
  percentEncode,
  signV1,
  sortPairs,
  type Pair,
} from '../api/signing/index.js'
import { flattenParams, type RpcParams } from './flatten-params.js'
import { nodeCrypto } from './node-crypto.js'
import { RpcError, UNEXPECTED_RESPONSE } from './rpc-error.js'

export interface RpcClientOptions {
  /** `http(s)://host[:port]`; a bare `host:port` is taken as http. */
  endpoint: string
  accessKeyId: string
  accessKeySecret: string
  fetch?: typeof fetch
  /** Injected for tests; defaults to the system clock. */
  clock?: () => Date
  /** Injected for tests; defaults to crypto.randomUUID. */
  nonce?: () => string
}

export interface CallOptions {
  /** Defaults to the action's API version (api/action-versions.ts). */
  version?: string
  method?: 'GET' | 'POST'
}

export class RpcClient {
  readonly endpoint: string
  readonly #accessKeyId: string
  readonly #accessKeySecret: string
  readonly #fetch: typeof fetch
  readonly #clock: () => Date
  readonly #nonce: () => string

  constructor(opts: RpcClientOptions) {
    this.endpoint = normalizeEndpoint(opts.endpoint)
    this.#accessKeyId = opts.accessKeyId
    this.#accessKeySecret = opts.accessKeySecret
    this.#fetch = opts.fetch ?? globalThis.fetch
    this.#clock = opts.clock ?? (() => new Date())
    this.#nonce = opts.nonce ?? randomUUID
  }

  async call(
    action: string,
    params: RpcParams,
    opts: CallOptions = {},
  ): Promise<Record<string, unknown>> {
    const method = opts.method ?? 'POST'
    const encoded = this.signedQuery(action, params, method, opts.version)
    const headers: Record<string, string> = { accept: 'application/json' }
    let url = this.endpoint + '/'
    let body: string | undefined
    if (method === 'GET') {
      url += '?' + encoded
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = encoded
    }
    const res = await this.#fetch(
      url,
      body === undefined ? { method, headers } : { method, headers, body },
    )
    const text = await res.text()
    return interpret(res.status, text)
  }

  /** The full signed parameter string (`…&Signature=…`), as sent in the query or the body. */
  signedQuery(action: string, params: RpcParams, method: 'GET' | 'POST', version?: string): string {
    const all = new Map<string, string>(flattenParams(params))
    const common: Pair[] = [
      ['Action', action],
      ['Version', version ?? versionForAction(action)],
      ['Format', 'JSON'],
      ['AccessKeyId', this.#accessKeyId],
      ['SignatureMethod', V1_SIGNATURE_METHOD],
      ['SignatureVersion', V1_SIGNATURE_VERSION],
      ['SignatureNonce', this.#nonce()],
      [
        'Timestamp',
        this.#clock()
          .toISOString()
          .replace(/\.\d+Z$/, 'Z'),
      ],
    ]
    for (const [name, value] of common) all.set(name, value)
    all.delete('Signature')
    const pairs = sortPairs(all)
    const signature = signV1(nodeCrypto, method, pairs, this.#accessKeySecret)
    return formatQuery(pairs) + '&Signature=' + percentEncode(signature)
  }
}

function normalizeEndpoint(endpoint: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `http://${endpoint}`
  return withScheme.replace(/\/+$/, '')
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

function interpret(status: number, text: string): Record<string, unknown> {
  let data: unknown
  let parseError: unknown
  try {
    data = JSON.parse(text)
  } catch (e: unknown) {
    parseError = e
  }
  const body = isRecord(data) ? data : undefined
  const ok = status >= 200 && status < 300
  if (ok && body !== undefined) return body
  if (!ok && body !== undefined && typeof body['Code'] === 'string' && body['Code'] !== '') {
    throw new RpcError({
      code: body['Code'],
      message: optionalString(body['Message']) ?? body['Code'],
      httpStatus: status,
      requestId: optionalString(body['RequestId']),
      hostId: optionalString(body['HostId']),
      data: body,
    })
  }
  throw new RpcError(
    {
      code: UNEXPECTED_RESPONSE,
      message: `Unexpected HTTP ${status} response: ${text.slice(0, 200)}`,
      httpStatus: status,
      requestId: optionalString(body?.['RequestId']),
      data: body,
    },
    parseError === undefined ? undefined : { cause: parseError },
  )
}
