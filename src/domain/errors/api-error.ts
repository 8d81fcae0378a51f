// The error type every refusal is: an Alibaba Code, its HTTP status and a message.

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly code: string
  readonly httpStatus: number

  constructor(code: string, httpStatus: number, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.httpStatus = httpStatus
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** A factory for an error whose message never varies. */
export const make =
  (code: string, status: number, message: string) =>
  (options?: { cause?: unknown }): ApiError =>
    new ApiError(code, status, message, options)
