// One read of the ENI facts the agent acts on (spec/guest-os.md §15.2): the primary MAC, the
// MAC list, and per MAC its id, primary IP, private IPs, netmask, gateway and vSwitch CIDR. A
// failed or empty MAC list fails the whole read; a failed or malformed item skips that ENI only.
import { cidrContains, parseCidr, parseIpv4 } from '../render/ipv4.js'
import { canonicalIpv6, ipv6CidrContains, parseIpv6, parseIpv6Cidr } from '../render/ipv6.js'
import type { MetadataClient } from './metadata-client.js'

export interface EniMetadata {
  /** lower-case, colons */
  readonly mac: string
  readonly eniId: string
  readonly isPrimaryEni: boolean
  readonly primaryIp: string
  /** parsed `private-ipv4s`, the primary included */
  readonly privateIps: readonly string[]
  readonly netmask: string
  readonly prefixLength: number
  readonly gateway: string
  /** `vswitch-cidr-block` */
  readonly subnetCidr: string
  /** `ipv6s` (canonical); empty when the item is absent (404: the ENI has no IPv6) */
  readonly ipv6Addresses?: readonly string[]
  /** `vswitch-ipv6-cidr-block` (canonical /64), when served */
  readonly ipv6Cidr?: string
  /** `ipv6-gateway` (canonical), when served */
  readonly ipv6Gateway?: string
  /** `ipv4-prefixes` and `ipv6-prefixes` (canonical); empty when absent */
  readonly prefixes?: readonly { readonly cidr: string; readonly family: 4 | 6 }[]
}

export type MetadataRead =
  | {
      readonly ok: true
      readonly primaryMac: string
      readonly enis: readonly EniMetadata[]
      /** MACs listed but not usable this time (their ENIs are left alone) */
      readonly skipped: readonly { readonly mac: string; readonly reason: string }[]
    }
  | { readonly ok: false; readonly reason: string }

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/

export function normalizeMac(text: string): string | undefined {
  const mac = text.trim().toLowerCase().replaceAll('-', ':')
  return MAC.test(mac) ? mac : undefined
}

/** `macs/` listing: one MAC per line, each with a trailing `/`. Null when any line is bad. */
export function parseMacList(body: string): string[] | null {
  const macs: string[] = []
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue
    const mac = normalizeMac(line.trim().replace(/\/$/, ''))
    if (mac === undefined) return null
    if (!macs.includes(mac)) macs.push(mac)
  }
  return macs
}

/**
 * `private-ipv4s`: a JSON array of strings, or the same with quotes/brackets stripped and
 * comma-separated (nm-cloud-setup's reading). Null when any element is not a dotted quad.
 */
