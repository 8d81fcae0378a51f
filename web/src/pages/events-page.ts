// Events: the account's calls that changed state, and every refused, throttled or injected one
// (EniplaneDescribeEvents), newest last, filterable by Action and resource; and the fault rules
// in force (EniplaneListFaultRules; the bootstrap account sees them, others are told why not).
import { callAction, describeError, RpcError } from '../console-api.js'
import { h, replaceChildren } from '../element.js'

interface EventItem {
  readonly EventId: string
  readonly Time: string
  readonly Action: string
  readonly Code: string
  readonly HttpStatus: number
  readonly Outcome: string
  readonly AccessKeyId: string
  readonly SourceIp: string
  readonly EventRequestId: string
  readonly ResourceIds: readonly string[]
  readonly Parameters: Readonly<Record<string, string>>
}

interface FaultRule {
  readonly id: string
  readonly action?: string
  readonly transition?: string
  readonly code?: string
  readonly httpStatus?: number
  readonly delayMs?: number
  readonly fail?: boolean
  readonly times?: number
  readonly every?: number
  readonly probability?: number
  readonly networkInterfaceId?: string
  readonly instanceId?: string
  readonly accountId?: string
  readonly matched: number
  readonly fired: number
  readonly spent: boolean
}

const OUTCOME_TONES: Readonly<Record<string, string>> = {
  success: 'ok',
  error: 'muted',
  throttled: 'busy',
  injected: 'info',
}

export function mountEventsPage(container: HTMLElement): () => void {
  let disposed = false
  const actionFilter = h('input', { id: 'filter-action', placeholder: 'AssignPrivateIpAddresses' })
  const resourceFilter = h('input', { id: 'filter-resource', placeholder: 'eni-…' })
  const field = (id: string, label: string, control: HTMLElement) =>
    h('div', { class: 'filter-field' }, h('label', { for: id }, label), control)
  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter events' },
    field('filter-action', 'Action', actionFilter),
    field('filter-resource', 'Resource ID', resourceFilter),
    h(
      'div',
      { class: 'filter-buttons' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Search'),
      h('button', { type: 'reset', class: 'btn' }, 'Reset'),
    ),
  )
  const eventsArea = h('div', { class: 'table-area', 'aria-live': 'polite' })
  const faultsArea = h('div', { class: 'table-area', id: 'fault-rules' })
  replaceChildren(
    container,
    h(
      'div',
      { class: 'page-header' },
      h('h1', { tabindex: '-1' }, 'Events'),
      h(
        'div',
        { class: 'page-actions' },
        h('button', { type: 'button', class: 'btn', onclick: () => void load() }, 'Refresh'),
      ),
    ),
    h(
      'p',
      { class: 'page-intro muted' },
      'Every call that changed state, and every refused, throttled or injected one, newest last.',
    ),
    filters,
    eventsArea,
    h('h2', { class: 'events-section-title' }, 'Fault rules'),
    faultsArea,
  )
  filters.addEventListener('submit', (e) => {
    e.preventDefault()
    void load()
  })
  filters.addEventListener('reset', () => setTimeout(() => void load(), 0))

  async function load(): Promise<void> {
    await Promise.all([loadEvents(), loadFaults()])
  }

  async function loadEvents(): Promise<void> {
    try {
      const params: Record<string, string> = { MaxResults: '200' }
      if (actionFilter.value.trim() !== '') params['EventAction'] = actionFilter.value.trim()
      if (resourceFilter.value.trim() !== '') params['ResourceId'] = resourceFilter.value.trim()
      const res = await callAction<{ Events?: { Event?: EventItem[] } }>(
        'EniplaneDescribeEvents',
        params,
      )
      if (disposed) return
      const events = res.Events?.Event ?? []
      replaceChildren(eventsArea, events.length === 0 ? emptyEvents() : eventsTable(events))
    } catch (e: unknown) {
      if (disposed) return
      const { code, message } = describeError(e)
      replaceChildren(
        eventsArea,
        h('p', { class: 'form-error', role: 'alert' }, `${code}: ${message}`),
      )
    }
  }

  async function loadFaults(): Promise<void> {
    try {
      const res = await callAction<{ Rules?: { Rule?: FaultRule[] } }>('EniplaneListFaultRules')
      if (disposed) return
      const rules = res.Rules?.Rule ?? []
      replaceChildren(
        faultsArea,
        rules.length === 0
          ? h(
              'p',
              { class: 'muted' },
              'No fault rules. Add some with eniplane faults add or serve --faults.',
            )
          : faultsTable(rules),
      )
    } catch (e: unknown) {
      if (disposed) return
      const text =
        e instanceof RpcError && e.code === 'Forbidden.BootstrapAccountOnly'
          ? 'Only the bootstrap account sees and manages fault rules.'
          : `${describeError(e).code}: ${describeError(e).message}`
      replaceChildren(faultsArea, h('p', { class: 'muted' }, text))
    }
  }

  void load()
  return () => {
    disposed = true
  }
}

