// Target `rhel-ipaddrn`: every address in the one ifcfg file as IPADDRn/PREFIXn (spec §6), for
// initscripts or NetworkManager's ifcfg-rh reader. The numbering is rewritten contiguously from
// 1 on every render (P8: the reader stops at the first missing index from 2 on). The primary is
// static, the only form both readers accept next to IPADDRn. Applied flap-free by runtime `ip`.
// Also home of the route-/rule- files of a secondary ENI, shared with target `rhel`. IPv6:
// IPV6ADDR + IPV6ADDR_SECONDARIES (static, IPV6_AUTOCONF=no), DAD off by sysctl; delegated
// prefixes are local routes in route-/route6- files.
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript, configFile } from './interface-description.js'
import { IPV6_ADDRESS_PREFIX_LENGTH } from './extras-plan.js'
import { policyRoutes, policyRoutes6, prefixRoute, runtimeApply, runtimeDel } from './ip.js'
import { dadSysctlFile, dadSysctlLoad } from './ipv6-dad.js'
import type { PolicyRouting, RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'

export const NETWORK_SCRIPTS = '/etc/sysconfig/network-scripts'

export function ifcfgLines(entries: readonly (readonly [string, string | number])[]): string {
  return entries.map(([key, value]) => `${key}=${value}`).join('\n') + '\n'
}

/**
 * `route-<dev>`/`rule-<dev>` (IPv4) and `route6-<dev>`/`rule6-<dev>` (IPv6), each line appended
 * to `ip [-6] route add` / `ip [-6] rule add` by initscripts: a secondary ENI's table routes and
 * per-address rules (spec §13), and every delegated prefix as a local route (with its rule on a
 * secondary ENI). Files without lines are not written.
 */
export function ifcfgRouteFiles(plan: RenderPlan): RenderedFile[] {
  const policy = plan.policy
  const v4 = plan.prefixes.keep.filter((p) => p.family === 4)
  const v6 = plan.prefixes.keep.filter((p) => p.family === 6)
  const rule = (from: string, p: PolicyRouting) =>
    `from ${from} table ${p.table} priority ${p.priority}`
  const files: [string, string[]][] = [
    [
      'route',
      [...(policy ? policyRoutes(plan, policy) : []), ...v4.map((p) => prefixRoute(plan, p))],
    ],
    [
      'rule',
      policy
        ? [
            ...[plan.primaryIp, ...plan.keep.map((a) => a.ip)].map((ip) =>
              rule(`${ip}/32`, policy),
            ),
            ...v4.map((p) => rule(p.cidr, policy)),
          ]
        : [],
    ],
    [
      'route6',
      [...(policy ? policyRoutes6(plan, policy) : []), ...v6.map((p) => prefixRoute(plan, p))],
    ],
    [
      'rule6',
      policy
        ? [
            ...plan.ipv6.keep.map((ip) => rule(`${ip}/128`, policy)),
            ...v6.map((p) => rule(p.cidr, policy)),
          ]
        : [],
    ],
  ]
  return files
    .filter(([, lines]) => lines.length > 0)
    .map(([kind, lines]) =>
      configFile(`${NETWORK_SCRIPTS}/${kind}-${plan.device}`, lines.join('\n') + '\n'),
    )
}

/** Route/rule files that only the revoked entries filled: the revoke script removes them. */
function vanishedRouteFiles(plan: RenderPlan): string[] {
  const before: RenderPlan = {
    ...plan,
    keep: [...plan.keep, ...plan.revoke],
    ipv6: { ...plan.ipv6, keep: [...plan.ipv6.keep, ...plan.ipv6.revoke] },
    prefixes: { ...plan.prefixes, keep: [...plan.prefixes.keep, ...plan.prefixes.revoke] },
  }
  const now = new Set(ifcfgRouteFiles(plan).map((f) => f.path))
  return ifcfgRouteFiles(before)
    .map((f) => f.path)
    .filter((path) => !now.has(path))
}

/** IPv6 keys of the ifcfg file: static addresses (no SLAAC), the gateway once (primary ENI). */
function ipv6Entries(plan: RenderPlan): [string, string][] {
  const [first, ...rest] = plan.ipv6.keep
  if (first === undefined) return []
  const len = IPV6_ADDRESS_PREFIX_LENGTH
  const entries: [string, string][] = [
    ['IPV6INIT', 'yes'],
    ['IPV6_AUTOCONF', 'no'],
    ['IPV6ADDR', `${first}/${len}`],
  ]
  if (rest.length > 0) {
    entries.push(['IPV6ADDR_SECONDARIES', `"${rest.map((ip) => `${ip}/${len}`).join(' ')}"`])
  }
  if (plan.policy) entries.push(['IPV6_DEFROUTE', 'no'])
  else if (plan.ipv6.gateway !== undefined) entries.push(['IPV6_DEFAULTGW', plan.ipv6.gateway])
  return entries
}

function parentFile(plan: RenderPlan): string {
  const entries: [string, string | number][] = [
    ['DEVICE', plan.device],
    ['TYPE', 'Ethernet'],
    ['BOOTPROTO', 'none'],
    ['ONBOOT', 'yes'],
  ]
  if (plan.policy) entries.push(['HWADDR', plan.mac])
  entries.push(['IPADDR', plan.primaryIp], ['PREFIX', plan.prefixLength])
  if (plan.policy) {
    entries.push(['DEFROUTE', 'no'])
  } else {
    entries.push(['GATEWAY', plan.gateway])
    plan.nameservers.forEach((ip, i) => entries.push([`DNS${i + 1}`, ip]))
  }
  if (plan.mtu !== undefined) entries.push(['MTU', plan.mtu])
  plan.keep.forEach((address, i) => {
    entries.push([`IPADDR${i + 1}`, address.ip], [`PREFIX${i + 1}`, plan.prefixLength])
  })
  entries.push(...ipv6Entries(plan))
  return ifcfgLines(entries)
}

export function renderRhelIpaddrn(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  const files = [
    configFile(`${NETWORK_SCRIPTS}/ifcfg-${plan.device}`, parentFile(plan)),
    ...ifcfgRouteFiles(plan),
    ...dadSysctlFile(plan),
  ]
  // IPADDRn addresses carry the device's own label, never eth0:N (spec §6).
  const lines =
    plan.mode === 'add'
      ? [...dadSysctlLoad(plan), ...runtimeApply(plan, false)]
      : [...runtimeDel(plan), ...vanishedRouteFiles(plan).map((path) => `rm -f ${path}`)]
  return lines.length === 0 ? files : [...files, commandScript(plan.mode, 'sh', lines)]
}
