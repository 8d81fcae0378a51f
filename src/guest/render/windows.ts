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

export function renderWindows(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  if (plan.mode === 'revoke') {
    if (plan.revoke.length === 0) return []
    const removals = plan.revoke.map(
      (a) => `Remove-NetIPAddress -InterfaceIndex $i -IPAddress ${a.ip} -Confirm:$false`,
    )
    return [commandScript('revoke', 'ps1', [...findAdapter(plan), ...removals])]
  }
  if (!plan.policy && plan.keep.length === 0) return []
  const additions = plan.keep.map(
    (a) =>
      `New-NetIPAddress -InterfaceIndex $i -IPAddress ${a.ip} -PrefixLength ${plan.prefixLength} -SkipAsSource $true`,
  )
  return [commandScript('add', 'ps1', [...findAdapter(plan), ...makeStatic(plan), ...additions])]
}