function emptyEvents(): HTMLElement {
  return h('div', { class: 'empty' }, h('p', null, 'No events match.'))
}

function outcomeBadge(outcome: string): HTMLElement {
  return h(
    'span',
    { class: `status status-${OUTCOME_TONES[outcome] ?? 'muted'}`, 'data-outcome': outcome },
    h('span', { class: 'dot' }),
    outcome,
  )
}

function eventsTable(events: readonly EventItem[]): HTMLElement {
  const head = [
    'Time',
    'Action',
    'Code',
    'Outcome',
    'AccessKey',
    'Source',
    'Resources',
    'RequestId',
  ]
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table events-table' },
      h('thead', null, h('tr', null, ...head.map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        null,
        ...events.map((e) =>
          h(
            'tr',
            { 'data-event': e.EventId },
            h('td', { class: 'nowrap' }, new Date(e.Time).toLocaleString()),
            h('td', { title: JSON.stringify(e.Parameters) }, e.Action),
            h('td', { class: 'mono' }, e.Code, h('span', { class: 'muted' }, ` ${e.HttpStatus}`)),
            h('td', null, outcomeBadge(e.Outcome)),
            h('td', { class: 'mono' }, e.AccessKeyId),
            h('td', { class: 'mono' }, e.SourceIp),
            h('td', { class: 'mono' }, ...e.ResourceIds.map((id) => h('div', null, id))),
            h('td', { class: 'mono muted' }, e.EventRequestId),
          ),
        ),
      ),
    ),
  )
}

function ruleWhat(r: FaultRule): string {
  const parts: string[] = []
  if (r.code !== undefined) parts.push(`${r.code} ${r.httpStatus ?? ''}`.trim())
  if (r.fail === true) parts.push('fail the transition')
  if (r.delayMs !== undefined) parts.push(`delay ${r.delayMs} ms`)
  return parts.join(', ')
}

function ruleWhen(r: FaultRule): string {
  const parts: string[] = []
  if (r.times !== undefined) parts.push(`${r.times} time${r.times === 1 ? '' : 's'}`)
  if (r.every !== undefined) parts.push(`every ${r.every}`)
  if (r.probability !== undefined) parts.push(`p=${r.probability}`)
  for (const scope of [r.accountId, r.networkInterfaceId, r.instanceId]) {
    if (scope !== undefined) parts.push(`on ${scope}`)
  }
  return parts.length === 0 ? 'every call' : parts.join(', ')
}

function faultsTable(rules: readonly FaultRule[]): HTMLElement {
  const head = ['Rule', 'Matches', 'Does', 'When', 'Matched', 'Fired', 'State']
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table faults-table' },
      h('thead', null, h('tr', null, ...head.map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        null,
        ...rules.map((r) =>
          h(
            'tr',
            { 'data-rule': r.id },
            h('td', { class: 'mono' }, r.id),
            h('td', null, r.action ?? `transition ${r.transition ?? ''}`),
            h('td', null, ruleWhat(r)),
            h('td', null, ruleWhen(r)),
            h('td', null, r.matched),
            h('td', null, r.fired),
            h('td', null, r.spent ? 'spent' : 'active'),
          ),
        ),
      ),
    ),
  )
}
