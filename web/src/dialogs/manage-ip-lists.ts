// The words of the Manage dialog's four lists: titles, button and row labels (the names the
// console tests and screen readers find them by), empty states and hints.
import type { AddressRowsSpec } from './address-rows.js'
import type { ItemKind } from './secondary-ip-plan.js'

export const MANAGE_LISTS: Readonly<Record<ItemKind, AddressRowsSpec>> = {
  ipv4: {
    item: 'ipv4',
    title: 'Secondary private IP addresses',
    addLabel: '+ Assign New IP',
    rowLabel: 'New IP',
    rowRole: 'new-ip-row',
    rowNoun: 'IP',
    emptyText: 'No secondary private IP address yet.',
    placeholder: 'Automatic (leave blank)',
    hint: 'Enter an address inside the IPv4 Private CIDR, or leave a row blank and the system picks a free address at random.',
  },
  ipv4Prefix: {
    item: 'ipv4Prefix',
    title: 'IPv4 prefixes (/28)',
    addLabel: '+ Assign IPv4 Prefix',
    rowLabel: 'New /28 prefix',
    rowRole: 'new-ipv4-prefix-row',
    rowNoun: '/28',
    emptyText: 'No IPv4 prefix yet.',
    placeholder: 'Automatic /28 (leave blank)',
    hint: 'A /28 is 16 addresses in one slot of the limit above. Enter an aligned /28 inside the IPv4 Private CIDR, or leave a row blank for a free one.',
  },
  ipv6: {
    item: 'ipv6',
    title: 'IPv6 addresses',
    addLabel: '+ Assign IPv6 Address',
    rowLabel: 'New IPv6',
    rowRole: 'new-ipv6-row',
    rowNoun: 'IPv6',
    emptyText: 'No IPv6 address yet.',
    placeholder: 'Automatic (leave blank)',
    hint: 'Enter an address inside the IPv6 CIDR of the vSwitch, or leave a row blank and the system picks a free address at random.',
  },
  ipv6Prefix: {
    item: 'ipv6Prefix',
    title: 'IPv6 prefixes (/80)',
    addLabel: '+ Assign IPv6 Prefix',
    rowLabel: 'New /80 prefix',
    rowRole: 'new-ipv6-prefix-row',
    rowNoun: '/80',
    emptyText: 'No IPv6 prefix yet.',
    placeholder: 'Automatic /80 (leave blank)',
    hint: 'A /80 takes one slot of the IPv6 limit. Enter a /80 inside the IPv6 CIDR of the vSwitch, or leave a row blank for a free one.',
  },
}
