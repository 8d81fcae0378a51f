// VPCs and vSwitches: each VPC with its vSwitches; each vSwitch shows its CIDR (and IPv6 /64),
// zone, status, AvailableIpAddressCount and, when opened, a picture of its address space. Create
// VPC, Create vSwitch (per VPC) and Delete for both; Pending ones are re-read until Available.
import { listVSwitchEnis, listVSwitches, listVpcs } from '../catalog-queries.js'
import { callAction, describeError } from '../console-api.js'
import { openConfirmDialog } from '../dialogs/confirm-dialog.js'
import { openCreateVpcDialog } from '../dialogs/create-vpc-dialog.js'
import { openCreateVSwitchDialog } from '../dialogs/create-vswitch-dialog.js'
import { notify } from '../widgets/notices.js'
import { cidrSize, parseCidr } from '../address-checks.js'
import { h, replaceChildren } from '../element.js'
import { renderAddressSpace } from '../widgets/address-space-map.js'
import { statusBadge } from '../widgets/status-badge.js'
import type { VSwitch, Vpc } from '../wire-types.js'

/** Address maps open by themselves when there are at most this many vSwitches. */
const AUTO_OPEN = 4

export function mountVpcsPage(container: HTMLElement): () => void {
  let disposed = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const reload = () => void load()
  const createVpc = () =>
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-primary',
        onclick: () => openCreateVpcDialog({ onCreated: reload }),
      },
      'Create VPC',
    )
  const body = h(
    'div',
    { class: 'vpc-list', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Loading…'),
  )
  replaceChildren(
    container,
    h(
      'div',
      { class: 'page-header' },
      h('h1', { tabindex: '-1' }, 'VPCs and vSwitches'),
      h(
        'div',
        { class: 'page-actions' },
        h('button', { type: 'button', class: 'btn', onclick: () => void load() }, 'Refresh'),
        createVpc(),
      ),
    ),
    h(
      'p',
      { class: 'page-intro muted' },
      'Each vSwitch reserves its first and last three addresses; the rest are free or used by ENI primary and secondary IPs and /28 prefixes (16 addresses each).',
    ),
    body,
  )

  async function load(): Promise<void> {
    clearTimeout(timer)
    try {
      const [vpcs, vswitches] = await Promise.all([listVpcs(), listVSwitches()])
      if (disposed) return
      if (vpcs.length === 0) {
        replaceChildren(
          body,
          h(
            'div',
            { class: 'empty' },
            h('p', null, 'No VPC in this region yet.'),
            h(
              'p',
              { class: 'muted' },
              'Everything starts with a VPC: Create VPC, then Create vSwitch in it. ENIs and instances take their addresses from a vSwitch.',
            ),
            createVpc(),
          ),
        )
        return
      }
      const open = vswitches.length <= AUTO_OPEN
      replaceChildren(
        body,
        ...vpcs.map((vpc) =>
          renderVpc(
            vpc,
            vswitches.filter((v) => v.VpcId === vpc.VpcId),
            open,
            reload,
          ),
        ),
      )
      const pending = [...vpcs, ...vswitches].some((r) => r.Status === 'Pending')
      if (pending && !disposed) timer = setTimeout(reload, 1000)
    } catch (e: unknown) {
      if (disposed) return
      const { code, message } = describeError(e)
      replaceChildren(body, h('p', { class: 'form-error', role: 'alert' }, `${code}: ${message}`))
    }
  }

  void load()
  return () => {
    disposed = true
    clearTimeout(timer)
  }
}

function deleteButton(
  what: 'VPC' | 'vSwitch',
  id: string,
  message: string,
  run: () => Promise<unknown>,
  onDone: () => void,
): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'link-button danger',
      'aria-label': `Delete (${id})`,
      onclick: () =>
        openConfirmDialog({
          title: `Delete ${what}`,
          message,
          confirmLabel: 'Delete',
          danger: true,
          run,
          onDone: () => {
            notify(`Delete requested for ${id}.`)
            onDone()
          },
        }),
    },
    'Delete',
  )
}

