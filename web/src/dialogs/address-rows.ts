// One list of the Manage dialog (secondary IPv4 addresses, /28 prefixes, IPv6 addresses or /80
// prefixes): the ENI's current items, each of which can be marked for removal, and new rows added
// one per click, each holding a typed value (checked as you type by the dialog) or nothing
// (automatic). The dialog owns the checks (manage-ip-checks.ts) and the limits; this owns the rows
// and their focus.
import { h, replaceChildren, uid } from '../element.js'
import type { ItemKind, StepKind } from './secondary-ip-plan.js'

export interface AddressRowsSpec {
  readonly item: ItemKind
  readonly title: string
  /** The add button's text (its accessible name). */
  readonly addLabel: string
  /** New rows are labelled `${rowLabel} 1`, `${rowLabel} 2`, … */
  readonly rowLabel: string
  /** `data-role` of each new row. */
  readonly rowRole: string
  /** Remove buttons of new rows are named `Remove new ${rowNoun} row N`. */
  readonly rowNoun: string
  readonly emptyText: string
  readonly placeholder: string
  readonly hint: string
}

interface NewRow {
  readonly key: string
  value: string
  input?: HTMLInputElement
  error?: HTMLElement
}

export interface AddressRows {
  readonly element: HTMLElement
  readonly addButton: HTMLButtonElement
  /** The ENI's current items (in display order) and the ones just assigned. */
  setExisting(existing: readonly string[], fresh: ReadonlySet<string>): void
  readonly existing: () => readonly string[]
  readonly removals: () => string[]
  /** Trimmed values of the rows with a typed value. */
  readonly typed: () => string[]
  /** Rows left blank. */
  readonly automatic: () => number
  readonly rowCount: () => number
  /** Every new row's trimmed value in order (`''`: blank, automatic). */
  readonly values: () => string[]
  /** Shows each row's problem (or none); false when any row has one. */
  showProblems(problems: ReadonlyArray<string | undefined>): boolean
  /** After Modify: rows and marks whose step applied are done; the rest stay for a retry. */
  settle(pending: ReadonlySet<string>): void
}

export function addressRows(spec: AddressRowsSpec, onChange: () => void): AddressRows {
  const list = h('div', { class: 'ip-editor' })
  const addButton = h(
    'button',
    { type: 'button', class: 'btn btn-add', disabled: true },
    spec.addLabel,
  )
  const titleId = uid('ip-section')
  const element = h(
    'section',
    { class: 'ip-section', 'data-section': spec.item, 'aria-labelledby': titleId },
    h('h3', { class: 'section-title', id: titleId }, spec.title),
    list,
    addButton,
    h('p', { class: 'field-hint' }, spec.hint),
  )
  let existing: readonly string[] = []
  let fresh: ReadonlySet<string> = new Set()
  const marked = new Set<string>()
  let rows: NewRow[] = []

  function render(): void {
    const existingItems = existing.map((value) => {
      const isMarked = marked.has(value)
      const toggle = h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          'aria-label': isMarked ? `Keep ${value}` : `Remove ${value}`,
          'aria-pressed': String(isMarked),
        },
        isMarked ? 'Undo' : 'Remove',
      )
      toggle.addEventListener('click', () => {
        if (isMarked) marked.delete(value)
        else marked.add(value)
        render()
        list
          .querySelector<HTMLElement>(
            `[aria-label="${CSS.escape(`${isMarked ? 'Remove' : 'Keep'} ${value}`)}"]`,
          )
          ?.focus()
      })
      return h(
        'li',
        { class: `ip-row ${isMarked ? 'ip-row-removed' : ''}`, 'data-ip': value },
        h('span', { class: 'mono ip-value' }, value),
        fresh.has(value) ? h('span', { class: 'tag tag-new' }, 'New') : null,
        isMarked ? h('span', { class: 'tag tag-remove' }, 'Will be removed') : null,
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
        autocapitalize: 'off',
        placeholder: spec.placeholder,
        'aria-describedby': `${row.key}-error`,
      })
      const error = h('p', { class: 'field-error', id: `${row.key}-error` })
      row.input = input
      row.error = error
      input.addEventListener('input', () => {
        row.value = input.value
        onChange()
      })
      const removeRow = h(
        'button',
        {
          type: 'button',
          class: 'link-button',
          'aria-label': `Remove new ${spec.rowNoun} row ${index + 1}`,
        },
        'Remove',
      )
      removeRow.addEventListener('click', () => {
        rows = rows.filter((r) => r !== row)
        render()
        ;(rows[Math.min(index, rows.length - 1)]?.input ?? addButton).focus()
      })
      return h(
        'li',
        { class: 'ip-row ip-row-new', 'data-role': spec.rowRole },
        h('label', { for: inputId, class: 'ip-row-label' }, `${spec.rowLabel} ${index + 1}`),
        h('div', { class: 'ip-row-field' }, input, error),
        removeRow,
      )
    })
    const empty =
      existingItems.length === 0 && newItems.length === 0
        ? h('li', { class: 'ip-row muted' }, spec.emptyText)
        : null
    replaceChildren(
      list,
      h('ul', { class: 'ip-rows', 'aria-label': spec.title }, empty, ...existingItems, ...newItems),
    )
    onChange()
  }

  addButton.addEventListener('click', () => {
    rows.push({ key: uid(`new-${spec.item}`), value: '' })
    render()
    rows[rows.length - 1]?.input?.focus()
  })

  return {
    element,
    addButton,
    setExisting(items, justAssigned) {
      existing = items
      fresh = justAssigned
      for (const v of [...marked]) if (!existing.includes(v)) marked.delete(v)
      render()
    },
    existing: () => existing,
    removals: () => existing.filter((v) => marked.has(v)),
    typed: () => rows.map((r) => r.value.trim()).filter((v) => v !== ''),
    automatic: () => rows.filter((r) => r.value.trim() === '').length,
    rowCount: () => rows.length,
    values: () => rows.map((r) => r.value.trim()),
    showProblems(problems) {
      let ok = true
      rows.forEach((row, index) => {
        const found = problems[index]
        if (row.error !== undefined) row.error.textContent = found ?? ''
        row.input?.setAttribute('aria-invalid', String(found !== undefined))
        if (found !== undefined) ok = false
      })
      return ok
    },
    settle(pending) {
      const stays = (kind: StepKind) => pending.has(`${spec.item}:${kind}`)
      rows = rows.filter((r) => (r.value.trim() === '' ? stays('automatic') : stays('assign')))
      if (!stays('unassign')) marked.clear()
    },
  }
}
