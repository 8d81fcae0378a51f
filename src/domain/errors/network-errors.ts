// VPC, vSwitch and security group errors (spec §8.1–§8.4).
import { ApiError, make } from './api-error.js'

export const networkErrors = {
  invalidVpcIdNotFound: (id: string) =>
    new ApiError('InvalidVpcId.NotFound', 404, `The specified VPC "${id}" does not exist.`),
  incorrectVpcStatus: make(
    'IncorrectVpcStatus',
    400,
    'Current VPC status does not support this operation.',
  ),
  incorrectVSwitchStatus: make(
    'IncorrectVSwitchStatus',
    400,
    'The current status of virtual switch does not support this operation.',
  ),
  invalidCidrBlock: (detail: string) => new ApiError('InvalidParameter', 400, detail),
  invalidCidrBlockMalformed: make(
    'InvalidCidrBlock.Malformed',
    400,
    'Specified CIDR block is not valid.',
  ),
  invalidCidrMaskLength: make(
    'InvalidCirdrBlock.MaskLength',
    400,
    'The mask length of the specified CIDR block is not valid.',
  ),
  cidrOverlapped: make(
    'InvalidCidrBlock.Overlapped',
    400,
    'Specified CIDR block overlapped with other subnets.',
  ),
  // IPv6 of VPCs and vSwitches (extensions.md §2.1–§2.2; codes ours where no table was found)
  vpcIpv6NotEnabled: (vpcId: string) =>
    new ApiError('InvalidParameter', 400, `The VPC "${vpcId}" has not enabled IPv6.`),
  vpcIpv6InUse: (vpcId: string) =>
    new ApiError(
      'InvalidParameter',
      400,
      `IPv6 of the VPC "${vpcId}" cannot be changed while a vSwitch has IPv6.`,
    ),
  ipv6CidrPoolExhausted: make(
    'QuotaExceeded.Ipv6CidrBlock',
    400,
    'No IPv6 CIDR block is left in the IPv6 pool of this region.',
  ),
  vpcQuotaExceeded: make('QuotaExceeded.Vpc', 400, 'VPC quota exceeded.'),
  vSwitchQuotaExceeded: make('QuotaExceeded.VSwitch', 400, 'Virtual switch quota exceeded.'),
  securityGroupQuotaExceeded: make(
    'QuotaExceed.SecurityGroup',
    403,
    'The maximum number of security groups is reached.',
  ),
  dependencyViolation: (what: string, options?: { cause?: unknown }) =>
    new ApiError('DependencyViolation', 400, `The specified resource still has ${what}.`, options),
  invalidName: (code: string, name: string) =>
    new ApiError(code, 400, `The specified ${name} is not valid.`),
} as const
