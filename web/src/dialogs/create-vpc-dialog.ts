// Create VPC (Alibaba's console name): an IPv4 CIDR block, IPv6 on or off, and a name → CreateVpc
// (EnableIpv6 gives the VPC a /56 from the server's pool). The VPC is Pending for a moment, then
// Available; vSwitches go inside it.
import { callAction } from '../console-api.js'
import { h } from '../element.js'
import { checkField, formField, openFormDialog } from './form-dialog.js'

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/

export function openCreateVpcDialog(opts: { onCreated(): void }): void {
  const cidr = h('input', { value: '192.168.0.0/16', spellcheck: 'false', autocomplete: 'off' })
  const name = h('input', { maxlength: '128', placeholder: 'Optional' })
  const ipv6 = h('input', { type: 'checkbox' })
  openFormDialog({
    title: 'Create VPC',
    submitLabel: 'Create VPC',
    fields: [
      formField(
        'IPv4 CIDR block',
        cidr,
        'A private range such as 192.168.0.0/16, 172.16.0.0/12 or 10.0.0.0/8 (mask 8–28). vSwitches take their blocks from it.',
      ),
      checkField(
        'Enable IPv6',
        ipv6,
        'The VPC gets an IPv6 /56 (BGP); each vSwitch can then take a /64 of it, and ENIs in that vSwitch IPv6 addresses and /80 prefixes.',
      ),
      formField('VPC name', name),
    ],
    check: () => {
      if (!CIDR.test(cidr.value.trim())) {
        cidr.focus()
        return 'Enter the IPv4 CIDR block as address/mask, for example 192.168.0.0/16.'
      }
      return undefined
    },
    run: async () => {
      const res = await callAction<{ VpcId?: string }>('CreateVpc', {
        CidrBlock: cidr.value.trim(),
        VpcName: name.value.trim() || undefined,
        EnableIpv6: ipv6.checked ? true : undefined,
      })
      return `Created VPC ${res.VpcId ?? ''}${ipv6.checked ? ' with IPv6' : ''}. Next: Create vSwitch in it.`
    },
    onDone: () => opts.onCreated(),
  })
}
