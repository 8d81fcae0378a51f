// ENI errors (spec §7; IPv6 and prefixes: extensions.md §2–§3).
import { ApiError, make } from './api-error.js'

/** How a count of IPv4 slots reads when some are /28 prefixes (extensions.md §3.2). */
function prefixSlots(prefixes: number | undefined): string {
  if (prefixes === undefined || prefixes === 0) return ''
  return ` (${prefixes} of them /28 prefix${prefixes === 1 ? '' : 'es'}, one slot each)`
}

export const eniErrors = {
  invalidEniIdNotFound: (id: string) =>
    new ApiError('InvalidEniId.NotFound', 404, `The specified EniId "${id}" is not found.`),
  invalidEcsIdNotFound: (id: string) =>
    new ApiError('InvalidEcsId.NotFound', 404, `The specified EcsId "${id}" is not found.`),
  /** Detach from an instance the ENI is not attached to. */
  eniNotAttachedTo: (
    eniId: string,
    instanceId: string,
    attachedTo: string | null,
    status: string,
  ) =>
    new ApiError(
      'InvalidOperation.InvalidEniState',
      400,
      attachedTo === null
        ? `The ENI "${eniId}" is not attached to any instance (status "${status}"), so it cannot be detached from instance "${instanceId}".`
        : `The ENI "${eniId}" is attached to instance "${attachedTo}", not to "${instanceId}". To detach it, call DetachNetworkInterface with InstanceId "${attachedTo}".`,
    ),
  invalidEniState: (expected: string, current: string) =>
    new ApiError(
      'InvalidOperation.InvalidEniState',
      400,
      `The operation is not allowed in the current ENI state. Expecting status is "${expected}" while current status is "${current}".`,
    ),
  invalidEcsState: (expected: string, current: string) =>
    new ApiError(
      'InvalidOperation.InvalidEcsState',
      400,
      `The operation is not allowed in the current ECS state. Expecting status is "${expected}" while current status is "${current}".`,
    ),
  invalidEniType: (expected: string, current: string) =>
    new ApiError(
      'InvalidOperation.InvalidEniType',
      403,
      `The operation is not allowed in the current ENI type. Expecting type is "${expected}" while current type is "${current}".`,
    ),
  detachPrimaryEniNotAllowed: make(
    'InvalidOperation.DetachPrimaryEniNotAllowed',
    400,
    'Detaching primary ENI from ECS instance is not allowed.',
  ),
  availabilityZoneMismatch: make(
    'InvalidOperation.AvailabilityZoneMismatch',
    403,
    'The VPC VSwitch of the specified ENI and ECS instance are not in the same availability zone.',
  ),
  vSwitchMismatch: make(
    'InvalidOperation.VSwitchMismatch',
    403,
    'The VSwitch of the specified ENI and ECS instance are not the same.',
  ),
  vpcMismatch: make(
    'InvalidOperation.VpcMismatch',
    403,
    'The VPC of the specified ENI and security group are not in the same VPC.',
  ),
  instanceNotInVpc: make(
    'InvalidOperation.InstanceNotInVpc',
    403,
    'An ENI can only be attached to an instance in a VPC.',
  ),
  invalidVSwitchIdNotFound: (id: string) =>
    new ApiError('InvalidVSwitchId.NotFound', 404, `The specified VSwitchId "${id}" is not found.`),
  invalidSecurityGroupIdNotFound: (id: string) =>
    new ApiError(
      'InvalidSecurityGroupId.NotFound',
      404,
      `The specified SecurityGroupId "${id}" is not found.`,
    ),
  securityGroupNotVpc: make(
    'InvalidSecurityGroupId.NotVpc',
    403,
    'The specified SecurityGroupId not in VPC.',
  ),
  maxEniCountExceeded: make(
    'MaxEniCountExceeded',
    403,
    'The number of ENI exceeds the limit per region.',
  ),
  eniPerInstanceLimitExceeded: make(
    'EniPerInstanceLimitExceeded',
    403,
    'The number of ENI exceeds the limit for the type of instance you are trying to launch.',
  ),
  securityGroupInstanceLimitExceed: make(
    'SecurityGroupInstanceLimitExceed',
    403,
    'The maximum number of instances in a security group is exceeded.',
  ),
  joinedGroupLimitExceed: (max: number) =>
    new ApiError('JoinedGroupLimitExceed', 400, `An ENI can join at most ${max} security groups.`),
  ipNotEnough: (vswitchId: string) =>
    new ApiError(
      'InvalidVSwitchId.IpNotEnough',
      403,
      `The specified VSwitch "${vswitchId}" has not enough IpAddress.`,
    ),
  privateIpQuotaExceeded: make(
    'QuotaExceeded.PrivateIpAddress',
    400,
    "Don't have enough private IPs in this switch",
  ),
  ipInvalidInVSwitch: (ip: string, cidr: string) =>
    new ApiError(
      'InvalidVSwitchId.IpInvalid',
      403,
      `The specified IpAddress "${ip}" is not valid in VSwitch CIDR block "${cidr}": it is outside the block. Choose an address inside ${cidr}, or give none to get a free one at random.`,
    ),
  /** Inside the CIDR, but the first address or one of the last three (`reserved` lists them). */
  ipReservedInVSwitch: (ip: string, cidr: string, reserved: readonly string[]) =>
    new ApiError(
      'InvalidVSwitchId.IpInvalid',
      403,
      `The specified IpAddress "${ip}" is reserved in VSwitch CIDR block "${cidr}": a vSwitch keeps its first address and its last three (${reserved.join(', ')}) for itself. Choose another address inside ${cidr}, or give none to get a free one at random.`,
    ),
  /** Inside the /64, but a reserved interface ID or a /80 holding one (extensions.md §2.4). */
  ipv6ReservedInVSwitch: (ip: string, cidr: string) =>
    new ApiError(
      'InvalidVSwitchId.IpInvalid',
      403,
      `The specified IpAddress "${ip}" is reserved in VSwitch IPv6 CIDR block "${cidr}": a vSwitch keeps the interface IDs ::0, ::1 (its gateway) and the all-ones ID, and the /80s that hold them, for itself. Choose another address or /80 inside ${cidr}, or give a count to get free ones at random.`,
    ),
  invalidIpAddress: (ip: string) =>
    new ApiError('InvalidIp.Address', 403, `The specified ipAddress "${ip}" is invalid.`),
  ipRepeated: (ip: string) =>
    new ApiError('InvalidIp.IpRepeated', 403, `The specified ipAddress "${ip}" is(are) repeated.`),
  ipAssigned: (ip: string) =>
    new ApiError(
      'InvalidIp.IpAssigned',
      403,
      `The specified ipAddress "${ip}" is already assigned in the VSwitch.`,
    ),
  ipUnassigned: (ip: string, eniId: string) =>
    new ApiError(
      'InvalidIp.IpUnassigned',
      403,
      `The specified IP "${ip}" is not assigned on ENI "${eniId}". DescribeNetworkInterfaceAttribute lists the ENI's secondary addresses.`,
    ),
  /** The same Code as `ipUnassigned` (clients such as Terway rely on it), a truthful message. */
  primaryIpNotUnassignable: (ip: string, eniId: string) =>
    new ApiError(
      'InvalidIp.IpUnassigned',
      403,
      `The specified IP "${ip}" is the primary private IP address of ENI "${eniId}"; a primary address cannot be unassigned. Unassign secondary addresses only, or delete the ENI to release all of its addresses.`,
    ),
  ipv4CountExceeded: (f: {
    eniId: string
    maxSecondary: number
    because: string
    secondaries: number
    adding: number
    /** IPv4 /28 prefixes among `secondaries` (each takes one slot) */
    prefixes?: number
  }) =>
    new ApiError(
      'InvalidOperation.Ipv4CountExceeded',
      403,
      `ENI "${f.eniId}" can hold at most ${f.maxSecondary} secondary private IP addresses: ${f.because}. It has ${f.secondaries}${prefixSlots(f.prefixes)}; assigning ${f.adding} more would make ${f.secondaries + f.adding}. At most ${Math.max(0, f.maxSecondary - f.secondaries)} more fit.`,
    ),
  /** Attach: the ENI already holds more than the target instance's type allows. */
  ipv4CountExceededOnAttach: (f: {
    eniId: string
    instanceId: string
    maxSecondary: number
    because: string
    secondaries: number
    prefixes?: number
  }) =>
    new ApiError(
      'InvalidOperation.Ipv4CountExceeded',
      403,
      `ENI "${f.eniId}" holds ${f.secondaries} secondary private IP addresses${prefixSlots(f.prefixes)}, but on instance "${f.instanceId}" it could hold at most ${f.maxSecondary}: ${f.because}. Unassign ${f.secondaries - f.maxSecondary} before attaching, or choose an instance of a larger type.`,
    ),
  instanceTypeNoSecondaryIp: (eniId: string, instanceId: string, type: string) =>
    new ApiError(
      'InvalidOperation.Ipv4CountExceeded',
      403,
      `ENI "${eniId}" cannot hold secondary private IP addresses on instance "${instanceId}": its type ${type} allows 1 private IP address per ENI (EniPrivateIpAddressQuantity 1).`,
    ),
  ipv6NotTurnOn: (vswitchId: string) =>
    new ApiError(
      'InvalidVSwitch.Ipv6NotTurnOn',
      403,
      `The specified VSwitch "${vswitchId}" ipv6 function not turn on.`,
    ),
  ipv6CountExceeded: (
    eniId: string,
    limit: number,
    instanceType: string,
    assigned: number,
    requested: number,
  ) =>
    new ApiError(
      'InvalidOperation.Ipv6CountExceeded',
      403,
      `The number of eni ${eniId} ipv6 address exceeds the limit(${limit}). target instanceType ${instanceType}. Assigned:${assigned}. Expecting assign:${requested}.`,
    ),
  ipv6NotSupport: (instanceType: string) =>
    new ApiError(
      'InvalidOperation.Ipv6NotSupport',
      403,
      `The instanceType of ${instanceType} not support ipv6.`,
    ),
} as const
