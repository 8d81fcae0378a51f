// The `meta-data/` tree of one instance, in Alibaba's paths and formats (spec/guest-os.md §1.1):
// a directory lists its entries one per line, subdirectories with a trailing `/`; a value is
// plain text without a trailing newline. Deterministic: built from the service's read-only view.
// Also the `dynamic/` tree (the instance identity document) and `meta-data/all` (spec §9).
import { createHash } from 'node:crypto'
import type { InstanceMetadata, InterfaceMetadata } from '../service/instance-metadata.js'

export type MetadataNode = string | { readonly [name: string]: MetadataNode }

/** Alibaba's VPC resolvers and NTP servers (fixed values of the real service). */
export const NAMESERVERS = ['100.100.2.136', '100.100.2.138'] as const
export const NTP_SERVERS = ['ntp1.aliyun.com', 'ntp2.aliyun.com', 'ntp3.aliyun.com'] as const

/**
 * Per-MAC items. The IPv6 items (spec/extensions.md §2.5) exist only where there is IPv6:
 * `ipv6s` (`[a,b]`, bracketed but unquoted) only when the ENI has IPv6 addresses — cloud-init
 * turns DHCPv6 on for a NIC whose `ipv6s` is non-empty and terway treats the 404 as "no IPv6";
 * `ipv6-gateway` and `vswitch-ipv6-cidr-block` when the vSwitch has IPv6, `vpc-ipv6-cidr-blocks`
 * (one per line) when the VPC has. Prefixes (ours: no client reads them, spec §3.2):
 * `ipv4-prefixes` as a JSON array like `private-ipv4s`, `ipv6-prefixes` bracketed like `ipv6s`.
 */
function interfaceNode(eni: InterfaceMetadata): MetadataNode {
  const node: Record<string, MetadataNode> = {
    gateway: eni.gateway,
    netmask: eni.netmask,
    'network-interface-id': eni.eniId,
    'primary-ip-address': eni.primaryIp,
    'private-ipv4s': JSON.stringify(eni.privateIps),
    'vpc-cidr-block': eni.vpcCidr,
    'vpc-id': eni.vpcId,
    'vswitch-cidr-block': eni.vswitchCidr,
    'vswitch-id': eni.vswitchId,
  }
  if (eni.ipv6Addresses.length > 0) node['ipv6s'] = `[${eni.ipv6Addresses.join(',')}]`
  if (eni.vswitchIpv6Cidr !== undefined) node['vswitch-ipv6-cidr-block'] = eni.vswitchIpv6Cidr
  if (eni.ipv6Gateway !== undefined) node['ipv6-gateway'] = eni.ipv6Gateway
  if (eni.vpcIpv6Cidrs.length > 0) node['vpc-ipv6-cidr-blocks'] = eni.vpcIpv6Cidrs.join('\n')
  if (eni.ipv4Prefixes.length > 0) node['ipv4-prefixes'] = JSON.stringify(eni.ipv4Prefixes)
  if (eni.ipv6Prefixes.length > 0) node['ipv6-prefixes'] = `[${eni.ipv6Prefixes.join(',')}]`
  return node
}

export function metadataTree(view: InstanceMetadata): MetadataNode {
  const macs: Record<string, MetadataNode> = {}
  for (const eni of view.interfaces) macs[eni.mac] = interfaceNode(eni)
  const p = view.primary
  return {
    'dns-conf': { nameservers: NAMESERVERS.join('\n') },
    hostname: view.hostName,
    'image-id': view.imageId,
    instance: { 'instance-name': view.instanceName, 'instance-type': view.instanceType },
    'instance-id': view.instanceId,
    mac: p.mac,
    network: { interfaces: { macs } },
    'network-type': 'vpc',
    'ntp-conf': { 'ntp-servers': NTP_SERVERS.join('\n') },
    'owner-account-id': view.accountId,
    'private-ipv4': p.primaryIp,
    'region-id': view.regionId,
    'serial-number': serialNumberOf(view.instanceId),
    'vpc-cidr-block': p.vpcCidr,
    'vpc-id': p.vpcId,
    'vswitch-cidr-block': p.vswitchCidr,
    'vswitch-id': p.vswitchId,
    'zone-id': view.zoneId,
  }
}

/**
 * The instance's `serial-number`: ECS shows a UUID; ours is derived from the instance id (a
 * name-based UUID, version 5 layout over SHA-256), so it is stable across restarts and replicas.
 */
export function serialNumberOf(instanceId: string): string {
  const h = createHash('sha256').update(`eniplane:serial-number:${instanceId}`).digest()
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80
  const x = h.subarray(0, 16).toString('hex')
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`
}

/**
 * `dynamic/instance-identity/document` (spec/extensions.md §9): one JSON object of strings, the
 * field names of the current Alibaba documentation (`owner-account-id`, `private-ipv4`). The
 * OpenTelemetry detector reads it without a token and maps owner-account-id, instance-id,
 * instance-type, region-id and zone-id.
 */
export function identityDocument(view: InstanceMetadata): string {
  return JSON.stringify({
    'zone-id': view.zoneId,
    'serial-number': serialNumberOf(view.instanceId),
    'instance-id': view.instanceId,
    'region-id': view.regionId,
    'private-ipv4': view.primary.primaryIp,
    'owner-account-id': view.accountId,
    mac: view.primary.mac,
    'image-id': view.imageId,
    'instance-type': view.instanceType,
  })
}

/** The `dynamic/` tree. No `pkcs7` signature is served (not read by any client we target). */
export function dynamicTree(view: InstanceMetadata): MetadataNode {
  return { 'instance-identity': { document: identityDocument(view) } }
}

/**
 * `meta-data/all`: the whole meta-data tree as one JSON object mirroring the directories, every
 * leaf a string (cloud-init's Alibaba helper asks for it before crawling). Not listed in the
 * `meta-data/` listing, as on Alibaba's documented item list.
 */
export function allDocument(tree: MetadataNode): string {
  return JSON.stringify(tree)
}

export type Resolved =
  | { readonly kind: 'value'; readonly text: string }
  | { readonly kind: 'listing'; readonly text: string }
  | { readonly kind: 'absent' }

/** A directory listing: entries in name order, subdirectories with a trailing `/`. */
export function listing(node: { readonly [name: string]: MetadataNode }): string {
  return Object.keys(node)
    .sort()
    .map((name) => (typeof node[name] === 'string' ? name : `${name}/`))
    .join('\n')
}

/**
 * Looks `path` (relative to `meta-data/`, e.g. `network/interfaces/macs/`) up in the tree. A
 * directory answers with its listing, with or without the trailing slash; a value never takes a
 * trailing slash. MAC segments match case-insensitively (Windows guests send upper case).
 */
export function resolveMetadata(tree: MetadataNode, path: string): Resolved {
  const trailingSlash = path.endsWith('/')
  const segments = path.split('/').filter((s) => s !== '')
  let node: MetadataNode = tree
  for (const segment of segments) {
    if (typeof node === 'string') return { kind: 'absent' }
    const key = Object.hasOwn(node, segment) ? segment : segment.toLowerCase().replaceAll('-', ':')
    if (!Object.hasOwn(node, key)) return { kind: 'absent' }
    node = node[key] as MetadataNode
  }
  if (typeof node === 'string') {
    return trailingSlash ? { kind: 'absent' } : { kind: 'value', text: node }
  }
  return { kind: 'listing', text: listing(node) }
}
