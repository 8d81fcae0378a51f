// Errors of the ENI fields clients round-trip (extensions.md §7).
import { ApiError, make } from './api-error.js'

export const eniFieldErrors = {
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
} as const
