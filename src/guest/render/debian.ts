// Target `debian`: ifupdown stanzas (spec §8) in a file of /etc/network/interfaces.d/ whose name
// matches `source-directory`'s ^[a-zA-Z0-9_-]+$. One `iface eth0:N inet static` stanza per
// address and never a `gateway` line (P2). A secondary ENI also gets its own DHCP stanza with a
// demoted metric and post-up/pre-down policy routing (spec §13); each alias stanza carries the
// rule of its address. When `<dev>:<N>` would exceed 15 characters the addresses become extra
// unlabelled `iface <dev> inet static` stanzas (ifupdown ≥ 0.7 applies all of them). IPv6
// addresses are `iface <dev> inet6 static` stanzas with `dad-attempts 0`; delegated prefixes are
// local routes in post-up/pre-down lines (the ENI's own stanza, or an `inet manual` one).
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript, configFile } from './interface-description.js'
import { IPV6_ADDRESS_PREFIX_LENGTH } from './extras-plan.js'
import {
  extrasAdd,
  extrasDel,
  ipAddrDel,
  policyRoutes6,
  policySetup,
  prefixRoute,
  prefixRuleSelector,
  ruleSelector,
  ruleSelector6,
  runtimeApply,
} from './ip.js'
import type { AddressPlan, RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'

export function debianPath(device: string): string {
  return `/etc/network/interfaces.d/60-eni-${device.replace(/[^A-Za-z0-9_-]/g, '_')}`
}

function parentStanza(plan: RenderPlan): string[] {
  const policy = plan.policy
  if (!policy) return []
  return [
    `auto ${plan.device}`,
    `iface ${plan.device} inet dhcp`,
    `    metric ${policy.metric}`,
    ...(plan.mtu === undefined
      ? []
      : [`    pre-up ip link set dev ${plan.device} mtu ${plan.mtu}`]),
    ...policySetup(plan, policy).map((line) => `    post-up ${line}`),
    ...policyRoutes6(plan, policy).map((route) => `    post-up ip -6 route replace ${route}`),
    ...prefixLines(plan),
    `    pre-down ip -4 rule del ${ruleSelector(plan.primaryIp, policy)}`,
  ]
}

/** post-up/pre-down lines of the delegated prefixes: local route, and rule on a secondary ENI. */
function prefixLines(plan: RenderPlan): string[] {
  const policy = plan.policy
  return plan.prefixes.keep.flatMap((p) => [
    `    post-up ip -${p.family} route replace ${prefixRoute(plan, p)}`,
    ...(policy ? [`    post-up ip -${p.family} rule add ${prefixRuleSelector(p, policy)}`] : []),
    ...(policy ? [`    pre-down ip -${p.family} rule del ${prefixRuleSelector(p, policy)}`] : []),
    `    pre-down ip -${p.family} route del ${prefixRoute(plan, p)}`,
  ])
}

/** The primary ENI's prefixes hang on an address-less `inet manual` stanza of the device. */
function primaryPrefixStanza(plan: RenderPlan): string[] {
  if (plan.policy || plan.prefixes.keep.length === 0) return []
  return [`iface ${plan.device} inet manual`, ...prefixLines(plan)]
}

/** One `inet6 static` stanza per IPv6 address, without DAD (ifupdown waits 60 probes by default). */
function ipv6Stanza(plan: RenderPlan, ip: string): string[] {
  const rule = plan.policy ? ruleSelector6(ip, plan.policy) : undefined
  return [
    `iface ${plan.device} inet6 static`,
    `    address ${ip}/${IPV6_ADDRESS_PREFIX_LENGTH}`,
    '    dad-attempts 0',
    ...(rule === undefined ? [] : [`    post-up ip -6 rule add ${rule}`]),
    ...(rule === undefined ? [] : [`    pre-down ip -6 rule del ${rule}`]),
  ]
}

function addressStanza(plan: RenderPlan, address: AddressPlan): string[] {
  const name = address.label ?? plan.device
  const rule = plan.policy ? ruleSelector(address.ip, plan.policy) : undefined
  return [
    ...(address.label === undefined ? [] : [`auto ${name}`]),
    `iface ${name} inet static`,
    `    address ${address.ip}`,
    `    netmask ${plan.netmask}`,
    ...(rule === undefined ? [] : [`    post-up ip -4 rule add ${rule}`]),
    ...(rule === undefined ? [] : [`    pre-down ip -4 rule del ${rule}`]),
  ]
}

function interfacesFile(plan: RenderPlan): string | undefined {
  const stanzas = [
    parentStanza(plan),
    ...plan.keep.map((a) => addressStanza(plan, a)),
    ...plan.ipv6.keep.map((ip) => ipv6Stanza(plan, ip)),
    primaryPrefixStanza(plan),
  ]
  const nonEmpty = stanzas.filter((lines) => lines.length > 0)
  return nonEmpty.length === 0 ? undefined : nonEmpty.map((s) => s.join('\n') + '\n').join('\n')
}

/**
 * ifdown needs the stanza, so revoke runs before the file is rewritten; `ip addr del` covers a
 * stanza that is already gone ("unknown interface") and the unlabelled form.
 */
function revokeLines(plan: RenderPlan, fileGone: boolean): string[] {
  const lines = plan.revoke.flatMap((address) => {
    const runtime = [
      ...(plan.policy ? [`ip -4 rule del ${ruleSelector(address.ip, plan.policy)}`] : []),
      ipAddrDel(plan, address),
    ]
    if (address.label === undefined) return runtime
    const fallback = runtime.length === 1 ? runtime[0] : `{ ${runtime.join('; ')}; }`
    return [`ifdown ${address.label} || ${fallback}`]
  })
  const all = [...lines, ...extrasDel(plan)]
  return fileGone && all.length > 0 ? [...all, `rm -f ${debianPath(plan.device)}`] : all
}

export function renderDebian(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  const content = interfacesFile(plan)
  const files = content === undefined ? [] : [configFile(debianPath(plan.device), content)]
  if (plan.mode === 'revoke') {
    const lines = revokeLines(plan, content === undefined)
    return lines.length === 0 ? files : [commandScript('revoke', 'sh', lines), ...files]
  }
  if (files.length === 0) return []
  // Labelled: ifup the ENI's own stanza (secondary ENI) and each alias. Unlabelled stanzas belong
  // to `iface <dev>`, which is already up, so they are applied at runtime instead.
  // A secondary ENI's `ifup` also runs its inet6 stanzas and post-up lines; the primary ENI is up
  // already, so its IPv6 addresses and prefixes are applied at runtime.
  const lines = plan.labelled
    ? [
        ...(plan.policy ? [`ifup ${plan.device}`] : []),
        ...plan.keep.map((a) => `ifup ${a.label ?? plan.device}`),
        ...(plan.policy ? [] : extrasAdd(plan)),
      ]
    : runtimeApply(plan, false)
  return [...files, commandScript('add', 'sh', lines)]
}
