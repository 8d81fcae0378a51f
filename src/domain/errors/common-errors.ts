// Common errors (spec §2.6).
import { ApiError, make } from './api-error.js'

export const commonErrors = {
  missingParameter: (name: string) =>
    new ApiError(
      'MissingParameter',
      400,
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    ),
  /** Neither of two alternatives was given (`name` is the one Alibaba's message names). */
  missingOneOf: (name: string, other: string, what: string) =>
    new ApiError(
      'MissingParameter',
      400,
      `The input parameter "${name}" that is mandatory for processing this request is not supplied: give either ${other} or ${name} (${what}).`,
    ),
  invalidParameter: (name: string, detail?: string) =>
    new ApiError(
      'InvalidParameter',
      400,
      detail ?? `The specified parameter "${name}" is not valid.`,
    ),
  invalidParameterConflict: (a: string, b: string) =>
    new ApiError(
      'InvalidParameter.Conflict',
      400,
      `The parameters "${a}" and "${b}" cannot be specified together.`,
    ),
  invalidParameterMismatch: (message: string) =>
    new ApiError('InvalidParameter.Mismatch', 400, message),
  invalidAction: (action: string) =>
    new ApiError(
      'InvalidAction.NotFound',
      404,
      `Specified api "${action}" is not found, please check your url and method.`,
    ),
  missingRegionId: make('MissingRegionId', 400, 'RegionId is mandatory for this action.'),
  invalidRegionIdNotFound: (region: string) =>
    new ApiError(
      'InvalidRegionId.NotFound',
      404,
      `The specified RegionId "${region}" does not exist.`,
    ),
  invalidRegionIdMalformed: make(
    'InvalidRegionId.MalFormed',
    400,
    'The specified parameter RegionId is not valid.',
  ),
  invalidZoneIdNotFound: (zone: string) =>
    new ApiError('InvalidZoneId.NotFound', 404, `The specified zone "${zone}" does not exist.`),
  throttling: make('Throttling', 400, 'Request was denied due to request throttling.'),
  // extensions.md §4.1: `.User`/`.Api` statuses are not published (400 assumed, [U]).
  throttlingUser: make('Throttling.User', 400, 'Request was denied due to user flow control.'),
  throttlingApi: make('Throttling.Api', 400, 'Request was denied due to api flow control.'),
  rejectedThrottling: make(
    'Rejected.Throttling',
    400,
    'Request was denied due to request throttling.',
  ),
  serviceUnavailable: make(
    'ServiceUnavailable',
    503,
    'The request has failed due to a temporary failure of the server.',
  ),
  internalError: make(
    'InternalError',
    500,
    'The request processing has failed due to some unknown error, exception or failure.',
  ),
  operationConflict: make(
    'OperationConflict',
    409,
    'Request was denied due to conflict with a previous request.',
  ),
  eniOperationConflict: make('Operation.Conflict', 403, 'ecs task is conflicted.'),
  idempotentParameterMismatch: make(
    'IdempotentParameterMismatch',
    400,
    'The request is retried with updated parameters.',
  ),
  idempotenceParamNotMatch: make(
    'IdempotenceParamNotMatch',
    400,
    'Request uses a client token in a previous request but is not identical to that request.',
  ),
  idempotentProcessing: make(
    'IdempotentProcessing',
    403,
    'The previous idempotent request(s) is still processing.',
  ),
  // extensions.md §4.3: message from bosh-alicloud-cpi#105; status not published (ours 400).
  idempotentFailed: make('IdempotentFailed', 400, 'The previous idempotent request(s) has failed.'),
  dryRunOperation: make(
    'DryRunOperation',
    400,
    'Request validation has been passed with DryRun flag set.',
  ),
  requestTooLarge: make('InvalidParameter.RequestTooLarge', 413, 'The request body is too large.'),
} as const
