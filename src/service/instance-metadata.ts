// Read-only views for the instance metadata service and the lab dataplane: what an instance
// sees of itself at 100.100.100.200 (spec/guest-os.md §1.1). These reads are cross-account on
// purpose: the caller is identified by its network address, not by an AccessKey.
import { gatewayOf, netmaskOf, parseCidr } from '../allocator/cidr.js'
import { formatIpv4 } from '../allocator/ipv4.js'
import { ipv6GatewayOf, parseIpv6Cidr } from '../allocator/ipv6.js'
import type { EniView, Instance, VSwitch, Vpc } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'
import type { ServiceContext } from './context.js'
import { runTransaction } from './run-transaction.js'

/** One attached (`InUse`) ENI as the metadata service describes it under `macs/<mac>/`. */
export interface InterfaceMetadata {
  readonly eniId: string
  /** lower-case, colon-separated */
  readonly mac: string
  readonly deviceIndex: number
  readonly primaryIp: string
  /** every private IPv4 of the ENI, the primary first */
  readonly privateIps: readonly string[]
  readonly prefixLength: number
  readonly netmask: string
  readonly gateway: string
  readonly vswitchId: string
  readonly vswitchCidr: string
  readonly vpcId: string
  readonly vpcCidr: string
  /** IPv6 addresses of the ENI (canonical), in assignment order */
  readonly ipv6Addresses: readonly string[]
  /** the vSwitch's IPv6 /64, when the vSwitch has IPv6 */
  readonly vswitchIpv6Cidr: string | undefined
  /** the vSwitch's IPv6 gateway (`<the /64>::1`), when the vSwitch has IPv6 */
  readonly ipv6Gateway: string | undefined
  /** the VPC's IPv6 /56 blocks */
  readonly vpcIpv6Cidrs: readonly string[]
  /** delegated IPv4 /28 prefixes (`a.b.c.d/28`) */
  readonly ipv4Prefixes: readonly string[]
  /** delegated IPv6 /80 prefixes (canonical) */
  readonly ipv6Prefixes: readonly string[]
}

export interface InstanceMetadata {
  readonly instanceId: string
  readonly accountId: string
  readonly regionId: string
  readonly zoneId: string
  readonly instanceType: string
  readonly imageId: string
  readonly hostName: string
  readonly instanceName: string
  readonly status: Instance['status']
  /** the primary ENI (device index 0) */
  readonly primary: InterfaceMetadata
  /** every attached ENI, by device index (the primary first) */
  readonly interfaces: readonly InterfaceMetadata[]
}

/**
 * The instance that holds `address` as any private IP (primary or secondary) of any attached
 * ENI, optionally only in `vswitchId` (the vSwitch the request came from). Undefined when none
 * or, without a vSwitch to tell them apart, when several VPCs use the address.
 */
export async function instanceMetadataByIp(
  ctx: ServiceContext,
  address: string,
  vswitchId?: string,
): Promise<InstanceMetadata | undefined> {
  return runTransaction(ctx, async (tx) => {
    const found = await tx.findInstancesByAddress(address, vswitchId)
    const [instance] = found
    if (instance === undefined || found.length > 1) return undefined
    return metadataOf(tx, instance)
  })
}

/** Every `Running` instance with its attached ENIs (the lab dataplane's desired state). */
export async function runningInstanceMetadata(ctx: ServiceContext): Promise<InstanceMetadata[]> {
  return runTransaction(ctx, async (tx) => {
    const result: InstanceMetadata[] = []
    for (const instance of await tx.instancesWithStatus('Running')) {
      const view = await metadataOf(tx, instance)
      if (view !== undefined) result.push(view)
    }
    return result
  })
}

async function metadataOf(tx: Tx, instance: Instance): Promise<InstanceMetadata | undefined> {
  const vswitches = new Map<string, VSwitch | undefined>()
  const vpcs = new Map<string, Vpc | undefined>()
  const vswitchOf = async (id: string) => {
    if (!vswitches.has(id)) vswitches.set(id, await tx.getVSwitch(instance.accountId, id))
    return vswitches.get(id)
  }
  const vpcOf = async (id: string) => {
    if (!vpcs.has(id)) vpcs.set(id, await tx.getVpc(instance.accountId, id))
    return vpcs.get(id)
  }
  const interfaces: InterfaceMetadata[] = []
  for (const eni of await tx.enisOfInstance(instance.id)) {
    if (eni.status !== 'InUse' || eni.deviceIndex === null) continue
    const vsw = await vswitchOf(eni.vswitchId)
    const vpc = await vpcOf(eni.vpcId)
    if (vsw === undefined || vpc === undefined) continue
    const view = interfaceOf(eni, vsw, vpc)
    if (view !== undefined) interfaces.push(view)
  }
  interfaces.sort((a, b) => a.deviceIndex - b.deviceIndex)
  const [primary] = interfaces
  if (primary === undefined || primary.deviceIndex !== 0) return undefined
  return {
    instanceId: instance.id,
    accountId: instance.accountId,
    regionId: instance.regionId,
    zoneId: instance.zoneId,
    instanceType: instance.instanceType,
    imageId: instance.imageId,
    hostName: instance.hostName || defaultHostName(instance.id),
    instanceName: instance.name,
    status: instance.status,
    primary,
    interfaces,
  }
}

/**
 * ECS's default host name: `iZ` + the instance id without `i-` + `Z` (spec/extensions.md §9,
 * observed `iZbp16rhtg91v96m32vggjZ`), used when the instance was launched without HostName.
 */
export function defaultHostName(instanceId: string): string {
  return `iZ${instanceId.replace(/^i-/, '')}Z`
}

function interfaceOf(eni: EniView, vsw: VSwitch, vpc: Vpc): InterfaceMetadata | undefined {
  const cidr = parseCidr(vsw.cidrBlock)
  if (cidr === undefined || cidr.size < 4 || eni.deviceIndex === null) return undefined
  const primaryIp = eni.privateIps.find((p) => p.primary)?.address ?? eni.primaryIp
  const v6 = vsw.ipv6CidrBlock === null ? undefined : parseIpv6Cidr(vsw.ipv6CidrBlock)
  return {
    eniId: eni.id,
    mac: eni.macAddress.toLowerCase(),
    deviceIndex: eni.deviceIndex,
    primaryIp,
    privateIps: [
      primaryIp,
      ...eni.privateIps.filter((p) => !p.primary && p.address !== primaryIp).map((p) => p.address),
    ],
    prefixLength: cidr.prefix,
    netmask: netmaskOf(cidr.prefix),
    gateway: formatIpv4(gatewayOf(cidr)),
    vswitchId: vsw.id,
    vswitchCidr: cidr.text,
    vpcId: vpc.id,
    vpcCidr: vpc.cidrBlock,
    ipv6Addresses: eni.ipv6Addresses,
    vswitchIpv6Cidr: v6?.text,
    ipv6Gateway: v6 === undefined ? undefined : ipv6GatewayOf(v6),
    vpcIpv6Cidrs: vpc.ipv6CidrBlock === null ? [] : [vpc.ipv6CidrBlock],
    ipv4Prefixes: eni.ipv4Prefixes,
    ipv6Prefixes: eni.ipv6Prefixes,
  }
}
