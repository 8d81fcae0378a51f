// Instances: state (refreshed while Pending/Starting/Stopping), Create Instance, Start/Stop,
// Release, and the ENIs attached to each (from DescribeInstances' NetworkInterfaces). Paged by
// NextToken.
import { callAction, describeError } from '../console-api.js'
import { openConfirmDialog } from '../dialogs/confirm-dialog.js'
import { openCreateInstanceDialog } from '../dialogs/create-instance-dialog.js'
import { h, replaceChildren, type Child } from '../element.js'
import { notify } from '../widgets/notices.js'
import { currentToken, newPagerState, pagerControls } from '../widgets/pager.js'
import { statusBadge } from '../widgets/status-badge.js'
import {
  INSTANCE_TRANSITIONAL,
  type DescribeInstancesResponse,
  type Instance,
} from '../wire-types.js'

const COLUMNS = [
  'Instance',
  'Status',
  'Type / zone',
  'VPC / vSwitch',
  'Primary IP',
  'Network interfaces',
  'Actions',
] as const

export function mountInstancesPage(container: HTMLElement): () => void {
  const pager = newPagerState(20)
  const tableArea = h('div', { class: 'table-area', 'aria-live': 'polite' })
  const pagerArea = h('div', { class: 'pager-area' })
  let timer: ReturnType<typeof setTimeout> | undefined
  let disposed = false
  let generation = 0

  replaceChildren(
    container,
    h(
      'div',
      { class: 'page-header' },
      h('h1', { tabindex: '-1' }, 'Instances'),
      h(
        'div',
        { class: 'page-actions' },
        h('button', { type: 'button', class: 'btn', onclick: () => reload() }, 'Refresh'),
        createButton(() => reload()),
      ),
    ),
    h(
      'p',
      { class: 'page-intro muted' },
      'ECS instances and the network interfaces attached to them.',
    ),
    tableArea,
    pagerArea,
  )

  function reload(quiet = false): void {
    const mine = ++generation
    clearTimeout(timer)
    callAction<DescribeInstancesResponse>('DescribeInstances', {
      MaxResults: pager.pageSize,
      NextToken: currentToken(pager) || undefined,
    })
      .then((res) => {
        if (disposed || mine !== generation) return
        pager.nextToken = res.NextToken ?? ''
        render(res.Instances.Instance)
      })
      .catch((e: unknown) => {
        if (disposed || mine !== generation || quiet) return
        const { code, message } = describeError(e)
        replaceChildren(
          tableArea,
          h('p', { class: 'form-error', role: 'alert' }, `${code}: ${message}`),
        )
      })
  }

  function render(instances: readonly Instance[]): void {
    if (instances.length === 0) {
      replaceChildren(
        tableArea,
        h(
          'div',
          { class: 'empty' },
          h('p', null, 'No instances in this region yet.'),
          h(
            'p',
            { class: 'muted' },
            'Create an instance in a vSwitch (VPCs and vSwitches page) with a security group (Security Groups page). Two instances in one vSwitch let an ENI fail over from one to the other.',
          ),
          createButton(() => reload()),
        ),
      )
    } else {
      replaceChildren(
        tableArea,
        h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'data-table' },
            h('caption', { class: 'visually-hidden' }, 'Instances'),
            h('thead', null, h('tr', null, ...COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', null, ...instances.map((i) => renderRow(i, () => reload()))),
          ),
        ),
      )
    }
    replaceChildren(
      pagerArea,
      pagerControls(pager, instances.length, 'Instances', {
        onPage: (page) => {
          pager.page = page
          reload()
        },
        onPageSize: (size) => {
          Object.assign(pager, { pageSize: size, tokens: [''], page: 0 })
          reload()
        },
      }),
    )
    if (instances.some((i) => INSTANCE_TRANSITIONAL.has(i.Status)) && !disposed) {
      timer = setTimeout(() => reload(true), 1000)
    }
  }

  reload()
  return () => {
    disposed = true
    clearTimeout(timer)
  }
}