function renderVpc(
  vpc: Vpc,
  vswitches: readonly VSwitch[],
  open: boolean,
  reload: () => void,
): HTMLElement {
  const createVSwitch = h(
    'button',
    {
      type: 'button',
      class: vswitches.length === 0 ? 'btn btn-primary btn-small' : 'btn btn-small',
      'aria-label': `Create vSwitch (${vpc.VpcId})`,
      disabled: vpc.Status !== 'Available',
      onclick: () => openCreateVSwitchDialog({ vpcId: vpc.VpcId, onCreated: reload }),
    },
    'Create vSwitch',
  )
  return h(
    'section',
    { class: 'card vpc-card', 'aria-label': `VPC ${vpc.VpcId}` },
    h(
      'header',
      { class: 'card-header' },
      h(
        'h2',
        null,
        h('span', { class: 'mono' }, vpc.VpcId),
        vpc.VpcName ? h('span', { class: 'sub-inline' }, vpc.VpcName) : null,
      ),
      h('span', { class: 'mono muted' }, vpc.CidrBlock),
      vpc.Ipv6CidrBlock
        ? h('span', { class: 'mono muted', 'data-role': 'vpc-ipv6' }, vpc.Ipv6CidrBlock)
        : null,
      statusBadge(vpc.Status),
      h(
        'span',
        { class: 'card-actions' },
        createVSwitch,
        deleteButton(
          'VPC',
          vpc.VpcId,
          `Delete ${vpc.VpcId}? A VPC that still has vSwitches or security groups is refused.`,
          () => callAction('DeleteVpc', { VpcId: vpc.VpcId }),
          reload,
        ),
      ),
    ),
    vswitches.length === 0
      ? h(
          'p',
          { class: 'muted card-pad' },
          'No vSwitch in this VPC yet: Create vSwitch gives ENIs and instances their addresses.',
        )
      : h('div', { class: 'vsw-list' }, ...vswitches.map((v) => renderVSwitch(v, open, reload))),
  )
}

function renderVSwitch(vsw: VSwitch, open: boolean, reload: () => void): HTMLElement {
  const cidr = parseCidr(vsw.CidrBlock)
  const usable = cidr === undefined ? 0 : cidrSize(cidr) - 4
  const mapArea = h('div', { class: 'addr-area' })
  const details = h(
    'details',
    { class: 'vsw-details', 'data-vswitch-id': vsw.VSwitchId },
    h('summary', null, 'Address space'),
    mapArea,
  )
  let loaded = false
  details.addEventListener('toggle', () => {
    if (!details.open || loaded) return
    loaded = true
    replaceChildren(mapArea, h('p', { class: 'muted' }, 'Loading addresses…'))
    listVSwitchEnis(vsw.VSwitchId)
      .then((enis) => replaceChildren(mapArea, renderAddressSpace(vsw, enis)))
      .catch((e: unknown) => {
        loaded = false
        const { code, message } = describeError(e)
        replaceChildren(mapArea, h('p', { class: 'form-error' }, `${code}: ${message}`))
      })
  })
  if (open) details.open = true
  return h(
    'article',
    { class: 'vsw' },
    h(
      'div',
      { class: 'vsw-head' },
      h(
        'div',
        null,
        h('h3', { class: 'mono' }, vsw.VSwitchId),
        vsw.VSwitchName ? h('span', { class: 'sub' }, vsw.VSwitchName) : null,
      ),
      h(
        'span',
        { class: 'card-actions' },
        statusBadge(vsw.Status),
        deleteButton(
          'vSwitch',
          vsw.VSwitchId,
          `Delete ${vsw.VSwitchId}? A vSwitch that still has ENIs or instances is refused.`,
          () => callAction('DeleteVSwitch', { VSwitchId: vsw.VSwitchId }),
          reload,
        ),
      ),
    ),
    h(
      'dl',
      { class: 'summary-grid' },
      h('div', null, h('dt', null, 'CIDR'), h('dd', { class: 'mono' }, vsw.CidrBlock)),
      vsw.Ipv6CidrBlock
        ? h(
            'div',
            null,
            h('dt', null, 'IPv6 CIDR'),
            h('dd', { class: 'mono', 'data-role': 'vswitch-ipv6' }, vsw.Ipv6CidrBlock),
          )
        : null,
      h('div', null, h('dt', null, 'Zone'), h('dd', null, vsw.ZoneId)),
      h(
        'div',
        null,
        h('dt', null, 'AvailableIpAddressCount'),
        h(
          'dd',
          null,
          h('strong', { 'data-role': 'available-count' }, String(vsw.AvailableIpAddressCount)),
          h('span', { class: 'muted' }, ` of ${usable} usable`),
        ),
      ),
    ),
    details,
  )
}
