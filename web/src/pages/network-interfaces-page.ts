// Network Interfaces: filters (vSwitch, instance, status, IP, tag → DescribeNetworkInterfaces'
// VSwitchId, InstanceId, Status, PrivateIpAddress.1, Tag.1.Key/Value), a NextToken-paged table,
// and the row actions (tags are edited in their own dialog). Rows in Attaching/Detaching/Deleting are re-read by ID every second until they settle.
import { callAction, describeError } from '../console-api.js'
import { listVSwitches } from '../catalog-queries.js'
import { openAttachDialog } from '../dialogs/attach-dialog.js'
import { openConfirmDialog } from '../dialogs/confirm-dialog.js'
import { openCreateEniDialog } from '../dialogs/create-eni-dialog.js'
import { openGuestConfigDialog } from '../dialogs/guest-config-dialog.js'
import { openSecondaryIpDialog } from '../dialogs/secondary-ip-dialog.js'
import { openTagsDialog } from '../dialogs/tags-dialog.js'
import { h, replaceChildren } from '../element.js'
import { notify } from '../widgets/notices.js'
import { currentToken, newPagerState, pagerControls } from '../widgets/pager.js'
import {
  ENI_TRANSITIONAL,
  eniInstanceId,
  type DescribeNetworkInterfacesResponse,
  type NetworkInterface,
} from '../wire-types.js'
import { renderEniRow, renderEniTable, type EniRowActions } from './eni-table.js'

const POLL_MS = 1000
const STATUSES = ['Available', 'Attaching', 'InUse', 'Detaching', 'Deleting']

