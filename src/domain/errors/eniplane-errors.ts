// eniplane's own errors: fault injection and its management Actions (extensions.md §4).
import { ApiError, make } from './api-error.js'

/** Messages of codes that fault rules commonly emit (extensions.md §4.1, §4.3; eni-api.md §2.6). */
const INJECTABLE_MESSAGES: Readonly<Record<string, string>> = {
  Throttling: 'Request was denied due to request throttling.',
  'Throttling.User': 'Request was denied due to user flow control.',
  'Throttling.Api': 'Request was denied due to api flow control.',
  'Rejected.Throttling': 'Request was denied due to request throttling.',
  'Operation.Conflict': 'ecs task is conflicted.',
  OperationConflict: 'Request was denied due to conflict with a previous request.',
  'InvalidOperation.Conflict': 'Request was denied due to conflict with a previous request.',
  InternalError:
    'The request processing has failed due to some unknown error, exception or failure.',
  ServiceUnavailable: 'The request has failed due to a temporary failure of the server.',
  IdempotentProcessing: 'The previous idempotent request(s) is still processing.',
}

export const eniplaneErrors = {
  /**
   * A fault rule's error (extensions.md §4): the code and status the rule names. Known codes keep
   * their catalogue message; any other code says it was injected.
   */
  injectedFault: (code: string, httpStatus: number): ApiError => {
    const known = INJECTABLE_MESSAGES[code]
    return new ApiError(code, httpStatus, known ?? `Injected fault ${code}.`)
  },
  forbiddenBootstrapOnly: make(
    'Forbidden.BootstrapAccountOnly',
    403,
    'Only the bootstrap account may manage fault injection.',
  ),
} as const
