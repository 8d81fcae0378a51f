// The shape every Create dialog shares: labelled fields, a submit button named after the action
// (Alibaba's console names), an inline `Code: Message` when the API refuses, and a notice on
// success. Callers build the fields and say what to call.
import { describeError } from '../console-api.js'
import { h, uid } from '../element.js'
import { openModal, type Modal } from '../widgets/modal.js'
import { notify } from '../widgets/notices.js'

export interface FormDialogOptions {
  readonly title: string
  readonly subtitle?: string
  readonly submitLabel: string
  readonly fields: readonly HTMLElement[]
  /** A sentence when the form cannot be sent yet (and focuses what to fix), else undefined. */
  check?(): string | undefined
  /** Runs the call; resolves to the notice to show. */
  run(): Promise<string>
  onDone(): void
}

export function openFormDialog(opts: FormDialogOptions): Modal {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true })
  const form = h('form', { id: uid('form'), novalidate: true }, ...opts.fields, error)
  const modal = openModal(
    opts.subtitle === undefined
      ? { title: opts.title }
      : { title: opts.title, subtitle: opts.subtitle },
    form,
  )
  const submit = h(
    'button',
    { type: 'submit', class: 'btn btn-primary', form: form.id },
    opts.submitLabel,
  )
  modal.footer.append(
    h('button', { type: 'button', class: 'btn', onclick: () => modal.close() }, 'Cancel'),
    submit,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    error.hidden = true
    const problem = opts.check?.()
    if (problem !== undefined) {
      error.textContent = problem
      error.hidden = false
      return
    }
    submit.disabled = true
    opts
      .run()
      .then((message) => {
        notify(message)
        modal.close()
        opts.onDone()
      })
      .catch((e: unknown) => {
        const { code, message } = describeError(e)
        error.textContent = `${code}: ${message}`
        error.hidden = false
        submit.disabled = false
      })
  })
  return modal
}

/** A labelled field: `<div class="field"><label for=…>label</label>control hint</div>`. */
export function formField(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id === '' ? uid('field') : control.id
  control.id = id
  const hintEl = hint === undefined ? null : h('p', { class: 'field-hint', id: `${id}-hint` }, hint)
  if (hintEl !== null) control.setAttribute('aria-describedby', hintEl.id)
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl)
}

/** A `<select>` filled with `options` (value, text), the first one chosen unless `selected`. */
export function fillSelect(
  select: HTMLSelectElement,
  options: ReadonlyArray<readonly [string, string]>,
  empty: string,
  selected?: string,
): void {
  select.replaceChildren(
    ...(options.length === 0 ? [h('option', { value: '' }, empty)] : []),
    ...options.map(([value, text]) => h('option', { value, selected: value === selected }, text)),
  )
  select.disabled = options.length === 0
}

/** A checkbox with its label beside it: `<div class="field field-check">…</div>`. */
export function checkField(label: string, box: HTMLInputElement, hint?: string): HTMLElement {
  box.type = 'checkbox'
  const id = box.id === '' ? uid('field') : box.id
  box.id = id
  const hintEl = hint === undefined ? null : h('p', { class: 'field-hint', id: `${id}-hint` }, hint)
  if (hintEl !== null) box.setAttribute('aria-describedby', hintEl.id)
  return h('div', { class: 'field field-check' }, h('label', { for: id }, box, ` ${label}`), hintEl)
}
