// Create vSwitch (Alibaba's console name): a VPC, a zone, an IPv4 CIDR block inside the VPC's and
// a name → CreateVSwitch. ENIs and instances get their addresses from a vSwitch.
import { listVSwitches, listVpcs } from '../catalog-queries.js'
import { callAction, describeError } from '../console-api.js'
import { h } from '../element.js'
import type { Vpc } from '../wire-types.js'
import { fillSelect, formField, openFormDialog } from './form-dialog.js'

export function openCreateVSwitchDialog(opts: { vpcId?: string; onCreated(): void }): void {
  const vpcSelect = h('select', { disabled: true }, h('option', { value: '' }, 'Loading…'))
  const zoneSelect = h('select', { disabled: true }, h('option', { value: '' }, 'Loading…'))
  const cidr = h('input', { spellcheck: 'false', autocomplete: 'off' })
  const name = h('input', { maxlength: '128', placeholder: 'Optional' })
  const cidrField = formField('IPv4 CIDR block', cidr, 'Inside the VPC’s block, mask 16–29.')
  const modal = openFormDialog({
    title: 'Create vSwitch',
    submitLabel: 'Create vSwitch',
    fields: [
      formField('VPC', vpcSelect),
      formField('Zone', zoneSelect),
      cidrField,
      formField('vSwitch name', name),
    ],
    check: () => {
      if (vpcSelect.value === '') {
        vpcSelect.focus()
        return 'Choose a VPC (Create VPC first if there is none).'
      }
      if (cidr.value.trim() === '') {
        cidr.focus()
        return 'Enter the IPv4 CIDR block, for example 192.168.1.0/24.'
      }
      return undefined
    },
    run: async () => {
      const res = await callAction<{ VSwitchId?: string }>('CreateVSwitch', {
        VpcId: vpcSelect.value,
        ZoneId: zoneSelect.value,
        CidrBlock: cidr.value.trim(),
        VSwitchName: name.value.trim() || undefined,
      })
      return `Created vSwitch ${res.VSwitchId ?? ''}.`
    },
    onDone: () => opts.onCreated(),
  })

  let vpcs: Vpc[] = []
  const suggest = async (): Promise<void> => {
    const vpc = vpcs.find((v) => v.VpcId === vpcSelect.value)
    if (vpc === undefined) return
    const taken = (await listVSwitches({ VpcId: vpc.VpcId })).map((v) => v.CidrBlock)
    const next = suggestBlock(vpc.CidrBlock, taken)
    if (next !== undefined && (cidr.value === '' || cidr.dataset['suggested'] === cidr.value)) {
      cidr.value = next
      cidr.dataset['suggested'] = next
    }
    const hint = cidrField.querySelector('.field-hint')
    if (hint !== null) {
      hint.textContent = `Inside ${vpc.CidrBlock}, mask 16–29; not overlapping ${taken.length === 0 ? 'another vSwitch' : taken.join(', ')}.`
    }
  }
  Promise.all([
    listVpcs(),
    callAction<{ Zones: { Zone: Array<{ ZoneId: string }> } }>('DescribeZones'),
  ])
    .then(async ([list, zones]) => {
      vpcs = list.filter((v) => v.Status === 'Available')
      fillSelect(
        vpcSelect,
        vpcs.map((v) => [v.VpcId, `${v.VpcName || v.VpcId} · ${v.CidrBlock}`]),
        'No available VPC: Create VPC first',
        opts.vpcId,
      )
      fillSelect(
        zoneSelect,
        zones.Zones.Zone.map((z) => [z.ZoneId, z.ZoneId]),
        'No zone',
      )
      await suggest()
      modal.settleFocus()
    })
    .catch((e: unknown) => {
      const { code, message } = describeError(e)
      modal.body.prepend(h('p', { class: 'form-error', role: 'alert' }, `${code}: ${message}`))
    })
  vpcSelect.addEventListener('change', () => void suggest())
}

/** The first /24 inside a /8–/23 VPC block that no vSwitch uses (10.0.0.0/8 → 10.0.1.0/24). */
export function suggestBlock(vpcCidr: string, taken: readonly string[]): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(vpcCidr)
  if (m === null) return undefined
  const prefix = Number(m[5])
  if (prefix > 23) return undefined
  const base = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8)) >>> 0
  const count = 2 ** (24 - prefix)
  for (let i = 1; i < Math.min(count, 256); i++) {
    const n = base + i * 256
    const text = `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.0/24`
    if (!taken.includes(text)) return text
  }
  return undefined
}
