// Target `sles`: wicked/sysconfig ifcfg-<dev> (spec §9). Each address is IPADDR_<N>='a.b.c.d/len'
// with LABEL_<N>='<N>' (suffix N = the stable alias suffix). The product document writes the
// prefix length into NETMASK_<N>, which wicked reads as the dotted mask 24.0.0.0 and turns into
// a /32 (P9), so the prefix length travels in IPADDR_<N> and no NETMASK_<N> is ever written.
// A secondary ENI gets DHCLIENT_SET_DEFAULT_ROUTE='no', ifroute-<dev> and ifrule-<dev>.
// Applied flap-free with runtime `ip` (wicked ifreload would flap the primary, spec §9).
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript, configFile } from './interface-description.js'
import { runtimeApply, runtimeDel } from './ip.js'
import type { PolicyRouting, RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'

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
  return lines.join('\n') + '\n'
}

/** Whitespace-aligned columns: destination, gateway, netmask, interface, options (ifroute(5)). */
function ifroute(plan: RenderPlan, policy: PolicyRouting): string {
  const rows = [
    ['default', plan.gateway, '-', plan.device, `table ${policy.table}`],
    [plan.vswitchCidr, '-', '-', plan.device, `table ${policy.table}`],
  ]
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => (row[c] ?? '').length)))
  const gaps = [3, 2, 2, 2]
  const line = (row: string[]): string =>
    row.map((cell, c) => (c < 4 ? cell.padEnd((widths[c] ?? 0) + (gaps[c] ?? 0)) : cell)).join('')
  return rows.map(line).join('\n') + '\n'
}

function ifrule(plan: RenderPlan, policy: PolicyRouting): string {
  return [plan.primaryIp, ...plan.keep.map((a) => a.ip)]
    .map((ip) => `ipv4 from ${ip}/32 table ${policy.table} priority ${policy.priority}\n`)
    .join('')
}

export function renderSles(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  const policy = plan.policy
  const files = [
    configFile(`${SYSCONFIG_NETWORK}/ifcfg-${plan.device}`, ifcfg(plan)),
    ...(policy
      ? [
          configFile(`${SYSCONFIG_NETWORK}/ifroute-${plan.device}`, ifroute(plan, policy)),
          configFile(`${SYSCONFIG_NETWORK}/ifrule-${plan.device}`, ifrule(plan, policy)),
        ]
      : []),
  ]
  const lines = plan.mode === 'add' ? runtimeApply(plan) : runtimeDel(plan)
  return lines.length === 0 ? files : [...files, commandScript(plan.mode, 'sh', lines)]
}
