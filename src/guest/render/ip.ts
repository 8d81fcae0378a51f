// Target `ip`: runtime iproute2 commands (spec §4, §13). Nothing survives a reboot; the agent
// re-applies them at boot. The line builders are shared with the targets whose flap-free apply
// step is a runtime `ip` change (spec §6, §9).
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript } from './interface-description.js'
import type { AddressPlan, PolicyRouting, RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'

/** `ip -4 addr add A/P brd + dev D [label D:N]`; `withLabel: false` for unlabelled forms. */
export function ipAddrAdd(plan: RenderPlan, address: AddressPlan, withLabel = true): string {
  const label = withLabel && address.label !== undefined ? ` label ${address.label}` : ''
  return `ip -4 addr add ${address.ip}/${plan.prefixLength} brd + dev ${plan.device}${label}`
}

/** Deletion always quotes the prefix (spec §4: no wildcard deletion). */
export function ipAddrDel(plan: RenderPlan, address: AddressPlan): string {
  return `ip -4 addr del ${address.ip}/${plan.prefixLength} dev ${plan.device}`
}

/** Default route and on-link vSwitch prefix in the ENI's own table (never the main table). */
export function policyRoutes(plan: RenderPlan, policy: PolicyRouting): string[] {
  return [
    `default via ${plan.gateway} dev ${plan.device} table ${policy.table}`,
    `${plan.vswitchCidr} dev ${plan.device} src ${plan.primaryIp} table ${policy.table}`,
  ]
}

export function ruleSelector(ip: string, policy: PolicyRouting): string {
  return `from ${ip}/32 lookup ${policy.table} priority ${policy.priority}`
}

/** Table routes, then the rule of the ENI's primary address (spec §13 runtime commands). */
export function policySetup(plan: RenderPlan, policy: PolicyRouting): string[] {
  return [
    ...policyRoutes(plan, policy).map((route) => `ip -4 route replace ${route}`),
    `ip -4 rule add ${ruleSelector(plan.primaryIp, policy)}`,
  ]
}

/** Add each address (and its rule on a secondary ENI). */
export function runtimeAdd(plan: RenderPlan, withLabel = true): string[] {
  return plan.keep.flatMap((address) => [
    ipAddrAdd(plan, address, withLabel),
    ...(plan.policy ? [`ip -4 rule add ${ruleSelector(address.ip, plan.policy)}`] : []),
  ])
}

/** Remove each revoked address (rule first, then the address). */
export function runtimeDel(plan: RenderPlan): string[] {
  return plan.revoke.flatMap((address) => [
    ...(plan.policy ? [`ip -4 rule del ${ruleSelector(address.ip, plan.policy)}`] : []),
    ipAddrDel(plan, address),
  ])
}

/** The same removal, tolerant of a manager that already removed the address (spec P15). */
export function leftoverDel(plan: RenderPlan): string[] {
  return runtimeDel(plan).map((line) => `${line} 2>/dev/null || true`)
}

/** Full runtime apply: policy table and primary rule of a secondary ENI, then the addresses. */
export function runtimeApply(plan: RenderPlan, withLabel = true): string[] {
  return [...(plan.policy ? policySetup(plan, plan.policy) : []), ...runtimeAdd(plan, withLabel)]
}

export function renderIp(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  const lines = plan.mode === 'add' ? runtimeApply(plan) : runtimeDel(plan)
  return lines.length === 0 ? [] : [commandScript(plan.mode, 'sh', lines)]
}
