// Per-type ENI limits: the 155 documented types of data/instance-types.json (facts, with the
// file's own source note; see spec/instance-types.json).
import data from './data/instance-types.json' with { type: 'json' }

export interface InstanceType {
  readonly instanceTypeId: string
  readonly family: string
  readonly cpuCoreCount: number
  readonly memoryGiB: number
  readonly eniQuantity: number
  readonly eniPrivateIpAddressQuantity: number
  readonly eniIpv6AddressQuantity: number
  readonly attachDetachRequiresStopped: boolean
  readonly secondaryEniAtCreationSupported: boolean
}

interface RawType {
  InstanceTypeId: string
  InstanceTypeFamily: string
  CpuCoreCount: number
  MemorySize: number
  EniQuantity: number
  EniPrivateIpAddressQuantity: number
  EniIpv6AddressQuantity: number
  AttachDetachRequiresStopped?: boolean
  SecondaryEniAtCreationSupported?: boolean
}

export const INSTANCE_TYPES: readonly InstanceType[] = (data.instanceTypes as RawType[]).map(
  (t) => ({
    instanceTypeId: t.InstanceTypeId,
    family: t.InstanceTypeFamily,
    cpuCoreCount: t.CpuCoreCount,
    memoryGiB: t.MemorySize,
    eniQuantity: t.EniQuantity,
    eniPrivateIpAddressQuantity: t.EniPrivateIpAddressQuantity,
    eniIpv6AddressQuantity: t.EniIpv6AddressQuantity,
    attachDetachRequiresStopped: t.AttachDetachRequiresStopped ?? false,
    secondaryEniAtCreationSupported: t.SecondaryEniAtCreationSupported ?? true,
  }),
)

const BY_ID = new Map(INSTANCE_TYPES.map((t) => [t.instanceTypeId, t]))

export function findInstanceType(id: string): InstanceType | undefined {
  return BY_ID.get(id)
}
