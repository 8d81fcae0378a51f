// Checks on every state-changing console request (sign-in, sign-out, API calls): it must be a
// same-origin JSON request. A cross-site form cannot send `Content-Type: application/json`
// without a CORS preflight (which we never answer), browsers send `Origin` on cross-origin POSTs
// and `Sec-Fetch-Site` on every request; anything that looks cross-site → 403
// `Forbidden.CrossSite`. With the SameSite=Strict cookie this is defence in depth.
import { timingSafeEqual, createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { errors } from '../../domain/errors.js'

export function assertSameOriginJson(request: FastifyRequest): void {
  const contentType = (request.headers['content-type'] ?? '').split(';', 1)[0]?.trim()
  if (contentType?.toLowerCase() !== 'application/json') throw errors.forbiddenCrossSite()
  const origin = request.headers.origin
  if (origin !== undefined && origin !== ownOrigin(request)) throw errors.forbiddenCrossSite()
  const site = request.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin') throw errors.forbiddenCrossSite()
}

/** `http://host:port` as the browser addressed us. */
export function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? ''}`
}

/** The JSON body as an object, or `InvalidParameter` (Body). */
export function jsonObjectBody(request: FastifyRequest): Record<string, unknown> {
  const body: unknown = request.body
  if (typeof body !== 'string') throw errors.invalidParameter('Body')
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw errors.invalidParameter('Body', 'The request body is not valid JSON.')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw errors.invalidParameter('Body', 'The request body must be a JSON object.')
  }
  return parsed as Record<string, unknown>
}

/** Compares two secrets in time independent of where they differ (and of their lengths). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}
