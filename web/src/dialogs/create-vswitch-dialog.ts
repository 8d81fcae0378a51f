// Create vSwitch (Alibaba's console name): a VPC, a zone, an IPv4 CIDR block inside the VPC's,
// when the VPC has IPv6 the index (0–255) of the vSwitch's /64 inside the VPC's /56 (checked as
// you type), and a name → CreateVSwitch. ENIs and instances get their addresses from a vSwitch.
import { listVSwitches, listVpcs } from '../catalog-queries.js'
import { callAction, describeError } from '../console-api.js'
import { h } from '../element.js'
import { ipv6BlockAt, ipv6IndexProblem, suggestIpv6Index } from '../vswitch-ipv6-index.js'
import type { Vpc } from '../wire-types.js'
import { checkField, fillSelect, formField, openFormDialog } from './form-dialog.js'

export function openCreateVSwitchDialog(opts: { vpcId?: string; onCreated(): void }): void {
  const vpcSelect = h('select', { disabled: true }, h('option', { value: '' }, 'Loading…'))
  const zoneSelect = h('select', { disabled: true }, h('option', { value: '' }, 'Loading…'))
  const cidr = h('input', { spellcheck: 'false', autocomplete: 'off' })
  const name = h('input', { maxlength: '128', placeholder: 'Optional' })
  const cidrField = formField('IPv4 CIDR block', cidr, 'Inside the VPC’s block, mask 16–29.')
  const ipv6 = h('input', { type: 'checkbox' })
  const ipv6Index = h('input', {
    inputmode: 'numeric',
    spellcheck: 'false',
    autocomplete: 'off',
    class: 'input-short',
  })
  const ipv6IndexField = formField('IPv6 /64 index (0–255)', ipv6Index, '')
  const ipv6Error = h('p', { class: 'field-error', id: `${ipv6Index.id}-error` })
  ipv6IndexField.append(ipv6Error)
  ipv6Index.setAttribute('aria-describedby', `${ipv6Index.id}-hint ${ipv6Error.id}`)
  const ipv6Note = h('p', { class: 'field-hint', 'data-role': 'vpc-no-ipv6' })
  const ipv6Check = checkField('Enable IPv6', ipv6)
  const ipv6Area = h('div', { class: 'ipv6-area' }, ipv6Check, ipv6IndexField, ipv6Note)
  const modal = openFormDialog({
    title: 'Create vSwitch',
    submitLabel: 'Create vSwitch',
    fields: [
      formField('VPC', vpcSelect),
      formField('Zone', zoneSelect),
      cidrField,
      ipv6Area,
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
      const problem = ipv6Problem()
      if (problem !== undefined) {
        ipv6Index.focus()
        return problem
      }
      return undefined
    },
    run: async () => {
      const res = await callAction<{ VSwitchId?: string }>('CreateVSwitch', {
        VpcId: vpcSelect.value,
        ZoneId: zoneSelect.value,
        CidrBlock: cidr.value.trim(),
        VSwitchName: name.value.trim() || undefined,
        Ipv6CidrBlock: ipv6Wanted() ? Number(ipv6Index.value.trim()) : undefined,
      })
      return `Created vSwitch ${res.VSwitchId ?? ''}.`
    },
    onDone: () => opts.onCreated(),
  })

  let vpcs: Vpc[] = []
  /** The /64s of the chosen VPC's vSwitches, with their IDs. */
  let takenIpv6 = new Map<string, string>()
  const chosenVpc = () => vpcs.find((v) => v.VpcId === vpcSelect.value)
  const ipv6Wanted = () => ipv6.checked && (chosenVpc()?.Ipv6CidrBlock ?? '') !== ''
  const ipv6Problem = (): string | undefined =>
    ipv6Wanted()
      ? ipv6IndexProblem(ipv6Index.value, chosenVpc()?.Ipv6CidrBlock ?? '', takenIpv6)
      : undefined
  /** Shows the IPv6 fields for a VPC with IPv6 (else why not) and checks the index. */
  const showIpv6 = (): void => {
    const vpcBlock = chosenVpc()?.Ipv6CidrBlock ?? ''
    ipv6Check.hidden = vpcBlock === ''
    ipv6IndexField.hidden = vpcBlock === '' || !ipv6.checked
    ipv6Note.hidden = vpcBlock !== '' || chosenVpc() === undefined
    ipv6Note.textContent =
      chosenVpc() === undefined
        ? ''
        : 'This VPC has no IPv6 block, so its vSwitches have none. Create VPC with Enable IPv6 for a dual-stack vSwitch.'
    const problem = ipv6Problem()
    ipv6Error.textContent = problem ?? ''
    ipv6Index.setAttribute('aria-invalid', String(problem !== undefined))
    const index = Number(ipv6Index.value.trim())
    const block = problem === undefined ? ipv6BlockAt(vpcBlock, index) : undefined
    const hint = ipv6IndexField.querySelector('.field-hint')
    if (hint !== null) {
      hint.textContent =
        block === undefined
          ? `Which /64 of the VPC’s ${vpcBlock} this vSwitch takes.`
          : `This vSwitch’s IPv6 CIDR: ${block} (a /64 of ${vpcBlock}).`
    }
  }
  showIpv6()
  ipv6.addEventListener('change', showIpv6)
  ipv6Index.addEventListener('input', () => {
    delete ipv6Index.dataset['suggested']
    showIpv6()
  })
  const suggest = async (): Promise<void> => {
    const vpc = chosenVpc()
    if (vpc === undefined) return showIpv6()
    const siblings = await listVSwitches({ VpcId: vpc.VpcId })
    const taken = siblings.map((v) => v.CidrBlock)
    takenIpv6 = new Map(
      siblings.filter((v) => v.Ipv6CidrBlock !== '').map((v) => [v.Ipv6CidrBlock, v.VSwitchId]),
    )
    const index = suggestIpv6Index(vpc.Ipv6CidrBlock, takenIpv6)
    // A suggestion lands only in an empty or still-suggested field; if the user is in that field
    // it is selected, so what they type replaces it instead of being appended to it.
    const place = (field: HTMLInputElement, value: string) => {
      field.value = value
      field.dataset['suggested'] = value
      if (document.activeElement === field) field.select()
    }
    if (
      index !== undefined &&
      (ipv6Index.value === '' || ipv6Index.dataset['suggested'] !== undefined)
    ) {
      place(ipv6Index, String(index))
    }
    showIpv6()
    const next = suggestBlock(vpc.CidrBlock, taken)
    const untouched = cidr.value === '' || cidr.dataset['suggested'] === cidr.value
    if (next !== undefined && untouched) place(cidr, next)
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
        vpcs.map((v) => [
          v.VpcId,
          `${v.VpcName || v.VpcId} · ${v.CidrBlock}${v.Ipv6CidrBlock ? ' · IPv6' : ''}`,
        ]),
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
