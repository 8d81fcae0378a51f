// "Are you sure?" for one API call (Detach, Delete, Start, Stop). A failure stays in the dialog
// as `Code: Message`, so the user sees exactly what the API refused.
import { describeError } from '../console-api.js'
import { h } from '../element.js'
import { openModal } from '../widgets/modal.js'

export interface ConfirmOptions {
  readonly title: string
  readonly message: string
  readonly confirmLabel: string
  readonly danger?: boolean
  run(): Promise<unknown>
  onDone(): void
}

export function openConfirmDialog(opts: ConfirmOptions): void {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true })
  const modal = openModal({ title: opts.title }, h('p', null, opts.message), error)
  const cancel = h(
    'button',
    { type: 'button', class: 'btn', onclick: () => modal.close() },
    'Cancel',
  )
  const confirm = h(
    'button',
    { type: 'button', class: `btn ${opts.danger === true ? 'btn-danger' : 'btn-primary'}` },
    opts.confirmLabel,
  )
  confirm.addEventListener('click', () => {
    confirm.disabled = true
    error.hidden = true
    opts
      .run()
      .then(() => {
        modal.close()
        opts.onDone()
      })
      .catch((e: unknown) => {
        const { code, message } = describeError(e)
        error.textContent = `${code}: ${message}`
        error.hidden = false
        confirm.disabled = false
      })
  })
  modal.footer.append(cancel, confirm)
  confirm.focus()
}
