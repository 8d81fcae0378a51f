// Target `netplan` (Ubuntu ≥ 18.04 and Alibaba's Debian 12 images, spec §10). A separate file,
// never cloud-init's 50-cloud-init.yaml (P12), named per device so two ENIs never overwrite each
// other. The primary ENI gets a drop-in that only appends `addresses` under the same ID as
// cloud-init's definition (P13); labels need netplan ≥ 0.100, so none are written. A secondary
// ENI gets the self-contained definition of spec §13: DHCP with a demoted route metric, table
// routes and routing-policy. Files are 0600 (netplan warns about wider permissions).
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript, configFile } from './interface-description.js'
import { leftoverDel } from './ip.js'
import type { RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'

export function netplanPath(device: string): string {
  return `/etc/netplan/60-eni-${device}.yaml`
}

function yaml(plan: RenderPlan): string | undefined {
  const policy = plan.policy
  if (!policy && plan.keep.length === 0) return undefined
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
  if (plan.keep.length > 0) {
    lines.push(
      '      addresses:',
      ...plan.keep.map((a) => `        - ${a.ip}/${plan.prefixLength}`),
    )
  }
  if (policy) {
    lines.push(
      '      routes:',
      '        - to: 0.0.0.0/0',
      `          via: ${plan.gateway}`,
      `          table: ${policy.table}`,
      `        - to: ${plan.vswitchCidr}`,
      '          scope: link',
      `          table: ${policy.table}`,
      '      routing-policy:',
      ...[plan.primaryIp, ...plan.keep.map((a) => a.ip)].flatMap((ip) => [
        `        - from: ${ip}`,
        `          table: ${policy.table}`,
        `          priority: ${policy.priority}`,
      ]),
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
    return [configFile(path, content, 0o600), commandScript('add', 'sh', apply)]
  }
  if (plan.revoke.length === 0)
    return content === undefined ? [] : [configFile(path, content, 0o600)]
  // Older networkd leaves an address that merely vanished from the config (P15).
  const lines = [...apply, ...leftoverDel(plan)]
  if (content === undefined) return [commandScript('revoke', 'sh', [`rm -f ${path}`, ...lines])]
  return [configFile(path, content, 0o600), commandScript('revoke', 'sh', lines)]
}
