// Target `sles`: wicked/sysconfig ifcfg-<dev> (spec §9). Each address is IPADDR_<N>='a.b.c.d/len'
// with LABEL_<N>='<N>' (suffix N = the stable alias suffix). The product document writes the
// prefix length into NETMASK_<N>, which wicked reads as the dotted mask 24.0.0.0 and turns into
// a /32 (P9), so the prefix length travels in IPADDR_<N> and no NETMASK_<N> is ever written.
// A secondary ENI gets DHCLIENT_SET_DEFAULT_ROUTE='no', ifroute-<dev> and ifrule-<dev>.
// Applied flap-free with runtime `ip` (wicked ifreload would flap the primary, spec §9). IPv6
// addresses are IPADDR_V6_<n>='x::y/64'; delegated prefixes are `local` routes in ifroute-<dev>.
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript, configFile } from './interface-description.js'
import { runtimeApply, runtimeDel } from './ip.js'
import type { PolicyRouting, RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'
import { IPV6_ADDRESS_PREFIX_LENGTH } from './extras-plan.js'
import { dadSysctlFile, dadSysctlLoad } from './ipv6-dad.js'

export const SYSCONFIG_NETWORK = '/etc/sysconfig/network'

function ifcfg(plan: RenderPlan): string {
  const lines = [`BOOTPROTO='dhcp'`, `STARTMODE='auto'`]
  if (plan.policy) lines.push(`DHCLIENT_SET_DEFAULT_ROUTE='no'`)
  if (plan.mtu !== undefined) lines.push(`MTU='${plan.mtu}'`)
  for (const address of plan.keep) {
    lines.push(`IPADDR_${address.alias}='${address.ip}/${plan.prefixLength}'`)
    // wicked expands LABEL_N='N' to <dev>:N; omitted when that exceeds 15 characters.
    if (address.label !== undefined) lines.push(`LABEL_${address.alias}='${address.alias}'`)
  }
  // IPv6 addresses take the same IPADDR_<suffix> form (no label); DAD is off by sysctl.
  plan.ipv6.keep.forEach((ip, i) => {
    lines.push(`IPADDR_V6_${i}='${ip}/${IPV6_ADDRESS_PREFIX_LENGTH}'`)
  })
  return lines.join('\n') + '\n'
}

/** Whitespace-aligned columns: destination, gateway, netmask, interface, type or options. */
function columns(rows: readonly string[][]): string {
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => (row[c] ?? '').length)))
  const gaps = [3, 2, 2, 2]
  const line = (row: readonly string[]): string =>
    row.map((cell, c) => (c < 4 ? cell.padEnd((widths[c] ?? 0) + (gaps[c] ?? 0)) : cell)).join('')
  return rows.map(line).join('\n') + '\n'
}

/** ifroute(5) rows: a secondary ENI's table routes, and each prefix as a `local` route. */
function ifrouteRows(plan: RenderPlan, policy: PolicyRouting | undefined): string[][] {
  const rows: string[][] = []
  if (policy) {
    rows.push(
      ['default', plan.gateway, '-', plan.device, `table ${policy.table}`],
      [plan.vswitchCidr, '-', '-', plan.device, `table ${policy.table}`],
    )
    const { cidr, gateway } = plan.ipv6
    if (cidr !== undefined && gateway !== undefined) {
      rows.push(
        ['default', gateway, '-', plan.device, `table ${policy.table}`],
        [cidr, '-', '-', plan.device, `table ${policy.table}`],
      )
    }
  }
  for (const p of plan.prefixes.keep) rows.push([p.cidr, '-', '-', plan.device, 'local'])
  return rows
}

function ifruleLines(plan: RenderPlan, policy: PolicyRouting): string[] {
  const rule = (family: string, from: string) =>
    `${family} from ${from} table ${policy.table} priority ${policy.priority}`
  return [
    ...[plan.primaryIp, ...plan.keep.map((a) => a.ip)].map((ip) => rule('ipv4', `${ip}/32`)),
    ...plan.ipv6.keep.map((ip) => rule('ipv6', `${ip}/128`)),
    ...plan.prefixes.keep.map((p) => rule(`ipv${p.family}`, p.cidr)),
  ]
}

function routeFiles(plan: RenderPlan): RenderedFile[] {
  const policy = plan.policy
  const rows = ifrouteRows(plan, policy)
  const rules = policy ? ifruleLines(plan, policy) : []
  return [
    ...(rows.length === 0
      ? []
      : [configFile(`${SYSCONFIG_NETWORK}/ifroute-${plan.device}`, columns(rows))]),
    ...(rules.length === 0
      ? []
      : [configFile(`${SYSCONFIG_NETWORK}/ifrule-${plan.device}`, rules.join('\n') + '\n')]),
  ]
}

/** Route files only the revoked prefixes filled: removed by the revoke script. */
function vanished(plan: RenderPlan): string[] {
  const before: RenderPlan = {
    ...plan,
    prefixes: { ...plan.prefixes, keep: [...plan.prefixes.keep, ...plan.prefixes.revoke] },
  }
  const now = new Set(routeFiles(plan).map((f) => f.path))
  return routeFiles(before)
    .map((f) => f.path)
    .filter((path) => !now.has(path))
}

export function renderSles(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  const files = [
    configFile(`${SYSCONFIG_NETWORK}/ifcfg-${plan.device}`, ifcfg(plan)),
    ...routeFiles(plan),
    ...dadSysctlFile(plan),
  ]
  const lines =
    plan.mode === 'add'
      ? [...dadSysctlLoad(plan), ...runtimeApply(plan)]
      : [...runtimeDel(plan), ...vanished(plan).map((path) => `rm -f ${path}`)]
  return lines.length === 0 ? files : [...files, commandScript(plan.mode, 'sh', lines)]
}
