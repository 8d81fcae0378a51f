// Target `rhel-ipaddrn`: every address in the one ifcfg file as IPADDRn/PREFIXn (spec §6), for
// initscripts or NetworkManager's ifcfg-rh reader. The numbering is rewritten contiguously from
// 1 on every render (P8: the reader stops at the first missing index from 2 on). The primary is
// static, the only form both readers accept next to IPADDRn. Applied flap-free by runtime `ip`.
// Also home of the route-/rule- files of a secondary ENI, shared with target `rhel`.
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript, configFile } from './interface-description.js'
import { policyRoutes, runtimeApply, runtimeDel } from './ip.js'
import type { PolicyRouting, RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'

export const NETWORK_SCRIPTS = '/etc/sysconfig/network-scripts'

export function ifcfgLines(entries: readonly (readonly [string, string | number])[]): string {
  return entries.map(([key, value]) => `${key}=${value}`).join('\n') + '\n'
}

/** `route-<dev>` and `rule-<dev>` of a secondary ENI (spec §13, initscripts). */
export function ifcfgPolicyFiles(plan: RenderPlan, policy: PolicyRouting): RenderedFile[] {
  const rules = [plan.primaryIp, ...plan.keep.map((a) => a.ip)].map(
    (ip) => `from ${ip}/32 table ${policy.table} priority ${policy.priority}\n`,
  )
  return [
    configFile(
      `${NETWORK_SCRIPTS}/route-${plan.device}`,
      policyRoutes(plan, policy).join('\n') + '\n',
    ),
    configFile(`${NETWORK_SCRIPTS}/rule-${plan.device}`, rules.join('')),
  ]
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
  return ifcfgLines(entries)
}

export function renderRhelIpaddrn(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  const files = [
    configFile(`${NETWORK_SCRIPTS}/ifcfg-${plan.device}`, parentFile(plan)),
    ...(plan.policy ? ifcfgPolicyFiles(plan, plan.policy) : []),
  ]
  // IPADDRn addresses carry the device's own label, never eth0:N (spec §6).
  const lines = plan.mode === 'add' ? runtimeApply(plan, false) : runtimeDel(plan)
  return lines.length === 0 ? files : [...files, commandScript(plan.mode, 'sh', lines)]
}
