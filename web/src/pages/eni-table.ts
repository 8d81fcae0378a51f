// The Network Interfaces table: one row per ENI with what DescribeNetworkInterfaces returns (its
// tags as chips under its ID; its /28s, IPv6 addresses and /80s under its secondary IPs), and the
// row actions. Seven columns fit 1280 px without scrolling (primary and secondary addresses share
// one, the security groups sit under VPC / vSwitch / zone); on narrow screens each row becomes a
// card (CSS; cells carry `data-label`).
import { h, type Child } from '../element.js'
import { statusBadge } from '../widgets/status-badge.js'
import {
  ENI_TRANSITIONAL,
  eniInstanceId,
  ipv4PrefixesOf,
  ipv6AddressesOf,
  ipv6PrefixesOf,
  secondaryIpsOf,
  type NetworkInterface,
} from '../wire-types.js'

export interface EniRowActions {
  manageIps(eni: NetworkInterface): void
  attach(eni: NetworkInterface): void
  detach(eni: NetworkInterface): void
  remove(eni: NetworkInterface): void
  guestConfig(eni: NetworkInterface): void
  editTags(eni: NetworkInterface): void
}

const COLUMNS = [
  'Network interface / type',
  'Status',
  'Private IPs',
  'Instance',
  'VPC / vSwitch / zone / security groups',
  'Actions',
] as const

export function renderEniTable(
  enis: readonly NetworkInterface[],
  actions: EniRowActions,
): HTMLTableElement {
  return h(
    'table',
    { class: 'data-table eni-table' },
    h('caption', { class: 'visually-hidden' }, 'Elastic network interfaces'),
    h('thead', null, h('tr', null, ...COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, ...enis.map((eni) => renderEniRow(eni, actions))),
  )
}

export function renderEniRow(eni: NetworkInterface, actions: EniRowActions): HTMLTableRowElement {
  const secondaries = secondaryIpsOf(eni)
  const instanceId = eniInstanceId(eni)
  const groups = eni.SecurityGroupIds.SecurityGroupId
  const cell = (label: (typeof COLUMNS)[number], ...content: Child[]) =>
    h('td', { 'data-label': label }, ...content)
  return h(
    'tr',
    { 'data-eni-id': eni.NetworkInterfaceId, 'data-status': eni.Status },
    cell(
      'Network interface / type',
      h('span', { class: 'mono strong sub-first' }, eni.NetworkInterfaceId),
      h(
        'span',
        { class: 'sub type-line' },
        eni.NetworkInterfaceName ? `${eni.NetworkInterfaceName} ` : null,
        h('span', { class: 'tag', title: 'Type', 'data-role': 'eni-type' }, eni.Type),
      ),
      tagList(eni),
    ),
    cell('Status', statusBadge(eni.Status)),
    cell(
      'Private IPs',
      h(
        'span',
        { class: 'mono sub-first', title: 'Primary private IP' },
        eni.PrivateIpAddress,
        h('span', { class: 'tag tag-primary' }, 'primary'),
      ),
      secondaries.length === 0
        ? h('span', { class: 'sub' }, 'no secondary')
        : h(
            'ul',
            {
              class: 'ip-list',
              'data-role': 'secondary-ips',
              'aria-label': 'Secondary private IPs',
            },
            ...secondaries.map((ip) => h('li', { class: 'mono' }, ip)),
          ),
      extraList('ipv4-prefixes', 'IPv4 /28 prefixes', ipv4PrefixesOf(eni)),
      extraList('ipv6-addresses', 'IPv6 addresses', ipv6AddressesOf(eni)),
      extraList('ipv6-prefixes', 'IPv6 /80 prefixes', ipv6PrefixesOf(eni)),
    ),
    cell(
      'Instance',
      instanceId === ''
        ? h('span', { class: 'muted' }, '—')
        : [
            h('span', { class: 'mono' }, instanceId),
            eni.Attachment === undefined
              ? null
              : h('span', { class: 'sub' }, `eth${eni.Attachment.DeviceIndex}`),
          ],
    ),
    cell(
      'VPC / vSwitch / zone / security groups',
      h('span', { class: 'mono sub-first', title: 'VPC' }, eni.VpcId),
      h('span', { class: 'mono sub', title: 'vSwitch' }, eni.VSwitchId),
      h('span', { class: 'sub' }, eni.ZoneId),
      groups.map((g) => h('span', { class: 'mono sub', title: 'Security group' }, g)),
    ),
    cell('Actions', rowActions(eni, actions)),
  )
}

/** IPv4 prefixes, IPv6 addresses or IPv6 prefixes under the secondary IPs (nothing when none). */
function extraList(role: string, label: string, items: readonly string[]): HTMLElement | null {
  if (items.length === 0) return null
  return h(
    'ul',
    { class: 'ip-list ip-list-extra', 'data-role': role, 'aria-label': label },
    ...items.map((item) => h('li', { class: 'mono' }, item)),
  )
}

/** The ENI's tags as `key=value` chips (`key` alone when the value is empty). */
function tagList(eni: NetworkInterface): HTMLElement | null {
  const tags = eni.Tags.Tag
  if (tags.length === 0) return null
  return h(
    'ul',
    { class: 'tag-list', 'data-role': 'tags', 'aria-label': 'Tags' },
    ...tags.map((t) =>
      h(
        'li',
        { class: 'tag-chip mono' },
        t.TagValue === '' ? t.TagKey : `${t.TagKey}=${t.TagValue}`,
      ),
    ),
  )
}

function rowActions(eni: NetworkInterface, actions: EniRowActions): HTMLElement {
  const busy = ENI_TRANSITIONAL.has(eni.Status)
  const primary = eni.Type === 'Primary'
  const attached = eniInstanceId(eni) !== ''
  const id = eni.NetworkInterfaceId
  const link = (label: string, onclick: () => void, disabled: boolean, extra = '') =>
    h(
      'button',
      {
        type: 'button',
        class: `link-button ${extra}`.trim(),
        disabled,
        'aria-label': `${label} (${id})`,
        onclick,
      },
      label,
    )
  return h(
    'div',
    { class: 'row-actions' },
    link('Manage Secondary Private IP Address', () => actions.manageIps(eni), busy),
    primary
      ? null
      : attached
        ? link('Detach', () => actions.detach(eni), eni.Status !== 'InUse')
        : link('Attach', () => actions.attach(eni), eni.Status !== 'Available'),
    link('Edit tags', () => actions.editTags(eni), eni.Status === 'Deleting'),
    link('Guest config', () => actions.guestConfig(eni), eni.Status === 'Deleting'),
    primary
      ? null
      : link('Delete', () => actions.remove(eni), eni.Status !== 'Available', 'danger'),
  )
}
