// Create ENI: vSwitch, security group (of the vSwitch's VPC), optional primary IP (checked against
// the vSwitch CIDR as you type) and optional name → CreateNetworkInterface.
import { addressProblem } from '../address-checks.js'
import { listSecurityGroups, listVSwitches } from '../catalog-queries.js'
import { callAction, describeError } from '../console-api.js'
import { h, uid } from '../element.js'
import { openModal } from '../widgets/modal.js'
import { notify } from '../widgets/notices.js'
import type { VSwitch } from '../wire-types.js'

const NAME_PATTERN = /^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5:_.-]{1,127}$/

export function openCreateEniDialog(opts: { onCreated(): void }): void {
  const ids = { vsw: uid('eni-vsw'), sg: uid('eni-sg'), ip: uid('eni-ip'), name: uid('eni-name') }
  const vswSelect = h(
    'select',
    { id: ids.vsw, required: true },
    h('option', { value: '' }, 'Loading…'),
  )
  const sgSelect = h(
    'select',
    { id: ids.sg, required: true, disabled: true },
    h('option', { value: '' }, 'Choose a vSwitch first'),
  )
  const ipInput = h('input', {
    id: ids.ip,
    spellcheck: 'false',
    placeholder: 'Automatic',
    'aria-describedby': `${ids.ip}-hint ${ids.ip}-error`,
  })
  const ipHint = h(
    'p',
    { class: 'field-hint', id: `${ids.ip}-hint` },
    'Leave blank to pick a free address automatically.',
  )
  const ipError = h('p', { class: 'field-error', id: `${ids.ip}-error` })
  const nameInput = h('input', {
    id: ids.name,
    maxlength: '128',
    'aria-describedby': `${ids.name}-error`,
  })
  const nameError = h('p', { class: 'field-error', id: `${ids.name}-error` })
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true })
  const field = (id: string, label: string, ...rest: HTMLElement[]) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), ...rest)
  const form = h(
    'form',
    { id: uid('create-eni'), novalidate: true },
    field(ids.vsw, 'vSwitch', vswSelect),
    field(ids.sg, 'Security group', sgSelect),
    field(ids.ip, 'Primary private IP (optional)', ipInput, ipHint, ipError),
    field(ids.name, 'Name (optional)', nameInput, nameError),
    error,
  )
  const modal = openModal({ title: 'Create ENI' }, form)
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', form: form.id }, 'Create')
  modal.footer.append(
    h('button', { type: 'button', class: 'btn', onclick: () => modal.close() }, 'Cancel'),
    submit,
  )

  let vswitches: VSwitch[] = []
  const selected = () => vswitches.find((v) => v.VSwitchId === vswSelect.value)

  listVSwitches()
    .then((list) => {
      vswitches = list.filter((v) => v.Status === 'Available')
      vswSelect.replaceChildren(
        h(
          'option',
          { value: '' },
          vswitches.length === 0
            ? 'No available vSwitch: Create VPC and Create vSwitch first (VPCs and vSwitches page)'
            : 'Choose a vSwitch',
        ),
        ...vswitches.map((v) =>
          h(
            'option',
            { value: v.VSwitchId },
            `${v.VSwitchName || v.VSwitchId} · ${v.CidrBlock} · ${v.ZoneId} · ${v.AvailableIpAddressCount} free`,
          ),
        ),
      )
      if (vswitches.length === 1) {
        vswSelect.value = vswitches[0]?.VSwitchId ?? ''
        void loadGroups()
      }
    })
    .catch((e: unknown) => showError(e))

  async function loadGroups(): Promise<void> {
    const vsw = selected()
    sgSelect.disabled = true
    if (vsw === undefined) return
    sgSelect.replaceChildren(h('option', { value: '' }, 'Loading…'))
    try {
      const groups = await listSecurityGroups(vsw.VpcId)
      sgSelect.replaceChildren(
        h(
          'option',
          { value: '' },
          groups.length === 0 ? `No security group in ${vsw.VpcId}` : 'Choose a security group',
        ),
        ...groups.map((g) =>
          h(
            'option',
            { value: g.SecurityGroupId },
            g.SecurityGroupName
              ? `${g.SecurityGroupName} · ${g.SecurityGroupId}`
              : g.SecurityGroupId,
          ),
        ),
      )
      sgSelect.disabled = groups.length === 0
      if (groups.length === 1) sgSelect.value = groups[0]?.SecurityGroupId ?? ''
    } catch (e: unknown) {
      showError(e)
    }
    checkIp()
  }

  function checkIp(): boolean {
    const vsw = selected()
    const text = ipInput.value.trim()
    const problem =
      text === '' || vsw === undefined
        ? undefined
        : addressProblem(text, { cidrText: vsw.CidrBlock, taken: new Map() })
    ipError.textContent = problem ?? ''
    ipInput.setAttribute('aria-invalid', String(problem !== undefined))
    if (vsw !== undefined)
      ipHint.textContent = `Inside ${vsw.CidrBlock}; leave blank to pick a free address automatically.`
    return problem === undefined
  }

  function checkName(): boolean {
    const text = nameInput.value.trim()
    const ok = text === '' || (NAME_PATTERN.test(text) && !/^https?:\/\//.test(text))
    nameError.textContent = ok
      ? ''
      : '2–128 characters: start with a letter; then letters, digits, colons, underscores, periods or hyphens.'
    nameInput.setAttribute('aria-invalid', String(!ok))
    return ok
  }

  function showError(e: unknown): void {
    const { code, message } = describeError(e)
    error.textContent = `${code}: ${message}`
    error.hidden = false
  }

  vswSelect.addEventListener('change', () => void loadGroups())
  ipInput.addEventListener('input', checkIp)
  nameInput.addEventListener('input', checkName)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    error.hidden = true
    if (vswSelect.value === '' || sgSelect.value === '') {
      error.textContent = 'Choose a vSwitch and a security group.'
      error.hidden = false
      ;(vswSelect.value === '' ? vswSelect : sgSelect).focus()
      return
    }
    if (!checkIp()) return ipInput.focus()
    if (!checkName()) return nameInput.focus()
    submit.disabled = true
    callAction<{ NetworkInterfaceId?: string }>('CreateNetworkInterface', {
      VSwitchId: vswSelect.value,
      SecurityGroupId: sgSelect.value,
      PrimaryIpAddress: ipInput.value.trim() || undefined,
      NetworkInterfaceName: nameInput.value.trim() || undefined,
    })
      .then((res) => {
        notify(`Created ${res.NetworkInterfaceId ?? 'the ENI'}.`)
        modal.close()
        opts.onCreated()
      })
      .catch((e: unknown) => {
        showError(e)
        submit.disabled = false
      })
  })
}
