// The "Manage Secondary Private IP Address" dialog, as the product document walks it: it shows
// the ENI's IPv4 Private CIDR (its vSwitch CIDR) and current secondary addresses (each can be
// marked for removal); "Assign New IP" adds one row per click, holding a typed address (checked
// as you type) or nothing (automatic); "Modify" applies the plan (secondary-ip-plan.ts) and
// shows which steps were applied, the addresses the system picked, and any error's Code.
// Beside them, the same for IPv4 /28 prefixes and, when the vSwitch has an IPv6 /64, for IPv6
// addresses and /80 prefixes, each family under its own limit (secondary-ip-limit.ts).
import { findVSwitch } from '../catalog-queries.js'
import { callAction, describeError } from '../console-api.js'
import { h, replaceChildren } from '../element.js'
import { openModal } from '../widgets/modal.js'
import { statusBadge } from '../widgets/status-badge.js'
import {
  ipv4PrefixesOf,
  ipv6AddressesOf,
  ipv6PrefixesOf,
  secondaryIpsOf,
  type NetworkInterface,
} from '../wire-types.js'
import { addressRows, type AddressRows } from './address-rows.js'
import { rowProblems } from './manage-ip-checks.js'
import { MANAGE_LISTS } from './manage-ip-lists.js'
import { loadIpLimits, type IpLimits } from './load-ip-limits.js'
import { limitSentence, remainingAfter, type IpLimit } from './secondary-ip-limit.js'
import { renderOutcomes } from './secondary-ip-outcomes.js'
import {
  applySteps,
  ITEM_KINDS,
  pendingAfter,
  planSteps,
  type ItemKind,
} from './secondary-ip-plan.js'

