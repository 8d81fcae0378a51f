// Target `windows`: PowerShell (spec §12). The adapter is found by MAC, never by name. Step 1
// turns a DHCP primary into the same static address first, because adding an address switches
// DHCP off (P19). Secondaries get no gateway (P21) and SkipAsSource so Windows never picks them
// as source address nor registers them in DNS (P20). Windows is strong-host: a secondary ENI
// needs no policy routing, only its own default route with a higher metric (1000 + index, as
// Alibaba's manual uses for eth1/eth2).
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript } from './interface-description.js'
import type { RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'
import { IPV6_ADDRESS_PREFIX_LENGTH } from './extras-plan.js'
import { revokesAnything } from './ipv6-dad.js'

export function windowsMac(mac: string): string {
  return mac.toUpperCase().replace(/:/g, '-')
}

/** Metric of a secondary ENI's default route (the primary keeps the automatic metric). */
export function windowsGatewayMetric(plan: RenderPlan): number {
  return 1000 + plan.deviceIndex
}

function findAdapter(plan: RenderPlan): string[] {
  const mac = windowsMac(plan.mac)
  return [
    `$nic = Get-NetAdapter | Where-Object { $_.MacAddress -eq '${mac}' }`,
    `if (-not $nic) { throw 'no network adapter with MAC ${mac}' }`,
    '$i = $nic.ifIndex',
  ]
}

function makeStatic(plan: RenderPlan): string[] {
  const primary = `  New-NetIPAddress -InterfaceIndex $i -IPAddress ${plan.primaryIp} -PrefixLength ${plan.prefixLength}`
  const route = plan.policy
    ? [
        primary,
        `  New-NetRoute -InterfaceIndex $i -DestinationPrefix 0.0.0.0/0 -NextHop ${plan.gateway} -RouteMetric ${windowsGatewayMetric(plan)}`,
      ]
    : [`${primary} -DefaultGateway ${plan.gateway}`]
  const dns =
    plan.policy || plan.nameservers.length === 0
      ? []
      : [
          `  Set-DnsClientServerAddress -InterfaceIndex $i -ServerAddresses ${plan.nameservers.join(',')}`,
        ]
  return [
    `if ((Get-NetIPInterface -InterfaceIndex $i -AddressFamily IPv4).Dhcp -eq 'Enabled') {`,
    '  Set-NetIPInterface -InterfaceIndex $i -AddressFamily IPv4 -Dhcp Disabled',
    '  Get-NetRoute -InterfaceIndex $i -DestinationPrefix 0.0.0.0/0 -ErrorAction SilentlyContinue |',
    '    Remove-NetRoute -Confirm:$false',
    ...route,
    ...dns,
    '}',
  ]
}

/**
 * IPv6: DAD off on the adapter (the VPC guarantees uniqueness), each address with the /64 (all but
 * the lowest SkipAsSource, so the adapter keeps one IPv6 source), a secondary ENI's default route
 * with its own metric. Windows has no local-range route, so a delegated prefix is named only.
 */
function ipv6Lines(plan: RenderPlan): string[] {
  const lines: string[] = []
  if (plan.ipv6.keep.length > 0) {
    lines.push('Set-NetIPInterface -InterfaceIndex $i -AddressFamily IPv6 -DadTransmits 0')
  }
  plan.ipv6.keep.forEach((ip, n) => {
    const skip = n === 0 ? '' : ' -SkipAsSource $true'
    lines.push(
      `New-NetIPAddress -InterfaceIndex $i -AddressFamily IPv6 -IPAddress ${ip} -PrefixLength ${IPV6_ADDRESS_PREFIX_LENGTH}${skip}`,
    )
  })
  const gateway = plan.ipv6.gateway
  if (plan.policy && gateway !== undefined && plan.ipv6.keep.length > 0) {
    lines.push(
      `New-NetRoute -InterfaceIndex $i -DestinationPrefix ::/0 -NextHop ${gateway} -RouteMetric ${windowsGatewayMetric(plan)}`,
    )
  }
  return [...lines, ...prefixNotes(plan, '#')]
}

/** Comment lines naming the delegated prefixes (for containers or VMs behind the adapter). */
export function prefixNotes(plan: RenderPlan, comment: string): string[] {
  return plan.prefixes.keep.map(
    (p) =>
      `${comment} prefix ${p.cidr} is delegated to this adapter: Windows has no local-range route; assign its addresses to containers/VMs or add them one by one`,
  )
}

export function renderWindows(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  if (plan.mode === 'revoke') {
    if (!revokesAnything(plan)) return []
    const removals = [...plan.revoke.map((a) => a.ip), ...plan.ipv6.revoke].map(
      (ip) => `Remove-NetIPAddress -InterfaceIndex $i -IPAddress ${ip} -Confirm:$false`,
    )
    const released = plan.prefixes.revoke.map((p) => `# prefix ${p.cidr} is no longer delegated`)
    return [commandScript('revoke', 'ps1', [...findAdapter(plan), ...removals, ...released])]
  }
  const v6 = ipv6Lines(plan)
  if (!plan.policy && plan.keep.length === 0 && v6.length === 0) return []
  const additions = plan.keep.map(
    (a) =>
      `New-NetIPAddress -InterfaceIndex $i -IPAddress ${a.ip} -PrefixLength ${plan.prefixLength} -SkipAsSource $true`,
  )
  // Only an IPv4 address added next to DHCP switches DHCP off (P19).
  const toStatic = plan.policy || plan.keep.length > 0 ? makeStatic(plan) : []
  return [commandScript('add', 'ps1', [...findAdapter(plan), ...toStatic, ...additions, ...v6])]
}
