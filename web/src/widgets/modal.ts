// A modal built on the native <dialog>: showModal() traps focus and Escape closes it (the
// `cancel` event); on open focus moves to the first field (or the first button), on close it
// returns to the element that opened it.
import { h, uid, type Child } from '../element.js'

export interface ModalOptions {
  readonly title: string
  /** Short line under the title. */
  readonly subtitle?: string
  readonly size?: 'normal' | 'wide'
  readonly onClose?: () => void
}

export interface Modal {
  readonly dialog: HTMLDialogElement
  readonly body: HTMLElement
  readonly footer: HTMLElement
  close(): void
  /** Moves focus to the first field or button in the body/footer. */
  focusFirst(): void
  /** After content arrives: moves focus in unless the user already moved it past the header. */
  settleFocus(): void
}

const FOCUSABLE = ['input', 'select', 'textarea', 'button', '[href]', '[tabindex]']
  .map((s) => `${s}:not([disabled]):not([tabindex="-1"]):not([hidden])`)
  .join(', ')

export function openModal(opts: ModalOptions, ...content: Child[]): Modal {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
  const titleId = uid('dialog-title')
  const body = h('div', { class: 'modal-body' }, ...content)
  const footer = h('div', { class: 'modal-footer' })
  const closeButton = h(
    'button',
    { type: 'button', class: 'icon-button', 'aria-label': 'Close dialog' },
    '×',
  )
  const dialog = h(
    'dialog',
    { class: `modal modal-${opts.size ?? 'normal'}`, 'aria-labelledby': titleId },
    h(
      'header',
      { class: 'modal-header' },
      h(
        'div',
        null,
        h('h2', { id: titleId }, opts.title),
        opts.subtitle === undefined ? null : h('p', { class: 'modal-subtitle' }, opts.subtitle),
      ),
      closeButton,
    ),
    body,
    footer,
  )
  let closed = false
  const modal: Modal = {
    dialog,
    body,
    footer,
    close: () => dialog.close(),
    focusFirst: () => {
      const target =
        body.querySelector<HTMLElement>(FOCUSABLE) ?? footer.querySelector<HTMLElement>(FOCUSABLE)
      ;(target ?? closeButton).focus()
    },
    settleFocus: () => {
      if (document.activeElement === closeButton || document.activeElement === dialog) {
        modal.focusFirst()
      }
    },
  }
  closeButton.addEventListener('click', () => dialog.close())
  // A click on the backdrop (the dialog element itself, outside its box) closes too.
  dialog.addEventListener('click', (event) => {
    if (event.target !== dialog) return
    const box = dialog.getBoundingClientRect()
    const { clientX: x, clientY: y } = event
    if (x < box.left || x > box.right || y < box.top || y > box.bottom) dialog.close()
  })
  dialog.addEventListener('close', () => {
    if (closed) return
    closed = true
    dialog.remove()
    opts.onClose?.()
    restoreFocus(opener)
  })
  document.body.appendChild(dialog)
  dialog.showModal()
  modal.focusFirst()
  return modal
}

/**
 * Back to the opener; when it was re-rendered meanwhile (a table refresh replaces its rows), to
 * the element that now carries the same accessible name; else to the page heading.
 */
function restoreFocus(opener: HTMLElement | null): void {
  if (opener?.isConnected === true) return opener.focus()
  const label = opener?.getAttribute('aria-label')
  const twin =
    label === null || label === undefined
      ? null
      : document.querySelector<HTMLElement>(`[aria-label="${CSS.escape(label)}"]`)
  ;(twin ?? document.querySelector<HTMLElement>('main h1'))?.focus()
}
