// Validates a RenderRequest and turns it into the normalised plan every renderer works from:
// sorted addresses with stable alias suffixes and labels, and the policy routing of a
// secondary ENI. Throws RangeError on input that must not reach a config file or a script.
import type { Ipv6Plan, PrefixesPlan } from './extras-plan.js'
import { planExtras } from './extras-plan.js'
import type { RenderRequest } from './interface-description.js'
import { cidrContains, compareIpv4, parseCidr, parseIpv4, prefixToNetmask } from './ipv4.js'

/** One secondary address with its alias suffix N (`eth0:N`) and label, if labels fit. */
export interface AddressPlan {
  readonly ip: string
  readonly alias: number
  readonly label: string | undefined
}

export interface PolicyRouting {
  readonly table: number
  readonly priority: number
  /** Metric of the ENI's own default route where one is kept in the main table (DHCP). */
  readonly metric: number
}

export interface RenderPlan {
  readonly mode: RenderRequest['mode']
  readonly device: string
  readonly deviceIndex: number
  /** Lower-case, colon-separated. */
  readonly mac: string
  readonly primaryIp: string
  readonly prefixLength: number
  readonly netmask: string
  readonly gateway: string
  readonly vswitchCidr: string
  readonly mtu: number | undefined
  readonly nameservers: readonly string[]
  /** Secondary addresses configured once the request is applied, in numeric order. */
  readonly keep: readonly AddressPlan[]
  /** Addresses to remove (revoke mode), in numeric order; empty in add mode. */
  readonly revoke: readonly AddressPlan[]
  /** False when some `<device>:<N>` would exceed 15 characters: then nothing is labelled. */
  readonly labelled: boolean
  /** Source-based routing of a secondary ENI (spec §13); undefined for the primary ENI. */
  readonly policy: PolicyRouting | undefined
  readonly nmConnectionUuid: string | undefined
  readonly windowsAdapterName: string
  /** IPv6 addresses of the ENI (see extras-plan.ts) */
  readonly ipv6: Ipv6Plan
  /** delegated IPv4 /28 and IPv6 /80 prefixes */
  readonly prefixes: PrefixesPlan
}

/** Kernel IFNAMSIZ 16 including NUL (spec §0.3 rule 3). */
export const MAX_LABEL_LENGTH = 15

function fail(field: string, why: string): never {
  throw new RangeError(`guest render: ${field} ${why}`)
}

function requireIpv4(field: string, value: string): void {
  if (parseIpv4(value) === undefined) fail(field, `is not a dotted-quad IPv4 address: ${value}`)
}

function requireInteger(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(field, `must be an integer in ${min}..${max}`)
  }
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareIpv4)
}

/** Lowest free suffix for each address without one, in numeric order (spec §0.3 rule 4). */
function assignAliases(
  addresses: readonly string[],
  given: Readonly<Record<string, number>>,
): Map<string, number> {
  const result = new Map<string, number>()
  const used = new Set<number>()
  for (const ip of addresses) {
    const alias = given[ip]
    if (alias === undefined) continue
    requireInteger(`aliasIndexes[${ip}]`, alias, 0, 9999)
    if (used.has(alias)) fail('aliasIndexes', `gives suffix ${alias} twice`)
    used.add(alias)
    result.set(ip, alias)
  }
  let next = 0
  for (const ip of addresses) {
    if (result.has(ip)) continue
    while (used.has(next)) next++
    used.add(next)
    result.set(ip, next)
  }
  return result
}

