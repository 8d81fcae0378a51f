// Per-type ENI limits: the 155 documented types of data/instance-types.json (facts, with the
// file's own source note; see spec/instance-types.json), and their network figures where a
// stored source gives them (data/instance-type-network.json, with its own source note).
import data from './data/instance-types.json' with { type: 'json' }
import network from './data/instance-type-network.json' with { type: 'json' }

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
  /** ERIs (`HighPerformance` ENIs) one instance may hold; 0 = none. */
  readonly eriQuantity: number
  /** Internal bandwidth in kbit/s; absent when no source gives it. */
  readonly instanceBandwidthRx?: number
  readonly instanceBandwidthTx?: number
  /** Queues per ENI; absent when no source gives them. */
  readonly maximumQueueNumberPerEni?: number
  readonly primaryEniQueueNumber?: number
  readonly secondaryEniQueueNumber?: number
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

/** Real DescribeInstanceTypes values (`api`) and documented columns (`doc`) of one type. */
export interface RawNetwork {
  readonly api?: {
    readonly InstanceBandwidthRx?: number
    readonly InstanceBandwidthTx?: number
    readonly EriQuantity?: number
    readonly MaximumQueueNumberPerEni?: number
    readonly PrimaryEniQueueNumber?: number
    readonly SecondaryEniQueueNumber?: number
  }
  readonly doc?: { readonly baselineBandwidthGbps?: number; readonly nicQueues?: number }
}

/** kbit/s per Gbit/s in DescribeInstanceTypes (1 Gbit/s is reported as 1,024,000). */
export const KBITS_PER_GBIT = 1_024_000

type NetworkFields = Pick<
  InstanceType,
  | 'eriQuantity'
  | 'instanceBandwidthRx'
  | 'instanceBandwidthTx'
  | 'maximumQueueNumberPerEni'
  | 'primaryEniQueueNumber'
  | 'secondaryEniQueueNumber'
>

/**
 * A type's network figures: each field from the real API value when one is held, else derived
 * from the documented columns (bandwidth = baseline Gbit/s × 1,024,000 kbit/s; every queue
 * figure = the NIC queues), else absent. `EriQuantity` is never derived: 0 unless the API says.
 */
export function networkFieldsOf(raw: RawNetwork | undefined): NetworkFields {
  const api = raw?.api ?? {}
  const gbps = raw?.doc?.baselineBandwidthGbps
  const bandwidth = gbps === undefined ? undefined : Math.round(gbps * KBITS_PER_GBIT)
  const queues = raw?.doc?.nicQueues
  const fields: { -readonly [K in keyof NetworkFields]: NetworkFields[K] } = {
    eriQuantity: api.EriQuantity ?? 0,
  }
  const put = (key: Exclude<keyof NetworkFields, 'eriQuantity'>, v: number | undefined) => {
    if (v !== undefined) fields[key] = v
  }
  put('instanceBandwidthRx', api.InstanceBandwidthRx ?? bandwidth)
  put('instanceBandwidthTx', api.InstanceBandwidthTx ?? bandwidth)
  put('maximumQueueNumberPerEni', api.MaximumQueueNumberPerEni ?? queues)
  put('primaryEniQueueNumber', api.PrimaryEniQueueNumber ?? queues)
  put('secondaryEniQueueNumber', api.SecondaryEniQueueNumber ?? queues)
  return fields
}

const NETWORK = network.instanceTypes as Readonly<Record<string, RawNetwork>>

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
    ...networkFieldsOf(NETWORK[t.InstanceTypeId]),
  }),
)

const BY_ID = new Map(INSTANCE_TYPES.map((t) => [t.instanceTypeId, t]))

export function findInstanceType(id: string): InstanceType | undefined {
  return BY_ID.get(id)
}
