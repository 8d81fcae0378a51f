// The error catalogue: the only place an Alibaba error Code string is written, one file per area
// under errors/. Each factory fixes code, HTTP status and message together (codes and statuses
// from spec/eni-api.md §2.6, §7 and §8, and extensions.md). Codes never change once released.
import { commonErrors } from './errors/common-errors.js'
import { authErrors } from './errors/auth-errors.js'
import { eniErrors } from './errors/eni-errors.js'
import { instanceErrors } from './errors/instance-errors.js'
import { networkErrors } from './errors/network-errors.js'
import { ecsTagErrors } from './errors/ecs-tag-errors.js'
import { vpcTagErrors } from './errors/vpc-tag-errors.js'
import { eniFieldErrors } from './errors/eni-field-errors.js'
import { eniplaneErrors } from './errors/eniplane-errors.js'

export { ApiError, isApiError } from './errors/api-error.js'

/** Every area's factories in one object: `errors.ipAssigned(…)`. */
export const errors = {
  ...commonErrors,
  ...authErrors,
  ...eniErrors,
  ...instanceErrors,
  ...networkErrors,
  ...ecsTagErrors,
  ...vpcTagErrors,
  ...eniFieldErrors,
  ...eniplaneErrors,
} as const

/** The areas, for the test that no factory name is defined twice. */
export const ERROR_AREAS = [
  commonErrors,
  authErrors,
  eniErrors,
  instanceErrors,
  networkErrors,
  ecsTagErrors,
  vpcTagErrors,
  eniFieldErrors,
  eniplaneErrors,
] as const
