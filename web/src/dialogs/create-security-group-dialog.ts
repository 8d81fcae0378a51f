// Create Security Group (Alibaba's console name): a VPC, a name and the type → CreateSecurityGroup.
// A basic (normal) group holds 2,000 private IP addresses across its members.
import { listVpcs } from '../catalog-queries.js'
import { callAction, describeError } from '../console-api.js'
import { h } from '../element.js'
import { fillSelect, formField, openFormDialog } from './form-dialog.js'

export function openCreateSecurityGroupDialog(opts: { onCreated(): void }): void {
  const vpcSelect = h('select', { disabled: true }, h('option', { value: '' }, 'Loading…'))
  const name = h('input', { maxlength: '128', placeholder: 'Optional' })
  const type = h(
    'select',
    null,
    h('option', { value: 'normal' }, 'Basic security group (normal)'),
    h('option', { value: 'enterprise' }, 'Advanced security group (enterprise)'),
  )
  const modal = openFormDialog({
    title: 'Create Security Group',
    submitLabel: 'Create Security Group',
    fields: [
      formField('VPC', vpcSelect, 'ENIs and instances of this VPC can join the group.'),
      formField('Security group name', name),
      formField(
        'Security group type',
        type,
        'Every private IP address of the member ENIs counts against the group: 2,000 at most (an advanced group under quota profile current: 65,536).',
      ),
    ],
    check: () => {
      if (vpcSelect.value !== '') return undefined
      vpcSelect.focus()
      return 'Choose a VPC (Create VPC first if there is none).'
    },
    run: async () => {
      const res = await callAction<{ SecurityGroupId?: string }>('CreateSecurityGroup', {
        VpcId: vpcSelect.value,
        SecurityGroupName: name.value.trim() || undefined,
        SecurityGroupType: type.value,
      })
      return `Created security group ${res.SecurityGroupId ?? ''}.`
    },
    onDone: () => opts.onCreated(),
  })
  listVpcs()
    .then((vpcs) => {
      fillSelect(
        vpcSelect,
        vpcs
          .filter((v) => v.Status === 'Available')
          .map((v) => [v.VpcId, `${v.VpcName || v.VpcId} · ${v.CidrBlock}`]),
        'No available VPC: Create VPC first',
      )
      modal.settleFocus()
    })
    .catch((e: unknown) => {
      const { code, message } = describeError(e)
      modal.body.prepend(h('p', { class: 'form-error', role: 'alert' }, `${code}: ${message}`))
    })
}
