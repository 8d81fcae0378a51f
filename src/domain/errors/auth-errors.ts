// Authentication errors, answered by the gateway before any Action runs.
import { ApiError, make } from './api-error.js'

export const authErrors = {
  signatureDoesNotMatch: make(
    'SignatureDoesNotMatch',
    400,
    'Specified signature is not matched with our calculation.',
  ),
  signatureNonceUsed: make(
    'SignatureNonceUsed',
    400,
    'Specified signature nonce was used already.',
  ),
  incompleteSignature: (detail: string) => new ApiError('IncompleteSignature', 400, detail),
  invalidTimeStampExpired: make(
    'InvalidTimeStamp.Expired',
    400,
    'Specified time stamp or date value is expired.',
  ),
  invalidTimeStampFormat: make(
    'InvalidTimeStamp.Format',
    400,
    'Specified time stamp or date value is not well formatted.',
  ),
  // STS credentials (extensions.md §5.3; statuses and texts are the spec's "ours")
  missingSecurityToken: make(
    'MissingSecurityToken',
    400,
    'SecurityToken is mandatory for this action.',
  ),
  invalidSecurityTokenMalformed: make(
    'InvalidSecurityToken.Malformed',
    400,
    'Specified SecurityToken is malformed.',
  ),
  invalidAccessKeyIdNotFound: make(
    'InvalidAccessKeyId.NotFound',
    404,
    'Specified access key is not found.',
  ),
  unsupportedSignatureMethod: (method: string) =>
    new ApiError(
      'InvalidSignatureMethod',
      400,
      `Specified signature method "${method}" is not supported.`,
    ),
  forbiddenSession: make('Forbidden.Session', 403, 'The console session is missing or expired.'),
  forbiddenCrossSite: make('Forbidden.CrossSite', 403, 'Cross-site console requests are refused.'),
} as const
