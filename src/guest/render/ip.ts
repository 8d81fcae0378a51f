// Target `ip`: runtime iproute2 commands (spec §4, §13). Nothing survives a reboot; the agent
// re-applies them at boot. The line builders are shared with the targets whose flap-free apply
// step is a runtime `ip` change (spec §6, §9).
import type { PrefixPlan } from './extras-plan.js'
import { IPV6_ADDRESS_PREFIX_LENGTH } from './extras-plan.js'
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

/** `nodad`: the VPC guarantees uniqueness, so the address is usable at once (no tentative state). */
export function ip6AddrAdd(plan: RenderPlan, ip: string): string {
  return `ip -6 addr add ${ip}/${IPV6_ADDRESS_PREFIX_LENGTH} dev ${plan.device} nodad`
}

export function ip6AddrDel(plan: RenderPlan, ip: string): string {
  return `ip -6 addr del ${ip}/${IPV6_ADDRESS_PREFIX_LENGTH} dev ${plan.device}`
}

/** A delegated prefix is a local range (AnyIP): the host accepts every address in it. */
export function prefixRoute(plan: RenderPlan, prefix: PrefixPlan): string {
  return `local ${prefix.cidr} dev ${plan.device}`
}

/** IPv6 default route and on-link /64 in a secondary ENI's table (none without IPv6). */
export function policyRoutes6(plan: RenderPlan, policy: PolicyRouting): string[] {
  const { cidr, gateway } = plan.ipv6
  if (cidr === undefined || gateway === undefined) return []
  return [
    `default via ${gateway} dev ${plan.device} table ${policy.table}`,
    `${cidr} dev ${plan.device} table ${policy.table}`,
  ]
}

export function ruleSelector6(ip: string, policy: PolicyRouting): string {
  return `from ${ip}/128 lookup ${policy.table} priority ${policy.priority}`
}

export function prefixRuleSelector(prefix: PrefixPlan, policy: PolicyRouting): string {
  return `from ${prefix.cidr} lookup ${policy.table} priority ${policy.priority}`
}

/** IPv6 table routes (secondary ENI), IPv6 addresses with their rules, prefixes with theirs. */
export function extrasAdd(plan: RenderPlan): string[] {
  const policy = plan.policy
  return [
    ...(policy ? policyRoutes6(plan, policy).map((r) => `ip -6 route replace ${r}`) : []),
    ...plan.ipv6.keep.flatMap((ip) => [
      ip6AddrAdd(plan, ip),
      ...(policy ? [`ip -6 rule add ${ruleSelector6(ip, policy)}`] : []),
    ]),
    ...plan.prefixes.keep.flatMap((p) => [
      `ip -${p.family} route replace ${prefixRoute(plan, p)}`,
      ...(policy ? [`ip -${p.family} rule add ${prefixRuleSelector(p, policy)}`] : []),
    ]),
  ]
}

/** The removals of revoked IPv6 addresses and prefixes (rule first). */
export function extrasDel(plan: RenderPlan): string[] {
  const policy = plan.policy
  return [
    ...plan.ipv6.revoke.flatMap((ip) => [
      ...(policy ? [`ip -6 rule del ${ruleSelector6(ip, policy)}`] : []),
      ip6AddrDel(plan, ip),
    ]),
    ...plan.prefixes.revoke.flatMap((p) => [
      ...(policy ? [`ip -${p.family} rule del ${prefixRuleSelector(p, policy)}`] : []),
      `ip -${p.family} route del ${prefixRoute(plan, p)}`,
    ]),
  ]
}

/** Add each address (and its rule on a secondary ENI), then IPv6 and prefixes. */
export function runtimeAdd(plan: RenderPlan, withLabel = true): string[] {
  return [
    ...plan.keep.flatMap((address) => [
      ipAddrAdd(plan, address, withLabel),
      ...(plan.policy ? [`ip -4 rule add ${ruleSelector(address.ip, plan.policy)}`] : []),
    ]),
    ...extrasAdd(plan),
  ]
}

/** Remove each revoked address (rule first, then the address), then IPv6 and prefixes. */
export function runtimeDel(plan: RenderPlan): string[] {
  return [
    ...plan.revoke.flatMap((address) => [
      ...(plan.policy ? [`ip -4 rule del ${ruleSelector(address.ip, plan.policy)}`] : []),
      ipAddrDel(plan, address),
    ]),
    ...extrasDel(plan),
  ]
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
