// Create VPC (Alibaba's console name): an IPv4 CIDR block and a name → CreateVpc. The VPC is
// Pending for a moment, then Available; vSwitches go inside it.
import { callAction } from '../console-api.js'
import { h } from '../element.js'
import { formField, openFormDialog } from './form-dialog.js'

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/

export function openCreateVpcDialog(opts: { onCreated(): void }): void {
  const cidr = h('input', { value: '192.168.0.0/16', spellcheck: 'false', autocomplete: 'off' })
  const name = h('input', { maxlength: '128', placeholder: 'Optional' })
  openFormDialog({
    title: 'Create VPC',
    submitLabel: 'Create VPC',
    fields: [
      formField(
        'IPv4 CIDR block',
        cidr,
        'A private range such as 192.168.0.0/16, 172.16.0.0/12 or 10.0.0.0/8 (mask 8–28). vSwitches take their blocks from it.',
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
      })
      return `Created VPC ${res.VpcId ?? ''}. Next: Create vSwitch in it.`
    },
    onDone: () => opts.onCreated(),
  })
}