export function mountNetworkInterfacesPage(container: HTMLElement): () => void {
  const pager = newPagerState(20)
  let rows: NetworkInterface[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let disposed = false
  let generation = 0

  const vswitchFilter = h(
    'select',
    { id: 'filter-vswitch' },
    h('option', { value: '' }, 'All vSwitches'),
  )
  const instanceFilter = h('input', {
    id: 'filter-instance',
    placeholder: 'i-…',
    spellcheck: 'false',
  })
  const statusFilter = h(
    'select',
    { id: 'filter-status' },
    h('option', { value: '' }, 'All statuses'),
    ...STATUSES.map((s) => h('option', { value: s }, s)),
  )
  const ipFilter = h('input', { id: 'filter-ip', placeholder: '192.168.1.20', spellcheck: 'false' })
  const tagKeyFilter = h('input', {
    id: 'filter-tag-key',
    'aria-label': 'Tag key',
    placeholder: 'key',
    spellcheck: 'false',
  })
  const tagValueFilter = h('input', {
    id: 'filter-tag-value',
    'aria-label': 'Tag value',
    placeholder: 'any value',
    spellcheck: 'false',
  })
  const field = (id: string, label: string, control: HTMLElement) =>
    h('div', { class: 'filter-field' }, h('label', { for: id }, label), control)
  const filters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter network interfaces' },
    field('filter-vswitch', 'vSwitch', vswitchFilter),
    field('filter-instance', 'Instance ID', instanceFilter),
    field('filter-status', 'Status', statusFilter),
    field('filter-ip', 'Private IP', ipFilter),
    field('filter-tag-key', 'Tag', h('div', { class: 'tag-filter' }, tagKeyFilter, tagValueFilter)),
    h(
      'div',
      { class: 'filter-buttons' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Search'),
      h('button', { type: 'reset', class: 'btn' }, 'Reset'),
    ),
  )
  const tableArea = h('div', { class: 'table-area', 'aria-live': 'polite', 'aria-busy': 'true' })
  const pagerArea = h('div', { class: 'pager-area' })

  const actions: EniRowActions = {
    manageIps: (eni) => openSecondaryIpDialog(eni.NetworkInterfaceId, { onChanged: reload }),
    attach: (eni) => openAttachDialog(eni, { onAttached: reload }),
    detach: (eni) =>
      openConfirmDialog({
        title: 'Detach network interface',
        message: `Detach ${eni.NetworkInterfaceId} from ${eniInstanceId(eni)}? Its addresses stay on the ENI.`,
        confirmLabel: 'Detach',
        run: () =>
          callAction('DetachNetworkInterface', {
            NetworkInterfaceId: eni.NetworkInterfaceId,
            InstanceId: eniInstanceId(eni),
          }),
        onDone: () => {
          notify(`Detach requested for ${eni.NetworkInterfaceId}.`, 'info')
          reload()
        },
      }),
    remove: (eni) =>
      openConfirmDialog({
        title: 'Delete network interface',
        message: `Delete ${eni.NetworkInterfaceId}? Its ${eni.PrivateIpSets.PrivateIpSet.length} private IP address(es) return to the vSwitch.`,
        confirmLabel: 'Delete',
        danger: true,
        run: () =>
          callAction('DeleteNetworkInterface', { NetworkInterfaceId: eni.NetworkInterfaceId }),
        onDone: () => {
          notify(`Delete requested for ${eni.NetworkInterfaceId}.`, 'info')
          reload()
        },
      }),
    guestConfig: (eni) => openGuestConfigDialog(eni.NetworkInterfaceId),
    editTags: (eni) => openTagsDialog(eni, { onChanged: reload }),
  }

  const createButton = h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary',
      onclick: () => openCreateEniDialog({ onCreated: reload }),
    },
    'Create ENI',
  )
  const refreshButton = h(
    'button',
    { type: 'button', class: 'btn', onclick: () => reload() },
    'Refresh',
  )
  replaceChildren(
    container,
    h(
      'div',
      { class: 'page-header' },
      h('h1', { tabindex: '-1' }, 'Network Interfaces'),
      h('div', { class: 'page-actions' }, refreshButton, createButton),
    ),
    h(
      'p',
      { class: 'page-intro muted' },
      'Elastic network interfaces (ENIs) and their secondary private IP addresses. Use Manage Secondary Private IP Address to assign or remove addresses.',
    ),
    filters,
    tableArea,
    pagerArea,
  )

  filters.addEventListener('submit', (event) => {
    event.preventDefault()
    pager.tokens = ['']
    pager.page = 0
    reload()
  })
  filters.addEventListener('reset', () => {
    setTimeout(() => {
      pager.tokens = ['']
      pager.page = 0
      reload()
    })
  })

  function filterParams(): Record<string, string | undefined> {
    const value = (el: HTMLInputElement | HTMLSelectElement) => el.value.trim() || undefined
    return {
      VSwitchId: value(vswitchFilter),
      InstanceId: value(instanceFilter),
      Status: value(statusFilter),
      'PrivateIpAddress.1': value(ipFilter),
      // A value alone means nothing; an empty value matches any value of the key.
      'Tag.1.Key': value(tagKeyFilter),
      'Tag.1.Value': value(tagKeyFilter) === undefined ? undefined : value(tagValueFilter),
    }
  }

  function reload(): void {
    const mine = ++generation
    clearTimeout(timer)
    tableArea.setAttribute('aria-busy', 'true')
    callAction<DescribeNetworkInterfacesResponse>('DescribeNetworkInterfaces', {
      ...filterParams(),
      MaxResults: pager.pageSize,
      NextToken: currentToken(pager) || undefined,
    })
      .then((res) => {
        if (disposed || mine !== generation) return
        rows = [...res.NetworkInterfaceSets.NetworkInterfaceSet]
        pager.nextToken = res.NextToken ?? ''
        render()
      })
      .catch((e: unknown) => {
        if (disposed || mine !== generation) return
        const { code, message } = describeError(e)
        replaceChildren(
          tableArea,
          h('p', { class: 'form-error', role: 'alert' }, `${code}: ${message}`),
        )
        tableArea.setAttribute('aria-busy', 'false')
      })
  }

  /** With filters: change them. Without: what to create next, with the button. */
  function emptyState(): HTMLElement[] {
    const filtered = Object.values(filterParams()).some((v) => v !== undefined)
    if (filtered) {
      return [
        h('p', null, 'No network interface matches these filters.'),
        h('p', { class: 'muted' }, 'Change the filters, or Reset them to see every ENI.'),
      ]
    }
    return [
      h('p', null, 'No network interfaces in this region yet.'),
      h(
        'p',
        { class: 'muted' },
        'An ENI lives in a vSwitch and joins a security group. If you have neither, start on the VPCs and vSwitches page: Create VPC, then Create vSwitch; then Create Security Group on the Security Groups page.',
      ),
      h(
        'div',
        { class: 'empty-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn-primary',
            onclick: () => openCreateEniDialog({ onCreated: reload }),
          },
          'Create ENI',
        ),
        h('a', { class: 'btn', href: '#/vpcs' }, 'Go to VPCs and vSwitches'),
      ),
    ]
  }

  function render(): void {
    tableArea.setAttribute('aria-busy', 'false')
    if (rows.length === 0) {
      replaceChildren(tableArea, h('div', { class: 'empty' }, ...emptyState()))
    } else {
      replaceChildren(tableArea, h('div', { class: 'table-scroll' }, renderEniTable(rows, actions)))
    }
    replaceChildren(
      pagerArea,
      pagerControls(pager, rows.length, 'Network interfaces', {
        onPage: (page) => {
          pager.page = page
          reload()
        },
        onPageSize: (size) => {
          pager.pageSize = size
          pager.tokens = ['']
          pager.page = 0
          reload()
        },
      }),
    )
    schedulePoll()
  }

  /** Re-reads only the rows in a transitional state, by ID, and patches them in place. */
  function schedulePoll(): void {
    clearTimeout(timer)
    const busy = rows.filter((eni) => ENI_TRANSITIONAL.has(eni.Status))
    if (busy.length === 0 || disposed) return
    const mine = generation
    timer = setTimeout(() => {
      const ids = busy.map((eni) => eni.NetworkInterfaceId)
      callAction<DescribeNetworkInterfacesResponse>('DescribeNetworkInterfaces', {
        NetworkInterfaceId: ids,
        MaxResults: Math.max(10, ids.length),
      })
        .then((res) => {
          if (disposed || mine !== generation) return
          const fresh = new Map(
            res.NetworkInterfaceSets.NetworkInterfaceSet.map((eni) => [
              eni.NetworkInterfaceId,
              eni,
            ]),
          )
          for (const id of ids) patchRow(id, fresh.get(id))
          schedulePoll()
        })
        .catch(() => {
          if (!disposed && mine === generation) timer = setTimeout(schedulePoll, POLL_MS * 3)
        })
    }, POLL_MS)
  }

  /** Replaces one row; an ENI that is gone (deleted) leaves the table. */
  function patchRow(id: string, eni: NetworkInterface | undefined): void {
    const index = rows.findIndex((r) => r.NetworkInterfaceId === id)
    const old = tableArea.querySelector(`tr[data-eni-id="${CSS.escape(id)}"]`)
    if (index < 0) return
    if (eni === undefined) {
      rows.splice(index, 1)
      old?.remove()
      notify(`${id} was deleted.`)
      if (rows.length === 0) render()
      return
    }
    rows[index] = eni
    // Keep keyboard focus if it was on this row's action that is being replaced.
    const focusedLabel =
      old?.contains(document.activeElement) === true
        ? document.activeElement?.getAttribute('aria-label')
        : null
    const fresh = renderEniRow(eni, actions)
    old?.replaceWith(fresh)
    if (focusedLabel) {
      fresh.querySelector<HTMLElement>(`[aria-label="${CSS.escape(focusedLabel)}"]`)?.focus()
    }
  }

  void listVSwitches()
    .then((vsws) => {
      for (const v of vsws) {
        vswitchFilter.appendChild(
          h(
            'option',
            { value: v.VSwitchId },
            `${v.VSwitchName || v.VSwitchId} (${v.CidrBlock}, ${v.ZoneId})`,
          ),
        )
      }
    })
    .catch(() => undefined)
  reload()

  return () => {
    disposed = true
    clearTimeout(timer)
  }
}
