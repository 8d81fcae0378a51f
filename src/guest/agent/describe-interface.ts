// Builds the renderers' InterfaceDescription from API responses (DescribeNetworkInterfaceAttribute
// or one DescribeNetworkInterfaces item, plus the ENI's vSwitch from DescribeVSwitchAttributes or
// DescribeVSwitches). Pure, so the CLI (`guest-config`) and the console share it.
import type { InterfaceDescription, RenderRequest } from '../render/index.js'
import { formatIpv4, parseCidr, parseIpv4, prefixToNetmask } from '../render/ipv4.js'

/** Alibaba's VPC resolvers (`dns-conf/nameservers`). */
export const ALIBABA_NAMESERVERS: readonly string[] = ['100.100.2.136', '100.100.2.138']

export class DescribeInterfaceError extends Error {
  override readonly name = 'DescribeInterfaceError'
}

type Json = Readonly<Record<string, unknown>>

function record(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined
}

function text(o: Json | undefined, key: string): string | undefined {
  const v = o?.[key]
  return typeof v === 'string' && v !== '' ? v : undefined
}

function required(o: Json, key: string, what: string): string {
  const v = text(o, key)
  if (v === undefined) throw new DescribeInterfaceError(`${what} has no ${key}`)
  return v
}

/** Prefix length, netmask and gateway (third-from-last address) of a vSwitch CIDR. */
export function vswitchAddressing(cidrBlock: string): {
  prefixLength: number
  netmask: string
  gateway: string
} {
  const cidr = parseCidr(cidrBlock)
  if (cidr === undefined || cidr.prefixLength > 29) {
    throw new DescribeInterfaceError(`vSwitch CIDR ${cidrBlock} is not a block with a gateway`)
  }
  const size = 2 ** (32 - cidr.prefixLength)
  return {
    prefixLength: cidr.prefixLength,
    netmask: prefixToNetmask(cidr.prefixLength),
    gateway: formatIpv4(cidr.network + size - 3),
  }
}

/** The ENI's addresses from `PrivateIpSets.PrivateIpSet[]`: the primary and the others. */
export function privateIpsOf(eni: Json): { primary: string; secondaries: string[] } {
  const sets = record(eni['PrivateIpSets'])?.['PrivateIpSet']
  const items = Array.isArray(sets) ? sets.map(record) : []
  const primary =
    items.find((i) => i?.['Primary'] === true)?.['PrivateIpAddress'] ??
    text(eni, 'PrivateIpAddress')
  if (typeof primary !== 'string' || parseIpv4(primary) === undefined) {
    throw new DescribeInterfaceError('the ENI has no primary private IP')
  }
  const secondaries: string[] = []
  for (const item of items) {
    const ip = item?.['PrivateIpAddress']
    if (typeof ip === 'string' && ip !== primary) secondaries.push(ip)
  }
  return { primary, secondaries }
}

/** 0 for a Primary ENI, the attachment's DeviceIndex otherwise; undefined when detached. */
export function deviceIndexOf(eni: Json): number | undefined {
  if (text(eni, 'Type') === 'Primary') return 0
  const index = record(eni['Attachment'])?.['DeviceIndex']
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : undefined
}

/** The instance the ENI is attached to, if any. */
export function instanceIdOf(eni: Json): string | undefined {
  return text(eni, 'InstanceId') ?? text(record(eni['Attachment']), 'InstanceId')
}

export interface DescribeInterfaceInput {
  /** DescribeNetworkInterfaceAttribute's response, or one DescribeNetworkInterfaces item. */
  readonly eni: Json
  /** DescribeVSwitchAttributes' response, or one DescribeVSwitches item. */
  readonly vswitch: Json
  /** Overrides the device index (required for an ENI that is not attached). */
  readonly deviceIndex?: number | undefined
}

export function describeInterface(input: DescribeInterfaceInput): InterfaceDescription {
  const { eni, vswitch } = input
  const eniId = required(eni, 'NetworkInterfaceId', 'the ENI')
  const eniVsw = text(eni, 'VSwitchId')
  const vswId = text(vswitch, 'VSwitchId')
  if (eniVsw !== undefined && vswId !== undefined && eniVsw !== vswId) {
    throw new DescribeInterfaceError(`${eniId} is in ${eniVsw}, not in ${vswId}`)
  }
  const deviceIndex = input.deviceIndex ?? deviceIndexOf(eni)
  if (deviceIndex === undefined) {
    throw new DescribeInterfaceError(`${eniId} is not attached; give the device index`)
  }
  const cidr = required(vswitch, 'CidrBlock', 'the vSwitch')
  const { primary, secondaries } = privateIpsOf(eni)
  return {
    deviceName: `eth${deviceIndex}`,
    deviceIndex,
    macAddress: required(eni, 'MacAddress', 'the ENI').toLowerCase(),
    primaryIp: primary,
    secondaryIps: secondaries,
    ...vswitchAddressing(cidr),
    vswitchCidr: cidr,
    nameservers: ALIBABA_NAMESERVERS,
  }
}

/**
 * The render request of `guest-config`: `add` for the ENI's current secondaries, or `revoke`
 * of `revoked` (which stay out of the kept set whether or not the API still lists them).
 */
export function guestConfigRequest(
  iface: InterfaceDescription,
  revoked: readonly string[] = [],
): RenderRequest {
  if (revoked.length === 0) return { iface, mode: 'add' }
  const gone = new Set(revoked)
  return {
    iface: { ...iface, secondaryIps: iface.secondaryIps.filter((ip) => !gone.has(ip)) },
    mode: 'revoke',
    revoked: [...gone],
  }
}

/**
 * The OS family of a public image id, from its name (`aliyun_3_x64_…` → `aliyun`,
 * `win2022_…` → `windows`); unknown names give their first word, which the renderers map to
 * runtime `ip`.
 */
export function osFamilyOfImage(imageId: string): string {
  const word = (/^[a-z]+/i.exec(imageId.trim())?.[0] ?? '').toLowerCase()
  if (word.startsWith('win')) return 'windows'
  if (word === 'alinux' || word === 'aliyun') return 'aliyun'
  return word
}