export function planRender(req: RenderRequest): RenderPlan {
  const { iface } = req
  if (!/^[A-Za-z0-9_.-]{1,15}$/.test(iface.deviceName)) {
    fail('deviceName', 'must be 1..15 characters of [A-Za-z0-9_.-]')
  }
  requireInteger('deviceIndex', iface.deviceIndex, 0, 99)
  if (!/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/.test(iface.macAddress)) {
    fail('macAddress', 'must look like 00:16:3e:00:00:01')
  }
  requireInteger('prefixLength', iface.prefixLength, 1, 30)
  if (iface.netmask !== prefixToNetmask(iface.prefixLength)) {
    fail('netmask', `does not match prefix length ${iface.prefixLength}`)
  }
  const cidr = parseCidr(iface.vswitchCidr)
  if (cidr === undefined) fail('vswitchCidr', 'is not an aligned IPv4 CIDR')
  if (cidr.prefixLength !== iface.prefixLength) {
    fail('prefixLength', 'must equal the vSwitch prefix length')
  }
  if (req.mode === 'add' && (req.revoked ?? []).length > 0) {
    fail('revoked', 'is only valid in revoke mode')
  }
  const extras = planExtras(req)
  const revokedInput = extras.revokedIpv4
  const all = [iface.primaryIp, iface.gateway, ...iface.secondaryIps, ...revokedInput]
  all.forEach((ip) => requireIpv4('address', ip))
  for (const ip of all) {
    if (!cidrContains(cidr, ip)) fail('address', `${ip} is outside ${iface.vswitchCidr}`)
  }
  const nameservers = iface.nameservers ?? []
  nameservers.forEach((ip) => requireIpv4('nameservers', ip))
  if (iface.mtu !== undefined) requireInteger('mtu', iface.mtu, 576, 65535)
  if (iface.routeTable !== undefined) {
    requireInteger('routeTable', iface.routeTable, 1, 2 ** 31 - 1)
    if (iface.routeTable >= 253 && iface.routeTable <= 255)
      fail('routeTable', 'is a reserved table')
  }
  if (iface.rulePriority !== undefined) requireInteger('rulePriority', iface.rulePriority, 1, 32765)
  const uuid = iface.nmConnectionUuid
  if (uuid !== undefined && !/^[0-9a-fA-F-]{36}$/.test(uuid)) fail('nmConnectionUuid', 'is no UUID')
  const adapter = iface.windowsAdapterName ?? windowsDefaultName(iface.deviceIndex)
  if (!/^[^"%^&|<>\r\n]{1,64}$/.test(adapter)) fail('windowsAdapterName', 'has unsafe characters')

  if ([iface.primaryIp, ...iface.secondaryIps, ...revokedInput].includes(iface.gateway)) {
    fail('address', `${iface.gateway} is the vSwitch gateway`)
  }
  const revokedSet = new Set(revokedInput)
  if (revokedSet.has(iface.primaryIp)) fail('revoked', 'must never contain the primary IP')
  const secondaries = iface.secondaryIps.filter((ip) => ip !== iface.primaryIp)
  const everyAddress = uniqueSorted([...secondaries, ...revokedInput])
  const aliases = assignAliases(everyAddress, iface.aliasIndexes ?? {})
  const longest = Math.max(0, ...aliases.values())
  const labelled = `${iface.deviceName}:${longest}`.length <= MAX_LABEL_LENGTH
  const toPlan = (ip: string): AddressPlan => {
    const alias = aliases.get(ip) ?? 0
    return { ip, alias, label: labelled ? `${iface.deviceName}:${alias}` : undefined }
  }

  return {
    mode: req.mode,
    device: iface.deviceName,
    deviceIndex: iface.deviceIndex,
    mac: iface.macAddress.toLowerCase(),
    primaryIp: iface.primaryIp,
    prefixLength: iface.prefixLength,
    netmask: iface.netmask,
    gateway: iface.gateway,
    vswitchCidr: iface.vswitchCidr,
    mtu: iface.mtu,
    nameservers,
    keep: everyAddress.filter((ip) => !revokedSet.has(ip)).map(toPlan),
    revoke: everyAddress.filter((ip) => revokedSet.has(ip)).map(toPlan),
    labelled,
    policy:
      iface.deviceIndex === 0
        ? undefined
        : {
            table: iface.routeTable ?? 1000 + iface.deviceIndex,
            priority: iface.rulePriority ?? 20000 + iface.deviceIndex,
            metric: (iface.deviceIndex + 1) * 100,
          },
    nmConnectionUuid: uuid,
    windowsAdapterName: adapter,
    ipv6: extras.ipv6,
    prefixes: extras.prefixes,
  }
}

function windowsDefaultName(deviceIndex: number): string {
  return deviceIndex === 0 ? 'Ethernet' : `Ethernet ${deviceIndex + 1}`
}
