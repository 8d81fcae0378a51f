// Target `nm-keyfile` (CLI `rhel-nm`): the whole NetworkManager keyfile profile of the device
// (spec §7), DHCP primary with the secondaries as static addresses next to the lease, applied by
// `nmcli connection reload` + `nmcli device reapply` (no re-activation, spec P24). A secondary
// ENI gets never-default, its table routes and routing rules (spec §13). Labels cannot be
// expressed in NetworkManager, so none are written. The file is 0600 (NetworkManager ignores
// keyfiles readable by others). `uuid=` is kept when given; otherwise NetworkManager derives
// one from the file path.
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript, configFile } from './interface-description.js'
import type { RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'

export function nmKeyfilePath(device: string): string {
  return `/etc/NetworkManager/system-connections/${device}.nmconnection`
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
  const ipv4 = [
    '',
    '[ipv4]',
    'method=auto',
    ...plan.keep.map((a, i) => `address${i + 1}=${a.ip}/${plan.prefixLength}`),
  ]
  const policy = plan.policy
  if (policy) {
    ipv4.push(
      'never-default=true',
      `route1=0.0.0.0/0,${plan.gateway}`,
      `route1_options=table=${policy.table}`,
      `route2=${plan.vswitchCidr}`,
      `route2_options=table=${policy.table}`,
      ...[plan.primaryIp, ...plan.keep.map((a) => a.ip)].map(
        (ip, i) =>
          `routing-rule${i + 1}=priority ${policy.priority} from ${ip}/32 table ${policy.table}`,
      ),
    )
  }
  return [...connection, ...ethernet, ...ipv4, '', '[ipv6]', 'method=ignore'].join('\n') + '\n'
}

export function renderNmKeyfile(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  return [
    configFile(nmKeyfilePath(plan.device), keyfile(plan), 0o600),
    commandScript(plan.mode, 'sh', [
      'nmcli connection reload',
      `nmcli device reapply ${plan.device}`,
    ]),
  ]
}
