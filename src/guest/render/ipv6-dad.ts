// Duplicate-address detection off for a device with IPv6 addresses (the VPC guarantees that an
// address is unique, and DAD would hold each new address tentative for a second or more). The
// runtime `ip -6 addr add … nodad` needs nothing else; for stacks that add addresses themselves
// (NetworkManager, netplan/networkd at boot, wicked, initscripts) a sysctl.d drop-in sets
// accept_dad=0 on the device, loaded by the apply script and at every boot.
import type { RenderedFile } from './interface-description.js'
import { configFile } from './interface-description.js'
import type { RenderPlan } from './render-plan.js'

export function sysctlPath(device: string): string {
  return `/etc/sysctl.d/60-eni-${device}.conf`
}

/** True when the request touches IPv6 addresses or IPv6 prefixes at all. */
export function hasIpv6(plan: RenderPlan): boolean {
  return plan.ipv6.cidr !== undefined
}

/** True when the request touches IPv6 or prefixes (what the IPv4-only forms cannot carry). */
export function hasExtras(plan: RenderPlan): boolean {
  return hasIpv6(plan) || plan.prefixes.keep.length + plan.prefixes.revoke.length > 0
}

/** The sysctl key (a `.` in a device name is spelt `/`). */
export function dadKey(plan: RenderPlan): string {
  return `net.ipv6.conf.${plan.device.replaceAll('.', '/')}.accept_dad`
}

/** The drop-in, when the ENI keeps IPv6 addresses. */
export function dadSysctlFile(plan: RenderPlan): RenderedFile[] {
  if (plan.ipv6.keep.length === 0) return []
  return [configFile(sysctlPath(plan.device), `${dadKey(plan)} = 0\n`)]
}

/** The apply-script line that loads the drop-in now (empty without one). */
export function dadSysctlLoad(plan: RenderPlan): string[] {
  return plan.ipv6.keep.length === 0 ? [] : [`sysctl -q -p ${sysctlPath(plan.device)}`]
}

/** True when a revoke request removes anything (IPv4, IPv6 or a prefix). */
export function revokesAnything(plan: RenderPlan): boolean {
  return plan.revoke.length + plan.ipv6.revoke.length + plan.prefixes.revoke.length > 0
}