function renderRow(instance: Instance, onChange: () => void): HTMLTableRowElement {
  const cell = (label: (typeof COLUMNS)[number], ...content: Child[]) =>
    h('td', { 'data-label': label }, ...content)
  const enis = instance.NetworkInterfaces.NetworkInterface
  const id = instance.InstanceId
  const lifecycle = (action: 'StartInstance' | 'StopInstance', verb: string) =>
    openConfirmDialog({
      title: `${verb} instance`,
      message: `${verb} ${id}? Attached network interfaces and their addresses stay as they are.`,
      confirmLabel: verb,
      run: () => callAction(action, { InstanceId: id }),
      onDone: () => {
        // Says what was done, not a state: the Status column follows the instance.
        notify(`${verb} requested for ${id}.`, 'info')
        onChange()
      },
    })
  const release = () =>
    openConfirmDialog({
      title: 'Release instance',
      message: `Release ${id}? Its primary ENI and its addresses are deleted; secondary ENIs are detached (or deleted when DeleteOnRelease is set). ${instance.Status === 'Stopped' ? '' : 'It is not Stopped, so it is released by force.'}`,
      confirmLabel: 'Release',
      danger: true,
      run: () =>
        callAction('DeleteInstance', {
          InstanceId: id,
          Force: instance.Status === 'Stopped' ? undefined : true,
        }),
      onDone: () => {
        notify(`Released ${id}.`)
        onChange()
      },
    })
  return h(
    'tr',
    { 'data-instance-id': id, 'data-status': instance.Status },
    cell(
      'Instance',
      h('span', { class: 'mono strong' }, id),
      instance.InstanceName ? h('span', { class: 'sub' }, instance.InstanceName) : null,
    ),
    cell('Status', statusBadge(instance.Status)),
    cell(
      'Type / zone',
      h('span', { class: 'nowrap sub-first' }, instance.InstanceType),
      h('span', { class: 'nowrap sub' }, instance.ZoneId),
    ),
    cell(
      'VPC / vSwitch',
      h('span', { class: 'mono sub-first' }, instance.VpcAttributes.VpcId || '—'),
      h('span', { class: 'mono sub' }, instance.VpcAttributes.VSwitchId),
    ),
    cell(
      'Primary IP',
      h('span', { class: 'mono' }, instance.VpcAttributes.PrivateIpAddress.IpAddress[0] ?? '—'),
    ),
    cell(
      'Network interfaces',
      enis.length === 0
        ? h('span', { class: 'muted' }, '—')
        : h(
            'ul',
            { class: 'ip-list' },
            ...enis.map((e) =>
              h(
                'li',
                null,
                h('span', { class: 'mono sub-first' }, e.NetworkInterfaceId),
                h(
                  'span',
                  { class: 'sub' },
                  e.PrimaryIpAddress ? h('span', { class: 'mono' }, e.PrimaryIpAddress) : null,
                  h('span', { class: 'tag' }, e.Type),
                ),
              ),
            ),
          ),
    ),
    cell(
      'Actions',
      h(
        'div',
        { class: 'row-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            disabled: instance.Status !== 'Stopped',
            'aria-label': `Start (${id})`,
            onclick: () => lifecycle('StartInstance', 'Start'),
          },
          'Start',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            disabled: instance.Status !== 'Running',
            'aria-label': `Stop (${id})`,
            onclick: () => lifecycle('StopInstance', 'Stop'),
          },
          'Stop',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'link-button danger',
            disabled: INSTANCE_TRANSITIONAL.has(instance.Status),
            'aria-label': `Release (${id})`,
            onclick: release,
          },
          'Release',
        ),
      ),
    ),
  )
}

function createButton(onCreated: () => void): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'btn btn-primary',
      onclick: () => openCreateInstanceDialog({ onCreated }),
    },
    'Create Instance',
  )
}
