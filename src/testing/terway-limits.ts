// Terway's per-instance-type limits (`pkg/aliyun/client/limit.go` `getInstanceType`): what it
// keeps from a DescribeInstanceTypes item.
import type { Json } from './recorded-rpc.js'

/** `Limits` as `getInstanceType` builds them from a DescribeInstanceTypes item. */
export interface Limits {
  readonly instanceTypeId: string
  readonly adapters: number
  readonly totalAdapters: number
  readonly ipv4PerAdapter: number
  readonly ipv6PerAdapter: number
  readonly memberAdapterLimit: number
  readonly eRdmaAdapters: number
  readonly instanceBandwidthRx: unknown
  readonly instanceBandwidthTx: unknown
  readonly networkCards: readonly number[]
}

export function limitsOf(t: Json): Limits {
  const n = (k: string) => {
    const v = t[k]
    return typeof v === 'number' ? v : 0
  }
  const cards = (t['NetworkCards'] as { NetworkCardInfo?: { NetworkCardIndex: number }[] })
    ?.NetworkCardInfo
  return {
    instanceTypeId: String(t['InstanceTypeId']),
    adapters: n('EniQuantity'),
    totalAdapters: n('EniTotalQuantity'),
    ipv4PerAdapter: Math.max(n('EniPrivateIpAddressQuantity'), 0),
    ipv6PerAdapter: Math.max(n('EniIpv6AddressQuantity'), 0),
    memberAdapterLimit:
      t['EniTrunkSupported'] === true ? Math.max(n('EniTotalQuantity') - n('EniQuantity'), 0) : 0,
    eRdmaAdapters: Math.max(n('EriQuantity'), 0),
    instanceBandwidthRx: t['InstanceBandwidthRx'],
    instanceBandwidthTx: t['InstanceBandwidthTx'],
    networkCards: (cards ?? []).map((c) => c.NetworkCardIndex),
  }
}
