// Target `nm-keyfile` (CLI `rhel-nm`): the whole NetworkManager keyfile profile of the device
// (spec §7), DHCP primary with the secondaries as static addresses next to the lease, applied by
// `nmcli connection reload` + `nmcli device reapply` (no re-activation, spec P24). A secondary
// ENI gets never-default, its table routes and routing rules (spec §13). Labels cannot be
// expressed in NetworkManager, so none are written. The file is 0600 (NetworkManager ignores
// keyfiles readable by others). `uuid=` is kept when given; otherwise NetworkManager derives
// one from the file path. IPv6 addresses go to [ipv6] next to RA (`method=auto`), with DAD off
// by sysctl; delegated prefixes are `type=local` routes (NetworkManager ≥ 1.20).
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript, configFile } from './interface-description.js'
import type { RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'
import { IPV6_ADDRESS_PREFIX_LENGTH } from './extras-plan.js'
import { dadSysctlFile, dadSysctlLoad } from './ipv6-dad.js'

export function nmKeyfilePath(device: string): string {
  return `/etc/NetworkManager/system-connections/${device}.nmconnection`
}

/** `routeN`/`routeN_options` lines from N = 1, and `routing-ruleN` lines. */
function routeLines(routes: readonly (readonly [string, string])[], rules: readonly string[]) {
  return [
    ...routes.flatMap(([route, options], i) => [
      `route${i + 1}=${route}`,
      `route${i + 1}_options=${options}`,
    ]),
    ...rules.map((rule, i) => `routing-rule${i + 1}=${rule}`),
  ]
}

function ipv4Section(plan: RenderPlan): string[] {
  const policy = plan.policy
  const prefixes = plan.prefixes.keep.filter((p) => p.family === 4)
  const routes: [string, string][] = [
    ...(policy
      ? ([
          [`0.0.0.0/0,${plan.gateway}`, `table=${policy.table}`],
          [plan.vswitchCidr, `table=${policy.table}`],
        ] as [string, string][])
      : []),
    ...prefixes.map((p): [string, string] => [p.cidr, 'type=local']),
  ]
  const rule = (from: string) =>
    policy ? `priority ${policy.priority} from ${from} table ${policy.table}` : ''
  const rules = policy
    ? [
        ...[plan.primaryIp, ...plan.keep.map((a) => a.ip)].map((ip) => rule(`${ip}/32`)),
        ...prefixes.map((p) => rule(p.cidr)),
      ]
    : []
  return [
    '',
    '[ipv4]',
    'method=auto',
    ...plan.keep.map((a, i) => `address${i + 1}=${a.ip}/${plan.prefixLength}`),
    ...(policy ? ['never-default=true'] : []),
    ...routeLines(routes, rules),
  ]
}

/** Static IPv6 addresses next to RA/DHCPv6 (`method=auto`); `ignore` when the ENI has none. */
function ipv6Section(plan: RenderPlan): string[] {
  const prefixes = plan.prefixes.keep.filter((p) => p.family === 6)
  if (plan.ipv6.keep.length === 0 && prefixes.length === 0) return ['', '[ipv6]', 'method=ignore']
  const policy = plan.policy
  const { cidr, gateway } = plan.ipv6
  const routes: [string, string][] = [
    ...(policy && cidr !== undefined && gateway !== undefined
      ? ([
          [`::/0,${gateway}`, `table=${policy.table}`],
          [cidr, `table=${policy.table}`],
        ] as [string, string][])
      : []),
    ...prefixes.map((p): [string, string] => [p.cidr, 'type=local']),
  ]
  const rule = (from: string) =>
    policy ? `priority ${policy.priority} from ${from} table ${policy.table}` : ''
  const rules = policy
    ? [...plan.ipv6.keep.map((ip) => rule(`${ip}/128`)), ...prefixes.map((p) => rule(p.cidr))]
    : []
  return [
    '',
    '[ipv6]',
    'method=auto',
    ...plan.ipv6.keep.map((ip, i) => `address${i + 1}=${ip}/${IPV6_ADDRESS_PREFIX_LENGTH}`),
    ...(policy ? ['never-default=true'] : []),
    ...routeLines(routes, rules),
  ]
}

function keyfile(plan: RenderPlan): string {
  const connection = [
    '[connection]',
    `id=${plan.device}`,
    ...(plan.nmConnectionUuid === undefined ? [] : [`uuid=${plan.nmConnectionUuid}`]),
    'type=ethernet',
    `interface-name=${plan.device}`,
  ]
  const ethernet = plan.mtu === undefined ? [] : ['', '[ethernet]', `mtu=${plan.mtu}`]
  return [...connection, ...ethernet, ...ipv4Section(plan), ...ipv6Section(plan)].join('\n') + '\n'
}

export function renderNmKeyfile(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  return [
    configFile(nmKeyfilePath(plan.device), keyfile(plan), 0o600),
    ...dadSysctlFile(plan),
    commandScript(plan.mode, 'sh', [
      ...dadSysctlLoad(plan),
      'nmcli connection reload',
      `nmcli device reapply ${plan.device}`,
    ]),
  ]
}
