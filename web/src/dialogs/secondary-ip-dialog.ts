// The "Manage Secondary Private IP Address" dialog, as the product document walks it: it shows
// the ENI's IPv4 Private CIDR (its vSwitch CIDR) and current secondary addresses (each can be
// marked for removal); "Assign New IP" adds one row per click, holding a typed address (checked
// as you type) or nothing (automatic); "Modify" applies the plan (secondary-ip-plan.ts) and
// shows which steps were applied, the addresses the system picked, and any error's Code.
import { addressProblem } from '../address-checks.js'
import { findVSwitch } from '../catalog-queries.js'
import { callAction, describeError } from '../console-api.js'
import { h, replaceChildren, uid } from '../element.js'
import { openModal } from '../widgets/modal.js'
import { statusBadge } from '../widgets/status-badge.js'
import { secondaryIpsOf, type NetworkInterface } from '../wire-types.js'
import { limitSentence, loadIpLimit, remainingAfter, type IpLimit } from './secondary-ip-limit.js'
import { renderOutcomes } from './secondary-ip-outcomes.js'
import { applySteps, planSteps } from './secondary-ip-plan.js'

interface NewRow {
  readonly key: string
  value: string
  input?: HTMLInputElement
  error?: HTMLElement
}

export function openSecondaryIpDialog(eniId: string, opts: { onChanged(): void }): void {
  const summary = h('dl', { class: 'summary-grid' })
  const limitLine = h('p', { class: 'ip-limit', 'data-role': 'ip-limit', hidden: true })
  const current = h('div', { class: 'ip-editor' })
  const result = h('div', { class: 'ip-result', role: 'status', 'aria-live': 'polite' })
  const loadError = h('p', { class: 'form-error', role: 'alert', hidden: true })
  const addButton = h(
    'button',
    { type: 'button', class: 'btn btn-add', disabled: true },
    '+ Assign New IP',
  )
  const modal = openModal(
    { title: 'Manage Secondary Private IP Address', subtitle: eniId, size: 'wide' },
    loadError,
    summary,
    limitLine,
    h('h3', { class: 'section-title' }, 'Secondary private IP addresses'),
    current,
    addButton,
    h(
      'p',
      { class: 'field-hint' },
      'Enter an address inside the IPv4 Private CIDR, or leave a row blank and the system picks a free address at random.',
    ),
    result,
  )
  const closeButton = h(
    'button',
    { type: 'button', class: 'btn', onclick: () => modal.close() },
    'Cancel',
  )
  const modifyButton = h(
    'button',
    { type: 'button', class: 'btn btn-primary', disabled: true },
    'Modify',
  )
  modal.footer.append(closeButton, modifyButton)

  let eni: NetworkInterface | undefined
  let cidr = ''
  let existing: string[] = []
  const removals = new Set<string>()
  let rows: NewRow[] = []
  let fresh = new Set<string>()
  let busy = false
  let changed = false
  let limit: IpLimit | undefined

  async function load(): Promise<void> {
    try {
      eni = await callAction<NetworkInterface>('DescribeNetworkInterfaceAttribute', {
        NetworkInterfaceId: eniId,
      })
      const vsw = await findVSwitch(eni.VSwitchId)
      cidr = vsw?.CidrBlock ?? ''
      existing = secondaryIpsOf(eni)
      for (const ip of [...removals]) if (!existing.includes(ip)) removals.delete(ip)
      renderSummary(eni)
      limit = await loadIpLimit(eni).catch(() => undefined)
      addButton.disabled = false
      renderEditor()
      modal.settleFocus()
    } catch (e: unknown) {
      const { code, message } = describeError(e)
      loadError.textContent = `${code}: ${message}`
      loadError.hidden = false
    }
  }

  function renderSummary(ni: NetworkInterface): void {
    const item = (term: string, ...value: Array<Node | string>) =>
      h('div', null, h('dt', null, term), h('dd', null, ...value))
    replaceChildren(
      summary,
      item(
        'IPv4 Private CIDR',
        h('span', { class: 'mono', 'data-role': 'cidr' }, cidr || 'unknown'),
      ),
      item('Primary private IP', h('span', { class: 'mono' }, ni.PrivateIpAddress)),
      item('Status', statusBadge(ni.Status)),
      item('vSwitch', h('span', { class: 'mono' }, ni.VSwitchId)),
    )
  }

  function renderEditor(): void {
    const existingItems = existing.map((ip) => {
      const marked = removals.has(ip)
      const toggle = h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          'aria-label': marked ? `Keep ${ip}` : `Remove ${ip}`,
          'aria-pressed': String(marked),
        },
        marked ? 'Undo' : 'Remove',
      )
      toggle.addEventListener('click', () => {
        if (marked) removals.delete(ip)
        else removals.add(ip)
        renderEditor()
        current
          .querySelector<HTMLElement>(`[aria-label="${marked ? 'Remove' : 'Keep'} ${ip}"]`)
          ?.focus()
      })
      return h(
        'li',
        { class: `ip-row ${marked ? 'ip-row-removed' : ''}`, 'data-ip': ip },
        h('span', { class: 'mono ip-value' }, ip),
        fresh.has(ip) ? h('span', { class: 'tag tag-new' }, 'New') : null,
        marked ? h('span', { class: 'tag tag-remove' }, 'Will be removed') : null,
        h('span', { class: 'ip-row-spacer' }),
        toggle,
      )
    })
    const newItems = rows.map((row, index) => {
      const inputId = `${row.key}-input`
      const input = h('input', {
        id: inputId,
        value: row.value,
        spellcheck: 'false',
        autocomplete: 'off',
        placeholder: 'Automatic (leave blank)',
        'aria-describedby': `${row.key}-error`,
      })
      const error = h('p', { class: 'field-error', id: `${row.key}-error` })
      row.input = input
      row.error = error
      input.addEventListener('input', () => {
        row.value = input.value
        validate()
      })
      const removeRow = h(
        'button',
        { type: 'button', class: 'link-button', 'aria-label': `Remove new IP row ${index + 1}` },
        'Remove',
      )
      removeRow.addEventListener('click', () => {
        rows = rows.filter((r) => r !== row)
        renderEditor()
        ;(rows[Math.min(index, rows.length - 1)]?.input ?? addButton).focus()
      })
      return h(
        'li',
        { class: 'ip-row ip-row-new', 'data-role': 'new-ip-row' },
        h('label', { for: inputId, class: 'ip-row-label' }, `New IP ${index + 1}`),
        h('div', { class: 'ip-row-field' }, input, error),
        removeRow,
      )
    })
    const empty =
      existingItems.length === 0 && newItems.length === 0
        ? h('li', { class: 'ip-row muted' }, 'No secondary private IP address yet.')
        : null
    replaceChildren(current, h('ul', { class: 'ip-rows' }, empty, ...existingItems, ...newItems))
    validate()
  }

  /** Checks every row against the CIDR, the ENI's addresses and the rows above it. */
  function validate(): boolean {
    let ok = true
    const taken = new Map<string, string>()
    if (eni !== undefined) taken.set(eni.PrivateIpAddress, "this ENI's primary address")
    for (const ip of existing) taken.set(ip, 'assigned to this ENI')
    rows.forEach((row, index) => {
      const text = row.value.trim()
      const problem = text === '' ? undefined : addressProblem(text, { cidrText: cidr, taken })
      if (text !== '' && !taken.has(text)) taken.set(text, `typed in New IP ${index + 1}`)
      if (row.error !== undefined) row.error.textContent = problem ?? ''
      row.input?.setAttribute('aria-invalid', String(problem !== undefined))
      if (problem !== undefined) ok = false
    })
    ok = showLimit() && ok
    modifyButton.disabled = busy || !ok || (rows.length === 0 && removals.size === 0)
    return ok
  }

  /** The limit line; stops offering rows past the limit. False when the plan is over it. */
  function showLimit(): boolean {
    if (limit === undefined) return true
    const counts = { assigned: existing.length, removing: removals.size, adding: rows.length }
    const remaining = remainingAfter(limit, counts)
    limitLine.textContent = limitSentence(limit, counts)
    limitLine.hidden = false
    limitLine.dataset['full'] = String(remaining <= 0)
    limitLine.dataset['remaining'] = String(remaining)
    addButton.disabled = eni === undefined || remaining <= 0
    return remaining >= 0
  }

  addButton.addEventListener('click', () => {
    rows.push({ key: uid('new-ip'), value: '' })
    renderEditor()
    rows[rows.length - 1]?.input?.focus()
  })

  modifyButton.addEventListener('click', () => {
    if (!validate() || eni === undefined) return
    const typed = rows.map((r) => r.value.trim()).filter((v) => v !== '')
    const steps = planSteps({
      eniId,
      removals: existing.filter((ip) => removals.has(ip)),
      typed,
      automatic: rows.length - typed.length,
    })
    busy = true
    modifyButton.disabled = true
    modifyButton.textContent = 'Modifying…'
    replaceChildren(result, h('p', { class: 'muted' }, 'Applying changes…'))
    void applySteps(steps, callAction, describeError).then(async (outcomes) => {
      changed = changed || outcomes.some((o) => o.status === 'applied')
      fresh = new Set(outcomes.flatMap((o) => (o.status === 'applied' ? o.assigned : [])))
      // Rows whose step was applied are done; rows of failed or skipped steps stay to be fixed.
      const pending = new Set(
        outcomes.filter((o) => o.status !== 'applied').map((o) => o.step.kind),
      )
      rows = rows.filter((r) =>
        r.value.trim() === '' ? pending.has('automatic') : pending.has('assign'),
      )
      if (!pending.has('unassign')) removals.clear()
      busy = false
      modifyButton.textContent = 'Modify'
      closeButton.textContent = 'Close'
      await load()
      replaceChildren(result, renderOutcomes(outcomes))
      result.querySelector<HTMLElement>('h3')?.focus()
      if (changed) opts.onChanged()
    })
  })

  void load()
}
