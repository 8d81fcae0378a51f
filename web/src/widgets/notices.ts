// Short confirmations and failures in a polite live region at the top right ("toasts"). Errors
// stay until dismissed; successes fade after a few seconds.
import { h } from '../element.js'

let region: HTMLElement | undefined

function noticeRegion(): HTMLElement {
  if (region?.isConnected === true) return region
  region = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite' })
  document.body.appendChild(region)
  return region
}

export function notify(message: string, kind: 'success' | 'error' | 'info' = 'success'): void {
  const dismiss = h(
    'button',
    { type: 'button', class: 'icon-button', 'aria-label': 'Dismiss' },
    '×',
  )
  const item = h('div', { class: `notice notice-${kind}` }, h('span', null, message), dismiss)
  dismiss.addEventListener('click', () => item.remove())
  noticeRegion().appendChild(item)
  if (kind !== 'error') setTimeout(() => item.remove(), 4000)
}
