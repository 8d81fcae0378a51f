// Target `netplan` (Ubuntu ≥ 18.04 and Alibaba's Debian 12 images, spec §10). A separate file,
// never cloud-init's 50-cloud-init.yaml (P12), named per device so two ENIs never overwrite each
// other. The primary ENI gets a drop-in that only appends `addresses` under the same ID as
// cloud-init's definition (P13); labels need netplan ≥ 0.100, so none are written. A secondary
// ENI gets the self-contained definition of spec §13: DHCP with a demoted route metric, table
// routes and routing-policy. Files are 0600 (netplan warns about wider permissions). IPv6
// addresses join `addresses` (netplan has no DAD switch: a sysctl drop-in turns DAD off);
// delegated prefixes are `type: local` routes.
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript, configFile } from './interface-description.js'
import { leftoverDel } from './ip.js'
import type { RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'
import { IPV6_ADDRESS_PREFIX_LENGTH } from './extras-plan.js'
import { dadSysctlFile, dadSysctlLoad, revokesAnything } from './ipv6-dad.js'

export function netplanPath(device: string): string {
  return `/etc/netplan/60-eni-${device}.yaml`
}

function yaml(plan: RenderPlan): string | undefined {
  const policy = plan.policy
  const addresses = [
    ...plan.keep.map((a) => `${a.ip}/${plan.prefixLength}`),
    ...plan.ipv6.keep.map((ip) => `${ip}/${IPV6_ADDRESS_PREFIX_LENGTH}`),
  ]
  if (!policy && addresses.length === 0 && plan.prefixes.keep.length === 0) return undefined
  const lines = ['network:', '  version: 2', '  ethernets:', `    ${plan.device}:`]
  if (policy) {
    lines.push(
      '      match:',
      `        macaddress: "${plan.mac}"`,
      `      set-name: ${plan.device}`,
      '      dhcp4: true',
      '      dhcp4-overrides:',
      `        route-metric: ${policy.metric}`,
    )
    if (plan.mtu !== undefined) lines.push(`      mtu: ${plan.mtu}`)
  }
  if (addresses.length > 0) {
    lines.push('      addresses:', ...addresses.map((a) => `        - ${a}`))
  }
  const routes: string[] = []
  if (policy) {
    routes.push(
      '        - to: 0.0.0.0/0',
      `          via: ${plan.gateway}`,
      `          table: ${policy.table}`,
      `        - to: ${plan.vswitchCidr}`,
      '          scope: link',
      `          table: ${policy.table}`,
    )
    const { cidr, gateway } = plan.ipv6
    if (cidr !== undefined && gateway !== undefined) {
      routes.push(
        '        - to: "::/0"',
        `          via: "${gateway}"`,
        `          table: ${policy.table}`,
        `        - to: "${cidr}"`,
        `          table: ${policy.table}`,
      )
    }
  }
  for (const p of plan.prefixes.keep) {
    routes.push(`        - to: "${p.cidr}"`, '          type: local')
  }
  if (routes.length > 0) lines.push('      routes:', ...routes)
  if (policy) {
    const rule = (from: string) => [
      `        - from: ${from}`,
      `          table: ${policy.table}`,
      `          priority: ${policy.priority}`,
    ]
    lines.push(
      '      routing-policy:',
      ...[plan.primaryIp, ...plan.keep.map((a) => a.ip)].flatMap(rule),
      ...plan.ipv6.keep.map((ip) => `"${ip}"`).flatMap(rule),
      ...plan.prefixes.keep.map((p) => `"${p.cidr}"`).flatMap(rule),
    )
  }
  return lines.join('\n') + '\n'
}

export function renderNetplan(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  const content = yaml(plan)
  const path = netplanPath(plan.device)
  const apply = ['netplan generate', 'netplan apply']
  if (plan.mode === 'add') {
    if (content === undefined) return []
    return [
      configFile(path, content, 0o600),
      ...dadSysctlFile(plan),
      commandScript('add', 'sh', [...dadSysctlLoad(plan), ...apply]),
    ]
  }
  if (!revokesAnything(plan)) return content === undefined ? [] : [configFile(path, content, 0o600)]
  // Older networkd leaves an address that merely vanished from the config (P15).
  const lines = [...apply, ...leftoverDel(plan)]
  if (content === undefined) return [commandScript('revoke', 'sh', [`rm -f ${path}`, ...lines])]
  return [configFile(path, content, 0o600), commandScript('revoke', 'sh', lines)]
}
