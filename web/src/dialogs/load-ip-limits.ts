// Reads the facts the Manage dialog's limits come from: the session's quota profile and, for an
// attached ENI, its instance's type (DescribeInstances, DescribeInstanceTypes). A limit that
// cannot be known is left out (the server still enforces it).
import { findInstance } from '../catalog-queries.js'
import { callAction, quotaProfile } from '../console-api.js'
import { eniInstanceId, type NetworkInterface } from '../wire-types.js'
import { ipv4Limit, ipv6Limit, type AttachedFacts, type IpLimit } from './secondary-ip-limit.js'

export interface IpLimits {
  readonly ipv4?: IpLimit
  readonly ipv6?: IpLimit
}

interface TypeQuantities {
  readonly EniPrivateIpAddressQuantity: number
  readonly EniIpv6AddressQuantity: number
}

export async function loadIpLimits(eni: NetworkInterface): Promise<IpLimits> {
  const profile = quotaProfile()
  const instanceId = eniInstanceId(eni)
  let attached: AttachedFacts | undefined
  if (instanceId !== '') {
    const type = (await findInstance(instanceId))?.InstanceType
    if (type === undefined) return {}
    const res = await callAction<{ InstanceTypes: { InstanceType: TypeQuantities[] } }>(
      'DescribeInstanceTypes',
      { InstanceTypes: [type] },
    )
    const quantities = res.InstanceTypes.InstanceType[0]
    if (quantities === undefined) return {}
    attached = {
      instanceId,
      instanceType: type,
      eniPrivateIpAddressQuantity: quantities.EniPrivateIpAddressQuantity,
      eniIpv6AddressQuantity: quantities.EniIpv6AddressQuantity,
    }
  }
  const ipv6 = ipv6Limit(attached)
  return profile === undefined ? { ipv6 } : { ipv4: ipv4Limit(profile, attached), ipv6 }
}
