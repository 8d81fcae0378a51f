// The one mapper from a thrown value to an error response (STYLE.md §3, wire-protocol.md §8).
// An ApiError keeps its code and status; any other exception is a bug and becomes a 500
// `InternalError` with a generic message, its stack logged under the request's RequestId.
import type { FastifyBaseLogger } from 'fastify'
import { LOCATION_VERSION, STS_VERSION, VPC_VERSION } from '../api/action-versions.js'
import { errors, isApiError, type ApiError } from '../domain/errors.js'

export type Product = 'Ecs' | 'Vpc' | 'Sts' | 'Location'

export interface ErrorEnvelope {
  RequestId: string
  HostId: string
  Code: string
  Message: string
  Recommend: string
}

export interface ErrorResponse {
  status: number
  envelope: ErrorEnvelope
}

export interface ErrorContext {
  requestId: string
  hostId: string
  product: Product
  log: FastifyBaseLogger
}

/** VPC 2016-04-28 → `Vpc`, STS → `Sts`, Location → `Location`; anything else → `Ecs`. */
export function productOf(version: string | undefined): Product {
  if (version === VPC_VERSION) return 'Vpc'
  if (version === STS_VERSION) return 'Sts'
  if (version === LOCATION_VERSION) return 'Location'
  return 'Ecs'
}

export function recommendUrl(code: string, product: Product, requestId: string): string {
  const q = new URLSearchParams({ q: code, product, requestId })
  return `https://api.aliyun.com/troubleshoot?${q.toString()}`
}

/**
 * Maps `err` to a status and envelope. Logs 5xx (with the stack and cause) at error level;
 * 4xx are expected outcomes and are left to the access log line.
 */
export function toErrorResponse(err: unknown, ctx: ErrorContext): ErrorResponse {
  const apiError = asApiError(err)
  if (apiError.httpStatus >= 500) {
    ctx.log.error({ err, code: apiError.code }, 'request failed')
  }
  return {
    status: apiError.httpStatus,
    envelope: {
      RequestId: ctx.requestId,
      HostId: ctx.hostId,
      Code: apiError.code,
      Message: apiError.message,
      Recommend: recommendUrl(apiError.code, ctx.product, ctx.requestId),
    },
  }
}

interface FrameworkError {
  code: string
  statusCode: number
  message: string
}

/** Fastify's own errors (`FST_…`) carry a status; only client-side ones are translated. */
function isFrameworkClientError(e: unknown): e is FrameworkError {
  if (!(e instanceof Error)) return false
  const { code, statusCode } = e as Partial<FrameworkError>
  return (
    typeof code === 'string' &&
    code.startsWith('FST_') &&
    typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500
  )
}

function asApiError(err: unknown): ApiError {
  if (isApiError(err)) return err
  if (isFrameworkClientError(err)) {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errors.requestTooLarge({ cause: err })
    return errors.invalidParameter('Body', err.message)
  }
  return errors.internalError({ cause: err })
}
