// The result of "Modify": one line per step saying applied / failed (with the API's Code and
// Message) / not applied, and the addresses the system assigned automatically.
import { h } from '../element.js'
import type { StepOutcome } from './secondary-ip-plan.js'

export function renderOutcomes(outcomes: readonly StepOutcome[]): HTMLElement {
  const failed = outcomes.find((o) => o.status === 'failed')
  const applied = outcomes.filter((o) => o.status === 'applied')
  const headline =
    failed === undefined
      ? 'All changes were applied.'
      : applied.length === 0
        ? 'No change was applied.'
        : `${applied.length} of ${outcomes.length} steps were applied; the rest were not.`
  return h(
    'section',
    { class: `outcomes ${failed === undefined ? 'outcomes-ok' : 'outcomes-failed'}` },
    h('h3', { tabindex: '-1' }, headline),
    h('ul', { class: 'outcome-list' }, ...outcomes.map(renderOutcome)),
  )
}

function renderOutcome(outcome: StepOutcome): HTMLElement {
  const { step } = outcome
  const which = { 'data-item': step.item, 'data-kind': step.kind }
  const call = h('span', { class: 'outcome-call mono' }, step.action)
  switch (outcome.status) {
    case 'applied': {
      const picked = step.kind === 'automatic' && outcome.assigned.length > 0
      return h(
        'li',
        { class: 'outcome outcome-applied', 'data-outcome': 'applied', ...which },
        h('span', { class: 'outcome-icon', 'aria-hidden': 'true' }, '✓'),
        h(
          'div',
          null,
          h('strong', null, 'Applied: '),
          step.label,
          picked
            ? [
                ' → ',
                h(
                  'span',
                  { class: 'mono', 'data-role': 'auto-assigned' },
                  outcome.assigned.join(', '),
                ),
              ]
            : null,
          call,
        ),
      )
    }
    case 'failed':
      return h(
        'li',
        { class: 'outcome outcome-failed', 'data-outcome': 'failed', ...which },
        h('span', { class: 'outcome-icon', 'aria-hidden': 'true' }, '✕'),
        h(
          'div',
          null,
          h('strong', null, 'Failed: '),
          step.label,
          call,
          h(
            'p',
            { class: 'outcome-error' },
            h('span', { class: 'mono', 'data-role': 'error-code' }, outcome.code),
            `: ${outcome.message}`,
            outcome.requestId === undefined
              ? null
              : h('span', { class: 'sub' }, `RequestId ${outcome.requestId}`),
          ),
        ),
      )
    case 'not-applied':
      return h(
        'li',
        { class: 'outcome outcome-skipped', 'data-outcome': 'not-applied', ...which },
        h('span', { class: 'outcome-icon', 'aria-hidden': 'true' }, '–'),
        h(
          'div',
          null,
          h('strong', null, 'Not applied: '),
          step.label,
          h('span', { class: 'sub' }, 'Skipped because an earlier step failed.'),
          call,
        ),
      )
  }
}
