// Target `rhel`: the product document's ifcfg alias files (spec §5) without its pitfalls: no
// GATEWAY in alias files (P1), no spaces around `=` (P10), ARPCHECK=no (P25), stable suffixes.
// The primary ENI's ifcfg-eth0 is left alone. A secondary ENI also gets its parent file with
// DEFROUTE=no plus route-/rule- files (spec §13). When `<dev>:<N>` would exceed 15 characters
// no alias file can exist, so the output falls back to target `rhel-ipaddrn`; likewise with IPv6
// addresses or delegated prefixes, which initscripts only takes in ifcfg-<dev> and route files.
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript, configFile } from './interface-description.js'
import { policySetup, ruleSelector } from './ip.js'
import type { AddressPlan, RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'
import { hasExtras } from './ipv6-dad.js'
import { NETWORK_SCRIPTS, ifcfgLines, ifcfgRouteFiles, renderRhelIpaddrn } from './rhel-ipaddrn.js'

function aliasName(plan: RenderPlan, address: AddressPlan): string {
  return `${plan.device}:${address.alias}`
}

function aliasPath(plan: RenderPlan, address: AddressPlan): string {
  return `${NETWORK_SCRIPTS}/ifcfg-${aliasName(plan, address)}`
}

function aliasFile(plan: RenderPlan, address: AddressPlan): RenderedFile {
  return configFile(
    aliasPath(plan, address),
    ifcfgLines([
      ['DEVICE', aliasName(plan, address)],
      ['TYPE', 'Ethernet'],
      ['BOOTPROTO', 'static'],
      ['ONBOOT', 'yes'],
      ['IPADDR', address.ip],
      ['NETMASK', plan.netmask],
      ['ARPCHECK', 'no'],
    ]),
  )
}

/** ifcfg-eth1 of a secondary ENI: DHCP, bound to the MAC, no default route in main. */
function parentFile(plan: RenderPlan): RenderedFile {
  return configFile(
    `${NETWORK_SCRIPTS}/ifcfg-${plan.device}`,
    ifcfgLines([
      ['DEVICE', plan.device],
      ['TYPE', 'Ethernet'],
      ['BOOTPROTO', 'dhcp'],
      ['ONBOOT', 'yes'],
      ['HWADDR', plan.mac],
      ['DEFROUTE', 'no'],
      ...(plan.mtu === undefined ? [] : [['MTU', plan.mtu] as const]),
    ]),
  )
}

function applyLines(plan: RenderPlan): string[] {
  return [
    ...(plan.policy ? policySetup(plan, plan.policy) : []),
    ...plan.keep.flatMap((address) => [
      `ifup ${aliasName(plan, address)}`,
      ...(plan.policy ? [`ip -4 rule add ${ruleSelector(address.ip, plan.policy)}`] : []),
    ]),
  ]
}

/** ifdown needs the alias file, so it runs before the file is removed (spec §5 revoke). */
function revokeLines(plan: RenderPlan): string[] {
  return plan.revoke.flatMap((address) => [
    ...(plan.policy ? [`ip -4 rule del ${ruleSelector(address.ip, plan.policy)}`] : []),
    `ifdown ${aliasName(plan, address)}`,
    `rm -f ${aliasPath(plan, address)}`,
  ])
}

export function renderRhel(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  if (!plan.labelled || hasExtras(plan)) return renderRhelIpaddrn(req)
  const files = [
    ...(plan.policy ? [parentFile(plan), ...ifcfgRouteFiles(plan)] : []),
    ...plan.keep.map((address) => aliasFile(plan, address)),
  ]
  if (plan.mode === 'add') {
    const lines = applyLines(plan)
    return lines.length === 0 ? files : [...files, commandScript('add', 'sh', lines)]
  }
  const lines = revokeLines(plan)
  return lines.length === 0 ? files : [commandScript('revoke', 'sh', lines), ...files]
}
