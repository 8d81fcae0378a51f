// The lab dataplane's layout, as pure names and `ip` argv lists (see netns-dataplane.ts):
// - each vSwitch → namespace `<prefix><vsw-id>` with bridge `br0` holding the gateway address
//   (third-from-last of the CIDR; and `<the /64>::1` on a dual-stack vSwitch) and
//   `100.100.100.200/32` on `lo`, where the metadata relay listens on port 80;
// - each Running instance → namespace `<prefix><i-id>` (router advertisements off: IPv6 is static);
// - each attached ENI → a veth pair: `eth<DeviceIndex>` with the ENI's MAC and primary address in
//   the instance namespace (the primary ENI also gets the default route via the gateway, which
//   carries metadata traffic to 100.100.100.200), `v<hash>` on the bridge in the vSwitch
//   namespace. Secondary addresses are the agent's job.
import { createHash } from 'node:crypto'

export const METADATA_ADDRESS = '100.100.100.200'
export const BRIDGE = 'br0'

export interface VSwitchPlan {
  readonly vswitchId: string
  readonly gateway: string
  readonly prefixLength: number
  /** the vSwitch's IPv6 gateway (`<its /64>::1`) when it has IPv6 */
  readonly ipv6Gateway?: string | undefined
}

export interface EniPlan {
  readonly eniId: string
  readonly instanceId: string
  readonly vswitchId: string
  readonly deviceIndex: number
  readonly mac: string
  readonly primaryIp: string
  readonly prefixLength: number
  readonly gateway: string
}

export function namespaceOf(prefix: string, resourceId: string): string {
  return `${prefix}${resourceId}`
}

/** The bridge-side veth name: 13 characters, stable per ENI. */
export function hostEndOf(eniId: string): string {
  return `v${createHash('sha1').update(eniId).digest('hex').slice(0, 12)}`
}

export function deviceOf(eni: Pick<EniPlan, 'deviceIndex'>): string {
  return `eth${eni.deviceIndex}`
}

export function sameEni(a: EniPlan, b: EniPlan): boolean {
  return (
    a.instanceId === b.instanceId &&
    a.vswitchId === b.vswitchId &&
    a.deviceIndex === b.deviceIndex &&
    a.mac === b.mac &&
    a.primaryIp === b.primaryIp &&
    a.prefixLength === b.prefixLength
  )
}

/** The MAC address of every vSwitch gateway in Alibaba Cloud VPCs. */
export const GATEWAY_MAC = 'ee:ff:ff:ff:ff:ff'

export function vswitchCommands(ns: string, vsw: VSwitchPlan): string[][] {
  return [
    ['netns', 'add', ns],
    ['-n', ns, 'link', 'set', 'lo', 'up'],
    ['-n', ns, 'addr', 'add', `${METADATA_ADDRESS}/32`, 'dev', 'lo'],
    // A bridge takes the lowest MAC of its ports unless given one, so it would change as ENIs
    // come and go and guests' cached gateway entries would go stale; pin it to the address the
    // VPC gateway answers with in Alibaba Cloud.
    ['-n', ns, 'link', 'add', BRIDGE, 'address', GATEWAY_MAC, 'type', 'bridge'],
    ['-n', ns, 'addr', 'add', `${vsw.gateway}/${vsw.prefixLength}`, 'dev', BRIDGE],
    // the IPv6 gateway of a dual-stack vSwitch, usable at once (no DAD) like the guests' addresses
    ...(vsw.ipv6Gateway === undefined
      ? []
      : [['-n', ns, 'addr', 'add', `${vsw.ipv6Gateway}/64`, 'dev', BRIDGE, 'nodad']]),
    ['-n', ns, 'link', 'set', BRIDGE, 'up'],
  ]
}

/**
 * An instance namespace. Several ENIs of one instance share a subnet, so the guest answers ARP
 * only on the interface that holds the address and announces from it (arp_ignore=1,
 * arp_announce=2), as multi-NIC cloud images do; otherwise ARP replies from the wrong veth
 * make the vSwitch deliver to the wrong interface and traffic stalls after a failover.
 */
export function instanceCommands(ns: string): string[][] {
  return [
    ['netns', 'add', ns],
    ['-n', ns, 'link', 'set', 'lo', 'up'],
    [
      'netns',
      'exec',
      ns,
      'sysctl',
      '-q',
      '-w',
      'net.ipv4.conf.all.arp_ignore=1',
      'net.ipv4.conf.all.arp_announce=2',
      // IPv6 is static (the agent adds the ENIs' addresses): no router advertisements taken,
      // also on the ENIs' interfaces yet to come (`default`)
      'net.ipv6.conf.all.accept_ra=0',
      'net.ipv6.conf.default.accept_ra=0',
    ],
  ]
}

export function eniCommands(vswitchNs: string, instanceNs: string, eni: EniPlan): string[][] {
  const host = hostEndOf(eni.eniId)
  const dev = deviceOf(eni)
  return [
    [
      '-n',
      vswitchNs,
      'link',
      'add',
      host,
      'type',
      'veth',
      'peer',
      'name',
      dev,
      'netns',
      instanceNs,
    ],
    ['-n', instanceNs, 'link', 'set', dev, 'address', eni.mac.toLowerCase()],
    ['-n', instanceNs, 'addr', 'add', `${eni.primaryIp}/${eni.prefixLength}`, 'dev', dev],
    ['-n', instanceNs, 'link', 'set', dev, 'up'],
    ['-n', vswitchNs, 'link', 'set', host, 'master', BRIDGE, 'up'],
    ...(eni.deviceIndex === 0
      ? [['-n', instanceNs, 'route', 'replace', 'default', 'via', eni.gateway, 'dev', dev]]
      : []),
  ]
}

/** Deleting one end deletes the pair (and the guest's addresses on it). */
export function eniRemoveCommand(vswitchNs: string, eniId: string): string[] {
  return ['-n', vswitchNs, 'link', 'del', hostEndOf(eniId)]
}
