// Target `networkd` (spec §11, §13). The primary ENI gets a drop-in next to the `.network` file
// that matches it, assumed to be /etc/systemd/network/10-<dev>.network: one [Address] section per
// address with Label=, never Gateway=. A secondary ENI gets that `.network` file itself, matched
// by MAC: DHCP with a demoted route metric, its addresses, table routes and
// [RoutingPolicyRule]s, all in networkd files because networkd removes foreign routes and rules
// (P14). Applied with `networkctl reload` (systemd ≥ 244). IPv6 addresses carry
// DuplicateAddressDetection=none; delegated prefixes are `Type=local` routes.
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript, configFile } from './interface-description.js'
import { leftoverDel } from './ip.js'
import type { RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'
import { IPV6_ADDRESS_PREFIX_LENGTH } from './extras-plan.js'
import { revokesAnything } from './ipv6-dad.js'

export function networkdPath(plan: Pick<RenderPlan, 'device' | 'policy'>): string {
  const network = `/etc/systemd/network/10-${plan.device}.network`
  return plan.policy ? network : `${network}.d/60-secondary-ips.conf`
}

function sections(plan: RenderPlan): string[][] {
  const addresses = [
    ...plan.keep.map((a) => [
      '[Address]',
      `Address=${a.ip}/${plan.prefixLength}`,
      ...(a.label === undefined ? [] : [`Label=${a.label}`]),
    ]),
    // networkd ≥ 240: no DAD for the VPC's unique addresses
    ...plan.ipv6.keep.map((ip) => [
      '[Address]',
      `Address=${ip}/${IPV6_ADDRESS_PREFIX_LENGTH}`,
      'DuplicateAddressDetection=none',
    ]),
  ]
  const prefixRoutes = plan.prefixes.keep.map((p) => [
    '[Route]',
    `Destination=${p.cidr}`,
    'Type=local',
  ])
  const policy = plan.policy
  if (!policy) return [...addresses, ...prefixRoutes]
  const { cidr, gateway } = plan.ipv6
  const routes6 =
    cidr === undefined || gateway === undefined
      ? []
      : [
          ['[Route]', `Gateway=${gateway}`, `Table=${policy.table}`],
          ['[Route]', `Destination=${cidr}`, `Table=${policy.table}`],
        ]
  const rule = (from: string) => [
    '[RoutingPolicyRule]',
    `From=${from}`,
    `Table=${policy.table}`,
    `Priority=${policy.priority}`,
  ]
  return [
    ['[Match]', `MACAddress=${plan.mac}`],
    ...(plan.mtu === undefined ? [] : [['[Link]', `MTUBytes=${plan.mtu}`]]),
    ['[Network]', 'DHCP=ipv4'],
    ['[DHCPv4]', `RouteMetric=${policy.metric}`],
    ...addresses,
    ['[Route]', `Gateway=${plan.gateway}`, `Table=${policy.table}`],
    ['[Route]', `Destination=${plan.vswitchCidr}`, 'Scope=link', `Table=${policy.table}`],
    ...routes6,
    ...prefixRoutes,
    ...[plan.primaryIp, ...plan.keep.map((a) => a.ip)].map((ip) => rule(`${ip}/32`)),
    ...plan.ipv6.keep.map((ip) => rule(`${ip}/128`)),
    ...plan.prefixes.keep.map((p) => rule(p.cidr)),
  ]
}

export function renderNetworkd(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  const parts = sections(plan)
  const path = networkdPath(plan)
  const file =
    parts.length === 0
      ? undefined
      : configFile(path, parts.map((s) => s.join('\n')).join('\n\n') + '\n')
  if (plan.mode === 'add') {
    return file === undefined ? [] : [file, commandScript('add', 'sh', ['networkctl reload'])]
  }
  if (!revokesAnything(plan)) return file === undefined ? [] : [file]
  // Verify after the reload: older networkd keeps an address dropped from its config (P15).
  const lines = ['networkctl reload', ...leftoverDel(plan)]
  if (file === undefined) return [commandScript('revoke', 'sh', [`rm -f ${path}`, ...lines])]
  return [file, commandScript('revoke', 'sh', lines)]
}
