// A status pill. Transitional states (Attaching, Detaching, Deleting, Pending, Starting,
// Stopping) carry a spinner and the words "in progress" for screen readers.
import { h } from '../element.js'

const TONES: Readonly<Record<string, string>> = {
  Available: 'ok',
  InUse: 'info',
  Running: 'ok',
  Stopped: 'muted',
  Attaching: 'busy',
  Detaching: 'busy',
  Deleting: 'busy',
  Pending: 'busy',
  Starting: 'busy',
  Stopping: 'busy',
  Deleted: 'muted',
}

const LABELS: Readonly<Record<string, string>> = { InUse: 'In use' }

export function statusBadge(status: string): HTMLElement {
  const tone = TONES[status] ?? 'muted'
  const busy = tone === 'busy'
  return h(
    'span',
    { class: `status status-${tone}`, 'data-status': status },
    busy ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : h('span', { class: 'dot' }),
    LABELS[status] ?? status,
    busy ? h('span', { class: 'visually-hidden' }, ' (in progress)') : null,
  )
}
