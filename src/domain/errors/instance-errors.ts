// Instance errors (spec §8.5–§8.9).
import { ApiError, make } from './api-error.js'

export const instanceErrors = {
  invalidInstanceIdNotFound: (id: string) =>
    new ApiError(
      'InvalidInstanceId.NotFound',
      404,
      `The specified InstanceId "${id}" does not exist.`,
    ),
  incorrectInstanceStatus: make(
    'IncorrectInstanceStatus',
    403,
    'The current status of the resource does not support this operation.',
  ),
  incorrectInstanceStatusInitializing: make(
    'IncorrectInstanceStatus.Initializing',
    403,
    'The specified instance status does not support this operation.',
  ),
  invalidInstanceType: (type: string) =>
    new ApiError(
      'InvalidInstanceType.ValueNotSupported',
      400,
      `The specified InstanceType "${type}" is not supported.`,
    ),
  invalidImageIdNotFound: (id: string) =>
    new ApiError('InvalidImageId.NotFound', 404, `The specified ImageId "${id}" does not exist.`),
  invalidPrivateIpAddress: make(
    'InvalidPrivateIpAddress',
    400,
    'Specified private IP address is not in the CIDR block of virtual switch.',
  ),
  invalidPrivateIpAddressMalformed: make(
    'InvalidPrivateIpAddress.Malformed',
    400,
    'Specified private IP address is malformed.',
  ),
  privateIpAddressDuplicated: make(
    'InvalidPrivateIpAddress.Duplicated',
    400,
    'Specified private IP address is duplicated.',
  ),
  vSwitchNecessary: make('InvalidVSwitchId.Necessary', 400, 'The VSwitchId is necessary'),
  runSecurityGroupNotFound: make(
    'InvalidSecurityGroupId.NotFound',
    400,
    'The SecurityGroupId provided does not exist in our records.',
  ),
  runSecurityGroupLimit: make(
    'SecurityGroupInstanceLimitExceed',
    403,
    'Exceeding the allowed amount of instances of a security group.',
  ),
} as const
