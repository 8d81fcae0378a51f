// Target `nmcli`: modify the device's active NetworkManager profile, whatever its storage
// (ifcfg or keyfile), then `nmcli device reapply` (spec §7, §13). No file is written.
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript } from './interface-description.js'
import type { PolicyRouting, RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'

function ruleValue(ip: string, policy: PolicyRouting): string {
  return `priority ${policy.priority} from ${ip}/32 table ${policy.table}`
}

function addLines(plan: RenderPlan, con: string): string[] {
  const addresses = plan.keep.map((a) => `${a.ip}/${plan.prefixLength}`).join(',')
  const policy = plan.policy
  if (!policy) {
    if (addresses === '') return []
    return [`nmcli connection modify "$${con}" +ipv4.addresses "${addresses}"`]
  }
  const routes = `0.0.0.0/0 ${plan.gateway} table=${policy.table}, ${plan.vswitchCidr} table=${policy.table}`
  const rules = [plan.primaryIp, ...plan.keep.map((a) => a.ip)]
    .map((ip) => ruleValue(ip, policy))
    .join(', ')
  return [
    `nmcli connection modify "$${con}" ipv4.never-default yes \\`,
    ...(addresses === '' ? [] : [`  +ipv4.addresses "${addresses}" \\`]),
    `  +ipv4.routes "${routes}" \\`,
    `  +ipv4.routing-rules "${rules}"`,
  ]
}

/** One modify per address, so older nmcli (single value per `-prop`) works too. */
function revokeLines(plan: RenderPlan, con: string): string[] {
  const policy = plan.policy
  return plan.revoke.map((a) => {
    const address = `-ipv4.addresses "${a.ip}/${plan.prefixLength}"`
    const rule = policy ? ` -ipv4.routing-rules "${ruleValue(a.ip, policy)}"` : ''
    return `nmcli connection modify "$${con}" ${address}${rule}`
  })
}

export function renderNmcli(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  // `CON` for the primary ENI, `CON1` for eth1 … as in the spec's examples.
  const con = plan.deviceIndex === 0 ? 'CON' : `CON${plan.deviceIndex}`
  const changes = plan.mode === 'add' ? addLines(plan, con) : revokeLines(plan, con)
  if (changes.length === 0) return []
  return [
    commandScript(plan.mode, 'sh', [
      `${con}=$(nmcli -g GENERAL.CONNECTION device show ${plan.device})`,
      ...changes,
      `nmcli device reapply ${plan.device}`,
    ]),
  ]
}