export function openSecondaryIpDialog(eniId: string, opts: { onChanged(): void }): void {
  const summary = h('dl', { class: 'summary-grid' })
  const limitLine = h('p', { class: 'ip-limit', 'data-role': 'ip-limit', hidden: true })
  const ipv6LimitLine = h('p', { class: 'ip-limit', 'data-role': 'ipv6-limit', hidden: true })
  const result = h('div', { class: 'ip-result', role: 'status', 'aria-live': 'polite' })
  const loadError = h('p', { class: 'form-error', role: 'alert', hidden: true })
  const onChange = () => void validate()
  const ipv4 = addressRows(MANAGE_LISTS.ipv4, onChange)
  const ipv4Prefix = addressRows(MANAGE_LISTS.ipv4Prefix, onChange)
  const ipv6 = addressRows(MANAGE_LISTS.ipv6, onChange)
  const ipv6Prefix = addressRows(MANAGE_LISTS.ipv6Prefix, onChange)
  const sections: readonly AddressRows[] = [ipv4, ipv4Prefix, ipv6, ipv6Prefix]
  const noIpv6Text = h('p', { class: 'ip-notice', 'data-role': 'no-ipv6' })
  const noIpv6 = h(
    'section',
    { class: 'ip-family', hidden: true },
    h('h3', { class: 'section-title' }, 'IPv6 addresses and prefixes'),
    noIpv6Text,
  )
  const ipv6Group = h(
    'div',
    { class: 'ip-family', hidden: true },
    ipv6LimitLine,
    ipv6.element,
    ipv6Prefix.element,
  )
  const modal = openModal(
    { title: 'Manage Secondary Private IP Address', subtitle: eniId, size: 'wide' },
    loadError,
    summary,
    limitLine,
    ipv4.element,
    ipv4Prefix.element,
    noIpv6,
    ipv6Group,
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
  let ipv6Cidr = ''
  let fresh = new Set<string>()
  let busy = false
  let changed = false
  let limits: IpLimits = {}

  async function load(): Promise<void> {
    try {
      eni = await callAction<NetworkInterface>('DescribeNetworkInterfaceAttribute', {
        NetworkInterfaceId: eniId,
      })
      const vsw = await findVSwitch(eni.VSwitchId)
      cidr = vsw?.CidrBlock ?? ''
      ipv6Cidr = vsw?.Ipv6CidrBlock ?? ''
      renderSummary(eni)
      limits = await loadIpLimits(eni).catch(() => ({}))
      showIpv6(eni)
      ipv4.setExisting(secondaryIpsOf(eni), fresh)
      ipv4Prefix.setExisting(ipv4PrefixesOf(eni), fresh)
      ipv6.setExisting(ipv6AddressesOf(eni), fresh)
      ipv6Prefix.setExisting(ipv6PrefixesOf(eni), fresh)
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
      item('IPv6 CIDR', h('span', { class: 'mono', 'data-role': 'ipv6-cidr' }, ipv6Cidr || 'none')),
      item('Primary private IP', h('span', { class: 'mono' }, ni.PrivateIpAddress)),
      item('Status', statusBadge(ni.Status)),
      item('vSwitch', h('span', { class: 'mono' }, ni.VSwitchId)),
    )
  }

  /** The IPv6 lists when the vSwitch has a /64; otherwise why there are none. */
  function showIpv6(ni: NetworkInterface): void {
    const has = ipv6Cidr !== ''
    ipv6Group.hidden = !has
    noIpv6.hidden = has
    noIpv6Text.textContent = has
      ? ''
      : `The vSwitch ${ni.VSwitchId} has no IPv6 CIDR, so this ENI can have no IPv6 addresses or /80 prefixes. IPv6 needs a VPC with IPv6 enabled (Create VPC) and a vSwitch with a /64 of it (Create vSwitch).`
  }

  /** Checks every row against its CIDR, the ENI's items and the rows above it. */
  function validate(): boolean {
    const lists = { ipv4, ipv4Prefix, ipv6, ipv6Prefix }
    const problems = rowProblems({
      cidr,
      ipv6Cidr,
      primary: eni?.PrivateIpAddress,
      existing: mapLists(lists, (s) => s.existing()),
      rows: mapLists(lists, (s) => s.values()),
      rowLabels: mapLists(MANAGE_LISTS, (spec) => spec.rowLabel),
    })
    let ok = true
    for (const item of ITEM_KINDS) ok = lists[item].showProblems(problems[item]) && ok
    ok = showLimit(limits.ipv4, limitLine, [ipv4, ipv4Prefix]) && ok
    ok = showLimit(limits.ipv6, ipv6LimitLine, [ipv6, ipv6Prefix]) && ok
    const nothing = sections.every((s) => s.rowCount() === 0 && s.removals().length === 0)
    modifyButton.disabled = busy || !ok || nothing
    return ok
  }

  /** One family's limit line; stops offering rows past it. False when the plan is over it. */
  function showLimit(
    limit: IpLimit | undefined,
    line: HTMLElement,
    family: readonly AddressRows[],
  ): boolean {
    const counts = {
      assigned: family.reduce((n, s) => n + s.existing().length, 0),
      removing: family.reduce((n, s) => n + s.removals().length, 0),
      adding: family.reduce((n, s) => n + s.rowCount(), 0),
    }
    const remaining = limit === undefined ? Infinity : remainingAfter(limit, counts)
    for (const s of family) s.addButton.disabled = eni === undefined || remaining <= 0
    if (limit === undefined) return true
    line.textContent = limitSentence(limit, counts)
    line.hidden = false
    line.dataset['full'] = String(remaining <= 0)
    line.dataset['remaining'] = String(remaining)
    return remaining >= 0
  }

  modifyButton.addEventListener('click', () => {
    if (!validate() || eni === undefined) return
    const changesOf = (s: AddressRows) => ({
      removals: s.removals(),
      typed: s.typed(),
      automatic: s.automatic(),
    })
    const steps = planSteps({
      eniId,
      changes: {
        ipv4: changesOf(ipv4),
        ipv4Prefix: changesOf(ipv4Prefix),
        ipv6: changesOf(ipv6),
        ipv6Prefix: changesOf(ipv6Prefix),
      },
    })
    busy = true
    modifyButton.disabled = true
    modifyButton.textContent = 'Modifying…'
    replaceChildren(result, h('p', { class: 'muted' }, 'Applying changes…'))
    void applySteps(steps, callAction, describeError).then(async (outcomes) => {
      changed = changed || outcomes.some((o) => o.status === 'applied')
      fresh = new Set(outcomes.flatMap((o) => (o.status === 'applied' ? o.assigned : [])))
      // Rows whose step was applied are done; rows of failed or skipped steps stay to be fixed.
      const pending = pendingAfter(outcomes)
      for (const s of sections) s.settle(pending)
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

function mapLists<T, U>(lists: Readonly<Record<ItemKind, T>>, f: (t: T) => U): Record<ItemKind, U> {
  return {
    ipv4: f(lists.ipv4),
    ipv4Prefix: f(lists.ipv4Prefix),
    ipv6: f(lists.ipv6),
    ipv6Prefix: f(lists.ipv6Prefix),
  }
}
