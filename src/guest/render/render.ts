// Entry point of the pure guest renderers: dispatch on the target, pick the target for an image's
// OS family, print the result for the CLI. See interface-description.ts for the output rule.
import { renderDebian } from './debian.js'
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { renderIp } from './ip.js'
import { renderNetplan } from './netplan.js'
import { renderNetsh } from './netsh.js'
import { renderNetworkd } from './networkd.js'
import { renderNmKeyfile } from './nm-keyfile.js'
import { renderNmcli } from './nmcli.js'
import { renderRhel } from './rhel.js'
import { renderRhelIpaddrn } from './rhel-ipaddrn.js'
import { renderSles } from './sles.js'
import { renderWindows } from './windows.js'

export type GuestOs =
  | 'rhel'
  | 'rhel-nm'
  | 'debian'
  | 'sles'
  | 'netplan'
  | 'networkd'
  | 'windows'
  | 'ip'
  | 'rhel-ipaddrn'
  | 'nm-keyfile'
  | 'nmcli'
  | 'netsh'

export interface GuestOsTarget {
  readonly os: GuestOs
  readonly description: string
}

/** Every target, the CLI's `--os` values first. */
export const GUEST_OS_TARGETS: readonly GuestOsTarget[] = [
  { os: 'rhel', description: 'CentOS/RHEL 6-7 initscripts: ifcfg-eth0:N alias files (no GATEWAY)' },
  {
    os: 'rhel-nm',
    description: 'Alibaba Cloud Linux 3/RHEL 8+: NetworkManager keyfile + nmcli reapply',
  },
  {
    os: 'debian',
    description: 'Debian/Ubuntu ifupdown: eth0:N stanzas in /etc/network/interfaces.d',
  },
  {
    os: 'sles',
    description: "SLES/openSUSE wicked: IPADDR_N='a.b.c.d/len' + LABEL_N in ifcfg-eth0",
  },
  { os: 'netplan', description: 'Ubuntu 18.04+/Debian 12: netplan file beside cloud-init' },
  { os: 'networkd', description: 'systemd-networkd: [Address] drop-in / .network file' },
  { os: 'windows', description: 'Windows Server: PowerShell New-NetIPAddress -SkipAsSource' },
  { os: 'ip', description: 'any Linux: runtime iproute2 commands (lost on reboot)' },
  { os: 'rhel-ipaddrn', description: 'RHEL ifcfg-eth0 with contiguous IPADDRn/PREFIXn' },
  { os: 'nm-keyfile', description: 'NetworkManager keyfile + nmcli reapply (same as rhel-nm)' },
  { os: 'nmcli', description: 'NetworkManager: nmcli connection modify + device reapply' },
  { os: 'netsh', description: 'Windows Server: netsh interface ipv4 ... skipassource=true' },
]

/** The values `eniplane guest-config --os` accepts. */
export const CLI_GUEST_OS: readonly GuestOs[] = [
  'rhel',
  'rhel-nm',
  'debian',
  'sles',
  'netplan',
  'networkd',
  'windows',
  'ip',
]

const RENDERERS: Readonly<Record<GuestOs, (req: RenderRequest) => RenderedFile[]>> = {
  rhel: renderRhel,
  'rhel-nm': renderNmKeyfile,
  debian: renderDebian,
  sles: renderSles,
  netplan: renderNetplan,
  networkd: renderNetworkd,
  windows: renderWindows,
  ip: renderIp,
  'rhel-ipaddrn': renderRhelIpaddrn,
  'nm-keyfile': renderNmKeyfile,
  nmcli: renderNmcli,
  netsh: renderNetsh,
}

export function isGuestOs(value: string): value is GuestOs {
  return Object.hasOwn(RENDERERS, value)
}

/** Throws RangeError on input that must not reach a file or script (see render-plan.ts). */
export function renderGuestConfig(os: GuestOs, req: RenderRequest): RenderedFile[] {
  return RENDERERS[os](req)
}

const FAMILIES: Readonly<Record<string, GuestOs>> = {
  aliyun: 'rhel-nm',
  centos: 'rhel',
  ubuntu: 'netplan',
  // Alibaba's Debian 12 images are configured through netplan (spec §10).
  debian: 'netplan',
  sles: 'sles',
  opensuse: 'sles',
  windows: 'windows',
}

/** Target for an image OS family; unknown families get runtime `ip` (spec §2, last row). */
export function guestOsForFamily(family: string): GuestOs {
  const key = family.trim().toLowerCase()
  return Object.hasOwn(FAMILIES, key) ? (FAMILIES[key] ?? 'ip') : 'ip'
}

/** Each entry as a `# <path>` line followed by its content, entries separated by a blank line. */
export function renderAsText(files: readonly RenderedFile[]): string {
  return files.map((file) => `# ${file.path}\n${file.content}`).join('\n')
}
