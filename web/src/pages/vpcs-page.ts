// VPCs and vSwitches: each VPC with its vSwitches; each vSwitch shows its CIDR, zone, status,
// AvailableIpAddressCount and, when opened, a picture of its address space.
import { listVSwitchEnis, listVSwitches, listVpcs } from '../catalog-queries.js'
import { describeError } from '../console-api.js'
import { cidrSize, parseCidr } from '../address-checks.js'
import { h, replaceChildren } from '../element.js'
import { renderAddressSpace } from '../widgets/address-space-map.js'
import { statusBadge } from '../widgets/status-badge.js'
import type { VSwitch, Vpc } from '../wire-types.js'

/** Address maps open by themselves when there are at most this many vSwitches. */
const AUTO_OPEN = 4

export function mountVpcsPage(container: HTMLElement): () => void {
  let disposed = false
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
      ),
    ),
    h(
      'p',
      { class: 'page-intro muted' },
      'Each vSwitch reserves its first and last three addresses; the rest are free or used by ENI primary and secondary IPs.',
    ),
    body,
  )

  async function load(): Promise<void> {
    try {
      const [vpcs, vswitches] = await Promise.all([listVpcs(), listVSwitches()])
      if (disposed) return
      if (vpcs.length === 0) {
        replaceChildren(
          body,
          h(
            'div',
            { class: 'empty' },
            h('p', null, 'No VPC in this region.'),
            h('p', { class: 'muted' }, 'Create one with CreateVpc through the API or CLI.'),
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
          ),
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

function renderVpc(vpc: Vpc, vswitches: readonly VSwitch[], open: boolean): HTMLElement {
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
      statusBadge(vpc.Status),
    ),
    vswitches.length === 0
      ? h('p', { class: 'muted card-pad' }, 'No vSwitch in this VPC.')
      : h('div', { class: 'vsw-list' }, ...vswitches.map((v) => renderVSwitch(v, open))),
  )
}

function renderVSwitch(vsw: VSwitch, open: boolean): HTMLElement {
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
      statusBadge(vsw.Status),
    ),
    h(
      'dl',
      { class: 'summary-grid' },
      h('div', null, h('dt', null, 'CIDR'), h('dd', { class: 'mono' }, vsw.CidrBlock)),
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
