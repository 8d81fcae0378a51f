// Create Instance (Alibaba's console name): a vSwitch, a security group of its VPC, an instance
// type (shown with the per-ENI private IP quantity that limits secondary addresses), an image, a
// name and how many → RunInstances. Instances start Pending, then Running.
import { listSecurityGroups, listVSwitches } from '../catalog-queries.js'
import { callAction, describeError } from '../console-api.js'
import { h } from '../element.js'
import type { VSwitch } from '../wire-types.js'
import { fillSelect, formField, openFormDialog } from './form-dialog.js'

interface InstanceTypeRow {
  readonly InstanceTypeId: string
  readonly CpuCoreCount: number
  readonly MemorySize: number
  readonly EniQuantity: number
  readonly EniPrivateIpAddressQuantity: number
}

const DEFAULT_TYPE = 'ecs.g7.large'

export function openCreateInstanceDialog(opts: { onCreated(): void }): void {
  const loading = () => h('option', { value: '' }, 'Loading…')
  const vswSelect = h('select', { disabled: true }, loading())
  const sgSelect = h('select', { disabled: true }, loading())
  const typeSelect = h('select', { disabled: true }, loading())
  const imageSelect = h('select', { disabled: true }, loading())
  const name = h('input', { maxlength: '128', placeholder: 'Optional' })
  const amount = h('input', { type: 'number', min: '1', max: '10', value: '1' })
  const modal = openFormDialog({
    title: 'Create Instance',
    submitLabel: 'Create Instance',
    fields: [
      formField('vSwitch', vswSelect, 'The primary ENI gets a free address of this vSwitch.'),
      formField('Security group', sgSelect),
      formField(
        'Instance type',
        typeSelect,
        'Private IPs per ENI (primary included) limit how many secondary addresses an attached ENI can hold.',
      ),
      formField('Image', imageSelect),
      formField('Instance name', name),
      formField('Quantity', amount, '1 to 10 instances.'),
    ],
    check: () => {
      if (vswSelect.value === '' || sgSelect.value === '') {
        ;(vswSelect.value === '' ? vswSelect : sgSelect).focus()
        return 'Choose a vSwitch and a security group (create them on the VPCs and vSwitches and Security Groups pages).'
      }
      const n = Number(amount.value)
      if (!Number.isInteger(n) || n < 1 || n > 10) {
        amount.focus()
        return 'Quantity is a whole number from 1 to 10.'
      }
      return undefined
    },
    run: async () => {
      const res = await callAction<{ InstanceIdSets?: { InstanceIdSet?: string[] } }>(
        'RunInstances',
        {
          VSwitchId: vswSelect.value,
          SecurityGroupId: sgSelect.value,
          InstanceType: typeSelect.value,
          ImageId: imageSelect.value,
          InstanceName: name.value.trim() || undefined,
          Amount: Number(amount.value),
        },
      )
      return `Created ${(res.InstanceIdSets?.InstanceIdSet ?? []).join(', ')}.`
    },
    onDone: () => opts.onCreated(),
  })

  let vswitches: VSwitch[] = []
  const showError = (e: unknown) => {
    const { code, message } = describeError(e)
    modal.body.prepend(h('p', { class: 'form-error', role: 'alert' }, `${code}: ${message}`))
  }
  const loadGroups = async (): Promise<void> => {
    const vsw = vswitches.find((v) => v.VSwitchId === vswSelect.value)
    if (vsw === undefined) return fillSelect(sgSelect, [], 'Choose a vSwitch first')
    const groups = await listSecurityGroups(vsw.VpcId)
    fillSelect(
      sgSelect,
      groups.map((g) => [
        g.SecurityGroupId,
        g.SecurityGroupName ? `${g.SecurityGroupName} · ${g.SecurityGroupId}` : g.SecurityGroupId,
      ]),
      `No security group in ${vsw.VpcId}: Create Security Group first`,
    )
  }
  Promise.all([
    listVSwitches(),
    callAction<{ InstanceTypes: { InstanceType: InstanceTypeRow[] } }>('DescribeInstanceTypes'),
    callAction<{ Images: { Image: Array<{ ImageId: string; OSName: string }> } }>(
      'DescribeImages',
      {
        PageSize: 100,
      },
    ),
  ])
    .then(async ([list, types, images]) => {
      vswitches = list.filter((v) => v.Status === 'Available')
      fillSelect(
        vswSelect,
        vswitches.map((v) => [
          v.VSwitchId,
          `${v.VSwitchName || v.VSwitchId} · ${v.CidrBlock} · ${v.ZoneId}`,
        ]),
        'No available vSwitch: Create vSwitch first',
      )
      fillSelect(
        typeSelect,
        types.InstanceTypes.InstanceType.map((t) => [
          t.InstanceTypeId,
          `${t.InstanceTypeId} · ${t.CpuCoreCount} vCPU · ${t.MemorySize} GiB · ${t.EniQuantity} ENIs · ${t.EniPrivateIpAddressQuantity} private IPs per ENI`,
        ]),
        'No instance type',
        DEFAULT_TYPE,
      )
      fillSelect(
        imageSelect,
        images.Images.Image.map((i) => [i.ImageId, `${i.OSName} · ${i.ImageId}`]),
        'No image',
      )
      await loadGroups()
      modal.settleFocus()
    })
    .catch(showError)
  vswSelect.addEventListener('change', () => void loadGroups().catch(showError))
}
