// Security Groups: every group of the region with its VPC and type; Create Security Group and
// Delete. An ENI or an instance joins groups of its own VPC.
import { describeError, callAction } from '../console-api.js'
import { listVpcs } from '../catalog-queries.js'
import { openConfirmDialog } from '../dialogs/confirm-dialog.js'
import { openCreateSecurityGroupDialog } from '../dialogs/create-security-group-dialog.js'
import { h, replaceChildren } from '../element.js'
import { notify } from '../widgets/notices.js'
import type { DescribeSecurityGroupsResponse, SecurityGroup } from '../wire-types.js'

const COLUMNS = ['Security group', 'VPC', 'Type', 'Created', 'Actions'] as const

export function mountSecurityGroupsPage(container: HTMLElement): () => void {
  let disposed = false
  const body = h(
    'div',
    { class: 'table-area', 'aria-live': 'polite' },
    h('p', { class: 'muted card-pad' }, 'Loading…'),
  )
  const create = () =>
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-primary',
        onclick: () => openCreateSecurityGroupDialog({ onCreated: () => void load() }),
      },
      'Create Security Group',
    )
  replaceChildren(
    container,
    h(
      'div',
      { class: 'page-header' },
      h('h1', { tabindex: '-1' }, 'Security Groups'),
      h(
        'div',
        { class: 'page-actions' },
        h('button', { type: 'button', class: 'btn', onclick: () => void load() }, 'Refresh'),
        create(),
      ),
    ),
    h(
      'p',
      { class: 'page-intro muted' },
      'ENIs and instances join security groups of their VPC. A group holds at most 2,000 private IP addresses of its member ENIs, primary and secondary.',
    ),
    body,
  )

  async function load(): Promise<void> {
    try {
      const [groups, vpcs] = await Promise.all([allGroups(), listVpcs()])
      if (disposed) return
      if (groups.length === 0) {
        replaceChildren(
          body,
          h(
            'div',
            { class: 'empty' },
            h('p', null, 'No security groups in this region yet.'),
            h(
              'p',
              { class: 'muted' },
              vpcs.length === 0
                ? 'A security group belongs to a VPC: Create VPC on the VPCs and vSwitches page first.'
                : 'Create one in your VPC; ENIs and instances need one.',
            ),
            vpcs.length === 0
              ? h('a', { class: 'btn', href: '#/vpcs' }, 'Go to VPCs and vSwitches')
              : create(),
          ),
        )
        return
      }
      replaceChildren(
        body,
        h(
          'table',
          { class: 'data-table' },
          h('caption', { class: 'visually-hidden' }, 'Security groups'),
          h('thead', null, h('tr', null, ...COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', null, ...groups.map((g) => renderRow(g, () => void load()))),
        ),
      )
    } catch (e: unknown) {
      if (disposed) return
      const { code, message } = describeError(e)
      replaceChildren(body, h('p', { class: 'form-error', role: 'alert' }, `${code}: ${message}`))
    }
  }

  void load()
  return () => {
    disposed = true
  }
}

async function allGroups(): Promise<SecurityGroup[]> {
  const out: SecurityGroup[] = []
  for (let page = 1; page <= 100; page++) {
    const res = await callAction<DescribeSecurityGroupsResponse>('DescribeSecurityGroups', {
      PageNumber: page,
      PageSize: 50,
    })
    out.push(...res.SecurityGroups.SecurityGroup)
    if (res.SecurityGroups.SecurityGroup.length < 50 || out.length >= res.TotalCount) break
  }
  return out
}

function renderRow(g: SecurityGroup, onChange: () => void): HTMLTableRowElement {
  const id = g.SecurityGroupId
  const cell = (label: (typeof COLUMNS)[number], ...content: Array<Node | string | null>) =>
    h('td', { 'data-label': label }, ...content)
  return h(
    'tr',
    { 'data-security-group-id': id },
    cell(
      'Security group',
      h('span', { class: 'mono strong sub-first' }, id),
      g.SecurityGroupName ? h('span', { class: 'sub' }, g.SecurityGroupName) : null,
    ),
    cell('VPC', h('span', { class: 'mono' }, g.VpcId || '—')),
    cell('Type', g.SecurityGroupType === 'enterprise' ? 'Advanced (enterprise)' : 'Basic (normal)'),
    cell('Created', h('span', { class: 'nowrap' }, g.CreationTime)),
    cell(
      'Actions',
      h(
        'button',
        {
          type: 'button',
          class: 'link-button danger',
          'aria-label': `Delete (${id})`,
          onclick: () =>
            openConfirmDialog({
              title: 'Delete security group',
              message: `Delete ${id}? A group that still has member ENIs or instances is refused.`,
              confirmLabel: 'Delete',
              danger: true,
              run: () => callAction('DeleteSecurityGroup', { SecurityGroupId: id }),
              onDone: () => {
                notify(`Deleted ${id}.`)
                onChange()
              },
            }),
        },
        'Delete',
      ),
    ),
  )
}
