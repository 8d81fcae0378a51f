// The error catalogue: the only place an Alibaba error Code string is written.
// Each factory fixes code, HTTP status and message together (codes and statuses from
// spec/eni-api.md §2.6, §7 and §8). Codes never change once released.

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

const make =
  (code: string, status: number, message: string) =>
  (options?: { cause?: unknown }): ApiError =>
    new ApiError(code, status, message, options)

/** How a count of IPv4 slots reads when some are /28 prefixes (extensions.md §3.2). */
function prefixSlots(prefixes: number | undefined): string {
  if (prefixes === undefined || prefixes === 0) return ''
  return ` (${prefixes} of them /28 prefix${prefixes === 1 ? '' : 'es'}, one slot each)`
}

export const errors = {
  // --- common (§2.6) ---
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

  // --- authentication (gateway) ---
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

  // --- ENI (§7) ---
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

  // --- instances (§8.5–§8.9) ---
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

  // --- VPC, vSwitch, security group (§8.1–§8.4) ---
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
  // --- tags (extensions.md §1.1, §1.3: ECS) ---
  duplicateTagKey: make('Duplicate.TagKey', 400, 'The Tag.N.Key contain duplicate key.'),
  invalidTagKeyMalformed: make(
    'InvalidTagKey.Malformed',
    400,
    'The specified Tag.n.Key is not valid.',
  ),
  invalidTagValueMalformed: make(
    'InvalidTagValue.Malformed',
    400,
    'The specified Tag.n.Value is not valid.',
  ),
  invalidTagMismatch: make(
    'InvalidTag.Mismatch',
    400,
    'The specified Tag.n.Key and Tag.n.Value are not match.',
  ),
  quotaExceedTags: make('QuotaExceed.Tags', 403, 'The maximum number of tags is exceeded.'),
  numberExceedTags: make(
    'NumberExceed.Tags',
    400,
    "The Tags parameter's number is exceed , Valid : 20",
  ),
  numberExceedResourceIds: make(
    'NumberExceed.ResourceIds',
    400,
    "The ResourceIds parameter's number is exceed , Valid : 50",
  ),
  tagQuotaExceededOnResource: make(
    'OperationDenied.QuotaExceed',
    400,
    'The quota of tags on resource is beyond permitted range.',
  ),
  missingParameterResourceType: make(
    'MissingParameter.ResourceType',
    404,
    'The parameter - ResourceType should not be null',
  ),
  missingParameterTags: make(
    'MissingParameter.Tags',
    404,
    'The parameter - Tags should not be null',
  ),
  missingParameterRegionId: make(
    'MissingParameter.RegionId',
    404,
    'The parameter - RegionId should not be null',
  ),
  invalidResourceIdNotFound: make(
    'InvalidResourceId.NotFound',
    404,
    'The specified ResourceIds are not found in our records.',
  ),
  invalidResourceTypeNotFound: make(
    'InvalidResourceType.NotFound',
    404,
    'The ResourceType provided does not exist in our records.',
  ),
  invalidParameterTagValue: make(
    'InvalidParameter.TagValue',
    400,
    'The Tag.N.Value is specified without Tag.N.Key.',
  ),

  invalidTagCount: make(
    'InvalidTagCount',
    400,
    'The specified tags are beyond the permitted range.',
  ),
  invalidResourceIdNotSupported: make(
    'InvalidResourceId.NotSupported',
    403,
    'The specified ResourceId does not support tagging.',
  ),

  // --- tags (extensions.md §1.4: VPC) ---
  invalidTagKey: make('InvalidTagKey', 400, 'The tag keys are not valid.'),
  invalidTagValue: make('InvalidTagValue', 400, 'The tag values are not valid.'),
  invalidVpcResourceType: make(
    'InvalidInstanceType.NotFound',
    400,
    'The instance type is not found',
  ),
  invalidVpcResourceIds: make('InvalidInstanceIds.NotFound', 400, 'The instanceIds are not found'),
  forbiddenTagKeys: make(
    'Forbidden.TagKeys',
    400,
    'The request do not allow to operate the tag keys',
  ),
  quotaExceededTagNum: make('QuotaExceeded.TagNum', 400, 'Custom Tags quota exceeded'),
  forbiddenTagKeyDuplicated: make(
    'Forbidden.TagKey.Duplicated',
    400,
    'The specified tag key already exists.',
  ),
  sizeLimitExceededTagNum: make(
    'SizeLimitExceeded.TagNum',
    400,
    'The maximum number of tags is exceeded.',
  ),
  sizeLimitExceededResourceId: make(
    'SizeLimitExceeded.ResourceId',
    400,
    'The maximum number of resource IDs is exceeded.',
  ),
  bothEmptyTagsAndResources: make(
    'BothEmpty.TagsAndResources',
    403,
    'The specified Tags and ResourcesIds are not allow to both empty.',
  ),

  invalidDescriptionMalformed: make(
    'InvalidDescription.Malformed',
    400,
    'The specified description is not valid.',
  ),

  // --- ENI fields clients round-trip (extensions.md §7) ---
  /** A HighPerformance ENI (ERI) onto a type without room for it (ours: extensions.md §7 [U]). */
  eriNotSupported: (instanceType: string, eriQuantity: number, attached: number) =>
    new ApiError(
      'InvalidOperation.InvalidEniType',
      403,
      eriQuantity === 0
        ? `The ENI is an elastic RDMA interface (NetworkInterfaceTrafficMode HighPerformance), and instance type ${instanceType} supports none (EriQuantity 0). Attach it to a type with ERI support, or use a Standard ENI.`
        : `The instance already holds ${attached} elastic RDMA interface(s) (NetworkInterfaceTrafficMode HighPerformance), the most instance type ${instanceType} allows (EriQuantity ${eriQuantity}).`,
    ),
  maxEniQueueNumberExceeded: (queueNumber: number, instanceType: string, max: number) =>
    new ApiError(
      'InvalidOperation.MaxEniQueueNumberExceeded',
      403,
      `The QueueNumber ${queueNumber} exceeds the maximum number of queues per ENI of instance type ${instanceType} (MaximumQueueNumberPerEni ${max}).`,
    ),
  invalidResourceGroupNotFound: make(
    'InvalidResourceGroup.NotFound',
    404,
    'The ResourceGroup provided does not exist in our records.',
  ),

  // --- eniplane's own (fault injection, its management Actions) ---
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
