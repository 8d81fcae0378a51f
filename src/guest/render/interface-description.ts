// Input and output types of the guest renderers (spec/guest-os.md §0, §15.4).
//
// Output rule, shared by every renderer:
// - A renderer returns `RenderedFile[]` in EXECUTION ORDER: process the entries one after the
//   other, writing each `mode: 'file'` entry and running each `mode: 'commands'` entry.
// - `mode: 'file'`: `path` is absolute; `content` is the complete file, to be written by
//   temp file + rename (spec §0.3 rule 6), with `fileMode` when given (0o600 for netplan and
//   NetworkManager keyfiles). Unchanged files may be skipped (compare before write).
// - `mode: 'commands'`: `path` is a relative script name that never lands in a config
//   directory: `apply.*` in `add` mode, `revoke.*` in `revoke` mode; `.sh` is POSIX shell run as
//   root, `.ps1` is PowerShell, `.cmd` is cmd.exe. Files that must disappear are removed by an
//   `rm -f` inside such a script, so `content` is never empty or null.
// - Usually files come first and the script applies them. Where the apply step needs the old
//   definition (ifupdown `ifdown eth0:1`, initscripts `ifdown eth0:1`) the revoke script comes
//   first and the rewritten files after it.
// - An `add` for the primary ENI with no secondary address renders nothing for the targets that
//   only add addresses (ip, nmcli, windows, netsh, rhel, debian, netplan, networkd).

/** What the renderers need to know about one ENI as the guest sees it. */
export interface InterfaceDescription {
  /** Guest interface name, e.g. `eth0`, `eth1` (1..15 characters). */
  readonly deviceName: string
  /** 0 = primary ENI; secondary ENIs (> 0) get source-based policy routing (spec §13). */
  readonly deviceIndex: number
  /** `00:16:3e:00:00:01`; either case, colons. */
  readonly macAddress: string
  readonly primaryIp: string
  /** Secondary private IPs that stay (or become) configured; order and duplicates do not matter. */
  readonly secondaryIps: readonly string[]
  /** vSwitch prefix length; every address is configured with it (spec §0.3 rule 1). */
  readonly prefixLength: number
  /** Dotted form of `prefixLength`; must agree with it. */
  readonly netmask: string
  readonly gateway: string
  /** vSwitch CIDR (`vswitch-cidr-block`); every address must lie inside it. */
  readonly vswitchCidr: string
  /** Policy-routing table of a secondary ENI; default 1000 + deviceIndex. */
  readonly routeTable?: number
  /** Priority of its `from <ip>/32` rules; default 20000 + deviceIndex. */
  readonly rulePriority?: number
  /** Applied only where the renderer owns the whole link definition. */
  readonly mtu?: number
  /** DNS servers (`dns-conf/nameservers`); primary ENI only, where its primary is made static. */
  readonly nameservers?: readonly string[]
  /**
   * Alias suffixes already in use (the agent's ledger): address → N of `eth0:N`. Addresses not
   * listed get the lowest free suffix, in numeric address order (spec §0.3 rule 4).
   */
  readonly aliasIndexes?: Readonly<Record<string, number>>
  /** `uuid=` of an existing NetworkManager profile to keep; omitted when unknown. */
  readonly nmConnectionUuid?: string
  /** Windows connection name for netsh; default `Ethernet` (index 0), else `Ethernet <n+1>`. */
  readonly windowsAdapterName?: string
  /**
   * IPv6 addresses of the ENI (`ipv6s`) that stay (or become) configured, each with the vSwitch
   * /64 and without duplicate-address detection (the VPC guarantees uniqueness).
   */
  readonly ipv6Addresses?: readonly string[]
  /** vSwitch IPv6 CIDR (`vswitch-ipv6-cidr-block`), a /64; required with any IPv6 input. */
  readonly vswitchIpv6Cidr?: string
  /** `ipv6-gateway`; required for IPv6 on a secondary ENI (its table's default route). */
  readonly ipv6Gateway?: string
  /** IPv4 /28 prefixes delegated to the ENI, inside `vswitchCidr`. */
  readonly ipv4Prefixes?: readonly string[]
  /** IPv6 /80 prefixes delegated to the ENI, inside `vswitchIpv6Cidr`. */
  readonly ipv6Prefixes?: readonly string[]
}

export interface RenderRequest {
  readonly iface: InterfaceDescription
  /** `add`: make `secondaryIps` present. `revoke`: remove `revoked`, keep the rest. */
  readonly mode: 'add' | 'revoke'
  /**
   * What is being removed (revoke mode only): IPv4 and IPv6 addresses and IPv4/IPv6 prefixes
   * (`a.b.c.d/28`, `x::/80`). They may or may not still be in the kept lists.
   */
  readonly revoked?: readonly string[]
}

export interface RenderedFile {
  readonly path: string
  readonly content: string
  readonly mode: 'file' | 'commands'
  /** Permission bits for `mode: 'file'` when they matter (e.g. 0o600). */
  readonly fileMode?: number
}

export function configFile(path: string, content: string, fileMode?: number): RenderedFile {
  return fileMode === undefined
    ? { path, content, mode: 'file' }
    : { path, content, mode: 'file', fileMode }
}

/** A script entry from its lines; `ext` is `sh`, `ps1` or `cmd`. */
export function commandScript(
  mode: RenderRequest['mode'],
  ext: 'sh' | 'ps1' | 'cmd',
  lines: readonly string[],
): RenderedFile {
  const name = mode === 'add' ? 'apply' : 'revoke'
  return { path: `${name}.${ext}`, content: lines.join('\n') + '\n', mode: 'commands' }
}
