// One way to send an RPC Action through an official Node SDK and keep a log of what was sent and
// what came back, so a client-sequence test can assert the calls themselves (how many pages, which
// parameters) as well as the answers. Three SDK paths:
// - `popRpc`: @alicloud/pop-core, V1 HMAC-SHA1, POST form: what the Go SDK (Cilium, Terway) sends;
// - `teaRpc('v1')`: @alicloud/openapi-client `doRPCRequest`, V1, POST form body: tea-rpc's
//   `DoRequest`, which Terraform's `client.RpcPost` uses today;
// - `teaRpc('v3')`: @alicloud/openapi-client `callApi` (RPC style, POST, `formData` body),
//   signed ACS3-HMAC-SHA256: the V3-capable path of the same tea client.
import OpenApi, * as $OpenApi from '@alicloud/openapi-client'
import RPCClient from '@alicloud/pop-core'
import * as $Util from '@alicloud/tea-util'

import { AK, SECRET } from './sdk-harness.js'

export type Json = Record<string, unknown>
export type RpcParams = Record<string, unknown>

export interface RecordedCall {
  readonly action: string
  readonly params: RpcParams
  /** the answer of a call that succeeded */
  readonly result: unknown
  /** the Code of a refused call; undefined when it succeeded */
  readonly code: string | undefined
}

export class CallLog {
  readonly calls: RecordedCall[] = []

  of(action: string): RecordedCall[] {
    return this.calls.filter((c) => c.action === action)
  }

  clear(): void {
    this.calls.length = 0
  }
}

export interface Rpc {
  call<T = Json>(action: string, params?: RpcParams): Promise<T>
}

/** A refused call: the Alibaba error Code and the HTTP status (0 when the SDK hides it). */
export interface RpcFailure {
  readonly code: string
  readonly status: number
}

/** The Code and HTTP status of an SDK's error. */
export function failureOf(e: unknown): RpcFailure {
  const err = e as {
    code?: string
    statusCode?: number
    data?: { statusCode?: number }
    entry?: { response?: { statusCode?: number } }
  }
  return {
    code: err.code ?? '',
    status: err.entry?.response?.statusCode ?? err.statusCode ?? err.data?.statusCode ?? 0,
  }
}

/** The failure a call rejects with; fails the test if it resolves. */
export async function rpcFailure(p: Promise<unknown>): Promise<RpcFailure> {
  try {
    await p
  } catch (e: unknown) {
    return failureOf(e)
  }
  throw new Error('expected the call to be refused')
}

async function recorded<T>(
  log: CallLog | undefined,
  action: string,
  params: RpcParams,
  send: () => Promise<T>,
): Promise<T> {
  try {
    const res = await send()
    log?.calls.push({ action, params, result: res, code: undefined })
    return res
  } catch (e: unknown) {
    log?.calls.push({ action, params, result: undefined, code: failureOf(e).code })
    throw e
  }
}

/** pop-core (V1, POST form), `RegionId` added as a region-bound Go SDK client does. */
export function popRpc(
  url: string,
  version: string,
  opts: { log?: CallLog; regionId?: string } = {},
): Rpc {
  const client = new RPCClient({
    endpoint: url,
    apiVersion: version,
    accessKeyId: AK,
    accessKeySecret: SECRET,
  })
  const regionId = opts.regionId ?? 'cn-hangzhou'
  return {
    call<T>(action: string, params: RpcParams = {}) {
      const sent = { RegionId: regionId, ...params }
      return recorded(opts.log, action, sent, () =>
        client.request<T>(action, sent, { method: 'POST', timeout: 30_000 }),
      )
    },
  }
}

/**
 * The tea client as Terraform's `RpcPost("Ecs", "2014-05-26", action, nil, body, …)` drives it:
 * every parameter in the POST form body (lists flattened to `.N` by the SDK), JSON answers.
 * Terraform puts `RegionId` in each body itself; `regionId` adds it for other callers.
 */
export function teaRpc(
  url: string,
  signature: 'v1' | 'v3',
  opts: { log?: CallLog; version?: string; regionId?: string } = {},
): Rpc {
  const client = new OpenApi.default(
    new $OpenApi.Config({
      accessKeyId: AK,
      accessKeySecret: SECRET,
      endpoint: url.replace(/^http:\/\//, ''),
      protocol: 'HTTP',
      ...(signature === 'v1' ? { signatureAlgorithm: 'v2' } : {}),
    }),
  )
  const version = opts.version ?? '2014-05-26'
  return {
    call<T>(action: string, params: RpcParams = {}) {
      const body = opts.regionId === undefined ? params : { RegionId: opts.regionId, ...params }
      return recorded(opts.log, action, body, async () => {
        const res = (await client.callApi(
          new $OpenApi.Params({
            action,
            version,
            protocol: 'HTTP',
            pathname: '/',
            method: 'POST',
            authType: 'AK',
            style: 'RPC',
            reqBodyType: 'formData',
            bodyType: 'json',
          }),
          new $OpenApi.OpenApiRequest({ body }),
          new $Util.RuntimeOptions({ autoretry: false }),
        )) as { body: T }
        return res.body
      })
    },
  }
}

/** Sleeps; every polling loop that uses it is bounded by its caller. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
