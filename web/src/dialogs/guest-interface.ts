// The renderers' InterfaceDescription for one ENI, from DescribeNetworkInterfaceAttribute and its
// vSwitch (DescribeVSwitches): device `eth<DeviceIndex>`, the vSwitch prefix and netmask, and the
// gateway (third-from-last address of the CIDR). The renderers (src/guest/render) are pure and
// DOM-agnostic, so the console bundles the very code the CLI and agent use.
import type { InterfaceDescription } from '../../../src/guest/render/index.js'
import { gatewayOf, parseCidr, prefixToNetmask } from '../address-checks.js'
import { secondaryIpsOf, type NetworkInterface, type VSwitch } from '../wire-types.js'

/** Alibaba's resolvers (metadata `dns-conf/nameservers`). */
const NAMESERVERS = ['100.100.2.136', '100.100.2.138']

export interface GuestInterface {
  readonly iface: InterfaceDescription
  /** False when the ENI is not attached: the device index (and name) are assumed. */
  readonly attached: boolean
}

export function guestInterfaceOf(eni: NetworkInterface, vsw: VSwitch): GuestInterface {
  const cidr = parseCidr(vsw.CidrBlock)
  if (cidr === undefined) throw new Error(`The vSwitch CIDR ${vsw.CidrBlock} is not valid.`)
  const attached = eni.Attachment !== undefined
  const deviceIndex = eni.Attachment?.DeviceIndex ?? (eni.Type === 'Primary' ? 0 : 1)
  return {
    attached,
    iface: {
      deviceName: `eth${deviceIndex}`,
      deviceIndex,
      macAddress: eni.MacAddress,
      primaryIp: eni.PrivateIpAddress,
      secondaryIps: secondaryIpsOf(eni),
      prefixLength: cidr.prefixLength,
      netmask: prefixToNetmask(cidr.prefixLength),
      gateway: gatewayOf(cidr),
      vswitchCidr: vsw.CidrBlock,
      nameservers: NAMESERVERS,
    },
  }
}

/** The renderer target for an image such as `ubuntu_22_04_x64_20G_alibase_….vhd`. */
export function familyOfImage(imageId: string | undefined): string {
  const head = (imageId ?? '').split('_', 1)[0]?.toLowerCase() ?? ''
  return head.startsWith('win') ? 'windows' : head
}
