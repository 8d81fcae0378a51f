// Target `netsh`: cmd.exe script (spec §12). netsh addresses adapters by connection name, so the
// script states which MAC that name must belong to (`windowsAdapterName` overrides the default
// `Ethernet` / `Ethernet <n+1>`). `set address ... source=static` makes the primary static in one
// command (P19) and resets the adapter to that one address, after which the secondaries are
// added again with skipassource=true (P20) and without gateway (P21). A secondary ENI's gateway
// gets its own metric (gwmetric); Windows needs no policy routing.
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript } from './interface-description.js'
import type { RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'
import { revokesAnything } from './ipv6-dad.js'
import { IPV6_ADDRESS_PREFIX_LENGTH } from './extras-plan.js'
import { prefixNotes, windowsGatewayMetric, windowsMac } from './windows.js'

function makeStatic(plan: RenderPlan, name: string): string[] {
  const metric = plan.policy ? ` gwmetric=${windowsGatewayMetric(plan)}` : ''
  const dns = plan.policy ? [] : plan.nameservers
  return [
    `netsh interface ipv4 set address name=${name} source=static address=${plan.primaryIp} mask=${plan.netmask} gateway=${plan.gateway}${metric}`,
    ...dns.map((ip, n) =>
      n === 0
        ? `netsh interface ipv4 set dnsservers name=${name} source=static address=${ip} register=primary validate=no`
        : `netsh interface ipv4 add dnsservers name=${name} address=${ip} index=${n + 1} validate=no`,
    ),
  ]
}

/** IPv6 addresses without DAD (all but the lowest skipassource), a secondary ENI's route. */
function ipv6Lines(plan: RenderPlan, name: string): string[] {
  const lines: string[] = []
  if (plan.ipv6.keep.length > 0) {
    lines.push(`netsh interface ipv6 set interface interface=${name} dadtransmits=0`)
  }
  plan.ipv6.keep.forEach((ip, n) => {
    const skip = n === 0 ? '' : ' skipassource=true'
    lines.push(
      `netsh interface ipv6 add address interface=${name} address=${ip}/${IPV6_ADDRESS_PREFIX_LENGTH}${skip}`,
    )
  })
  const gateway = plan.ipv6.gateway
  if (plan.policy && gateway !== undefined && plan.ipv6.keep.length > 0) {
    lines.push(
      `netsh interface ipv6 add route prefix=::/0 interface=${name} nexthop=${gateway} metric=${windowsGatewayMetric(plan)}`,
    )
  }
  return [...lines, ...prefixNotes(plan, 'rem')]
}

export function renderNetsh(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  const name = `"${plan.windowsAdapterName}"`
  const header = `rem adapter ${name} must be the one with MAC ${windowsMac(plan.mac)} (getmac /v)`
  if (plan.mode === 'revoke') {
    if (!revokesAnything(plan)) return []
    const removals = [
      ...plan.revoke.map((a) => `netsh interface ipv4 delete address name=${name} address=${a.ip}`),
      ...plan.ipv6.revoke.map(
        (ip) => `netsh interface ipv6 delete address interface=${name} address=${ip}`,
      ),
      ...plan.prefixes.revoke.map((p) => `rem prefix ${p.cidr} is no longer delegated`),
    ]
    return [commandScript('revoke', 'cmd', [header, ...removals])]
  }
  const v6 = ipv6Lines(plan, name)
  if (!plan.policy && plan.keep.length === 0 && v6.length === 0) return []
  const additions = plan.keep.map(
    (a) =>
      `netsh interface ipv4 add address name=${name} address=${a.ip} mask=${plan.netmask} skipassource=true`,
  )
  const toStatic = plan.policy || plan.keep.length > 0 ? makeStatic(plan, name) : []
  return [commandScript('add', 'cmd', [header, ...toStatic, ...additions, ...v6])]
}