export function parsePrivateIpv4s(body: string): string[] | null {
  let parts: unknown[]
  try {
    const data: unknown = JSON.parse(body)
    if (!Array.isArray(data)) return null
    parts = data
  } catch {
    parts = body.replace(/[[\]"\s]/g, '').split(',')
  }
  const ips: string[] = []
  for (const part of parts) {
    if (typeof part !== 'string' || parseIpv4(part.trim()) === undefined) return null
    if (!ips.includes(part.trim())) ips.push(part.trim())
  }
  return ips
}

/**
 * `ipv6s` / `ipv6-prefixes`: `[a,b]` (brackets, no quotes) or a JSON array; canonical forms.
 * Null when any element is malformed (never act on a partial list).
 */
export function parseIpv6List(body: string, prefixes = false): string[] | null {
  const parts = body
    .replace(/[[\]"\s]/g, '')
    .split(',')
    .filter((p) => p !== '')
  const out: string[] = []
  for (const part of parts) {
    const value = prefixes ? parseIpv6Cidr(part)?.text : canonicalIpv6(part)
    if (value === undefined) return null
    if (!out.includes(value)) out.push(value)
  }
  return out
}

/** `ipv4-prefixes`: a JSON array of aligned `a.b.c.d/len`; null when malformed. */
export function parseIpv4Prefixes(body: string): string[] | null {
  const parts = body
    .replace(/[[\]"\s]/g, '')
    .split(',')
    .filter((p) => p !== '')
  return parts.every((p) => parseCidr(p) !== undefined) ? [...new Set(parts)] : null
}

/** Optional IPv6/prefix items: 404 means none; a malformed body skips the ENI. */
async function readExtras(
  client: MetadataClient,
  mac: string,
  subnet: { contains(ip: string): boolean },
): Promise<Pick<EniMetadata, 'ipv6Addresses' | 'ipv6Cidr' | 'ipv6Gateway' | 'prefixes'> | string> {
  const item = async (name: string) => {
    const answer = await client.get(`network/interfaces/macs/${mac}/${name}`)
    return answer.status === 'ok' ? answer.text.trim() : undefined
  }
  const [ipv6s, cidrText, gatewayText, v4p, v6p] = [
    await item('ipv6s'),
    await item('vswitch-ipv6-cidr-block'),
    await item('ipv6-gateway'),
    await item('ipv4-prefixes'),
    await item('ipv6-prefixes'),
  ]
  const ipv6Addresses = ipv6s === undefined ? [] : parseIpv6List(ipv6s)
  if (ipv6Addresses === null) return 'ipv6s is malformed'
  const v4 = v4p === undefined ? [] : parseIpv4Prefixes(v4p)
  const v6 = v6p === undefined ? [] : parseIpv6List(v6p, true)
  if (v4 === null || v6 === null) return 'ipv4-prefixes or ipv6-prefixes is malformed'
  const cidr = cidrText === undefined ? undefined : parseIpv6Cidr(cidrText)
  if (cidrText !== undefined && cidr === undefined) return 'vswitch-ipv6-cidr-block is malformed'
  const gateway = gatewayText === undefined ? undefined : canonicalIpv6(gatewayText)
  if (gatewayText !== undefined && gateway === undefined) return 'ipv6-gateway is malformed'
  if ((ipv6Addresses.length > 0 || v6.length > 0) && cidr === undefined) {
    return 'IPv6 without vswitch-ipv6-cidr-block'
  }
  const outside6 = [...ipv6Addresses, ...v6.map((p) => p.split('/')[0] ?? '')].filter(
    (ip) => cidr === undefined || !ipv6CidrContains(cidr, parseIpv6(ip) ?? 0n),
  )
  const outside4 = v4.filter((p) => !subnet.contains(p.split('/')[0] ?? ''))
  if (outside6.length + outside4.length > 0) {
    return `ALERT: ${[...outside6, ...outside4].join(', ')} outside the vSwitch`
  }
  return {
    ipv6Addresses,
    ...(cidr === undefined ? {} : { ipv6Cidr: cidr.text }),
    ...(gateway === undefined ? {} : { ipv6Gateway: gateway }),
    prefixes: [
      ...v4.map((c) => ({ cidr: c, family: 4 as const })),
      ...v6.map((c) => ({ cidr: c, family: 6 as const })),
    ],
  }
}

const ITEMS = [
  'network-interface-id',
  'primary-ip-address',
  'private-ipv4s',
  'netmask',
  'gateway',
  'vswitch-cidr-block',
] as const

async function readEni(
  client: MetadataClient,
  mac: string,
  primaryMac: string,
): Promise<EniMetadata | string> {
  const values: Record<string, string> = {}
  for (const item of ITEMS) {
    const answer = await client.get(`network/interfaces/macs/${mac}/${item}`)
    if (answer.status !== 'ok') return `${item} is absent`
    values[item] = answer.text.split('\n')[0]?.trim() ?? ''
  }
  const privateIps = parsePrivateIpv4s(values['private-ipv4s'] ?? '')
  const cidr = parseCidr(values['vswitch-cidr-block'] ?? '')
  const primaryIp = values['primary-ip-address'] ?? ''
  const gateway = values['gateway'] ?? ''
  const eniId = values['network-interface-id'] ?? ''
  if (privateIps === null) return 'private-ipv4s is malformed'
  if (cidr === undefined) return 'vswitch-cidr-block is malformed'
  if (parseIpv4(primaryIp) === undefined) return 'primary-ip-address is malformed'
  if (parseIpv4(gateway) === undefined) return 'gateway is malformed'
  if (!/^[A-Za-z0-9-]+$/.test(eniId)) return 'network-interface-id is malformed'
  const extras = await readExtras(client, mac, {
    contains: (ip) => cidrContains(cidr, ip),
  })
  if (typeof extras === 'string') return extras
  return {
    ...extras,
    mac,
    eniId,
    isPrimaryEni: mac === primaryMac,
    primaryIp,
    privateIps,
    netmask: values['netmask'] ?? '',
    prefixLength: cidr.prefixLength,
    gateway,
    subnetCidr: values['vswitch-cidr-block'] ?? '',
  }
}

export async function readMetadata(client: MetadataClient): Promise<MetadataRead> {
  try {
    const primary = await client.get('mac')
    const list = await client.get('network/interfaces/macs/')
    if (primary.status !== 'ok' || list.status !== 'ok') {
      return { ok: false, reason: 'mac or network/interfaces/macs/ is absent' }
    }
    const primaryMac = normalizeMac(primary.text)
    const macs = parseMacList(list.text)
    if (primaryMac === undefined) return { ok: false, reason: 'mac is malformed' }
    if (macs === null) return { ok: false, reason: 'network/interfaces/macs/ is malformed' }
    if (macs.length === 0) return { ok: false, reason: 'network/interfaces/macs/ is empty' }
    const enis: EniMetadata[] = []
    const skipped: { mac: string; reason: string }[] = []
    for (const mac of macs) {
      try {
        const eni = await readEni(client, mac, primaryMac)
        if (typeof eni === 'string') skipped.push({ mac, reason: eni })
        else enis.push(eni)
      } catch (e: unknown) {
        skipped.push({ mac, reason: e instanceof Error ? e.message : String(e) })
      }
    }
    return { ok: true, primaryMac, enis, skipped }
  } catch (e: unknown) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) }
  }
}
