// Paging by NextToken, which stays fast however many rows there are: the server returns one page
// and a token for the next; we keep the tokens of the pages seen so "Previous" can go back.
import { h } from '../element.js'

export interface PagerState {
  /** `tokens[i]` fetches page i + 1; `tokens[0]` is '' (the first page). */
  tokens: string[]
  page: number
  pageSize: number
  nextToken: string
}

export function newPagerState(pageSize: number): PagerState {
  return { tokens: [''], page: 0, pageSize, nextToken: '' }
}

export function currentToken(state: PagerState): string {
  return state.tokens[state.page] ?? ''
}

export interface PagerHandlers {
  onPage(page: number): void
  onPageSize(size: number): void
}

export function pagerControls(
  state: PagerState,
  shown: number,
  label: string,
  handlers: PagerHandlers,
): HTMLElement {
  const sizeSelect = h(
    'select',
    { 'aria-label': `${label} per page` },
    ...[10, 20, 50, 100].map((n) =>
      h('option', { value: String(n), selected: n === state.pageSize }, `${n} / page`),
    ),
  )
  sizeSelect.addEventListener('change', () => handlers.onPageSize(Number(sizeSelect.value)))
  return h(
    'nav',
    { class: 'pager', 'aria-label': `${label} pages` },
    h('span', { class: 'pager-info' }, `Page ${state.page + 1} · ${shown} shown`),
    h(
      'button',
      {
        type: 'button',
        class: 'btn',
        disabled: state.page === 0,
        onclick: () => handlers.onPage(state.page - 1),
      },
      'Previous',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn',
        disabled: state.nextToken === '',
        onclick: () => {
          state.tokens[state.page + 1] = state.nextToken
          handlers.onPage(state.page + 1)
        },
      },
      'Next',
    ),
    sizeSelect,
  )
}
