// The RPC request as received, before any interpretation: what the signature verifier needs
// (exact query bytes, exact body text, headers) plus the decoded query+form parameters.
import type { FastifyRequest } from 'fastify'
import { Params, mergeParamSources } from './params.js'

export interface RawRpcRequest {
  method: string
  /** The path without the query (`/` for RPC). */
  path: string
  /** The bytes after `?`, exactly as received (`''` when there is no query). */
  rawQuery: string
  /** Lower-cased names; repeated headers joined with `, `. */
  headers: Readonly<Record<string, string>>
  /** The body text as received (`''` when empty), whatever its content-type. */
  body: string
  /**
   * Query parameters merged with the form body (only when the content-type is
   * `application/x-www-form-urlencoded`). Headers are NOT mapped in here: for V1 this is exactly
   * the signed parameter set. Null prototype.
   */
  params: Readonly<Record<string, string>>
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded'

/** Builds the raw request; a parameter sent twice → `InvalidParameter`. */
export function readRawRpcRequest(request: FastifyRequest): RawRpcRequest {
  const url = request.raw.url ?? '/'
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  const rawQuery = q < 0 ? '' : url.slice(q + 1)
  const headers = lowerCaseHeaders(request.headers)
  const body = typeof request.body === 'string' ? request.body : ''
  const isForm = (headers['content-type'] ?? '').toLowerCase().startsWith(FORM_CONTENT_TYPE)
  const params = isForm ? mergeParamSources(rawQuery, body) : mergeParamSources(rawQuery)
  return { method: request.method, path, rawQuery, headers, body, params }
}

/**
 * The Action's view of the parameters: `raw.params`, plus `Action`/`Version` from the
 * `x-acs-action`/`x-acs-version` headers (wire-protocol.md §3.1, §6). For V3 (`Authorization:
 * ACS3-…`) the signed headers win; for V1 the signed parameters win, because pop-core also sends
 * an unsigned, un-capitalised `x-acs-action`. A header only fills a parameter that is absent.
 */
export function paramsOf(raw: RawRpcRequest): Params {
  const values = new Map(Object.entries(raw.params))
  const v3 = (raw.headers['authorization'] ?? '').trimStart().startsWith('ACS3-')
  for (const [param, header] of [
    ['Action', 'x-acs-action'],
    ['Version', 'x-acs-version'],
  ] as const) {
    const fromHeader = raw.headers[header]?.trim()
    if (fromHeader === undefined || fromHeader === '') continue
    if (v3 || (values.get(param) ?? '') === '') values.set(param, fromHeader)
  }
  return new Params(values)
}

function lowerCaseHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  const out = Object.create(null) as Record<string, string>
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    const text = typeof value === 'string' ? value : value.join(', ')
    const key = name.toLowerCase()
    const prior = out[key]
    out[key] = prior === undefined ? text : `${prior}, ${text}`
  }
  return out
}
