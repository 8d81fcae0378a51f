// A failed call as the server reported it: the Alibaba error body's Code, the HTTP status, and
// the RequestId/HostId to quote when reporting. Responses that are not an Alibaba error body get
// the code `UnexpectedResponse`.
export interface RpcErrorInit {
  code: string
  message: string
  httpStatus: number
  requestId?: string | undefined
  hostId?: string | undefined
  /** The parsed response body, when it was JSON. */
  data?: Record<string, unknown> | undefined
}

export class RpcError extends Error {
  override readonly name = 'RpcError'
  readonly code: string
  readonly httpStatus: number
  readonly requestId: string | undefined
  readonly hostId: string | undefined
  readonly data: Record<string, unknown> | undefined

  constructor(init: RpcErrorInit, options?: { cause?: unknown }) {
    super(init.message, options)
    this.code = init.code
    this.httpStatus = init.httpStatus
    this.requestId = init.requestId
    this.hostId = init.hostId
    this.data = init.data
  }
}

export const UNEXPECTED_RESPONSE = 'UnexpectedResponse'

export function isRpcError(e: unknown): e is RpcError {
  return e instanceof RpcError
}
