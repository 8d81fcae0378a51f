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
import { windowsGatewayMetric, windowsMac } from './windows.js'

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

export function renderNetsh(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  const name = `"${plan.windowsAdapterName}"`
  const header = `rem adapter ${name} must be the one with MAC ${windowsMac(plan.mac)} (getmac /v)`
  if (plan.mode === 'revoke') {
    if (plan.revoke.length === 0) return []
    const removals = plan.revoke.map(
      (a) => `netsh interface ipv4 delete address name=${name} address=${a.ip}`,
    )
    return [commandScript('revoke', 'cmd', [header, ...removals])]
  }
  if (!plan.policy && plan.keep.length === 0) return []
  const additions = plan.keep.map(
    (a) =>
      `netsh interface ipv4 add address name=${name} address=${a.ip} mask=${plan.netmask} skipassource=true`,
  )
  return [commandScript('add', 'cmd', [header, ...makeStatic(plan, name), ...additions])]
}
