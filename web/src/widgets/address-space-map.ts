// A picture of one vSwitch's IPv4 space: a bar of the shares (free, primary, secondary, /28
// prefix, reserved) and a grid with one cell per address (large CIDRs: per block of addresses,
// coloured by the most notable address in it). The uses come from the vSwitch's ENIs
// (address-uses.ts), which include instances' primary ENIs.
import { cidrSize, formatIpv4, parseCidr } from '../address-checks.js'
import { addressUses, USE_ORDER as ORDER, type Use } from '../address-uses.js'
import { h } from '../element.js'
import type { NetworkInterface, VSwitch } from '../wire-types.js'

const LABELS: Readonly<Record<Use, string>> = {
  free: 'Free',
  primary: 'Primary IP',
  secondary: 'Secondary IP',
  prefix: '/28 prefix',
  reserved: 'Reserved',
}
const MAX_CELLS = 1024

export function renderAddressSpace(vsw: VSwitch, enis: readonly NetworkInterface[]): HTMLElement {
  const cidr = parseCidr(vsw.CidrBlock)
  if (cidr === undefined) return h('p', { class: 'form-error' }, `Invalid CIDR ${vsw.CidrBlock}`)
  const size = cidrSize(cidr)
  const { useOf, counts } = addressUses(cidr, enis)

  const cells = Math.min(size, MAX_CELLS)
  const per = size / cells
  const grid = h('div', {
    class: 'addr-grid',
    role: 'img',
    'aria-label': `${vsw.CidrBlock}: ${ORDER.map((u) => `${counts[u]} ${LABELS[u].toLowerCase()}`).join(', ')}`,
  })
  for (let cell = 0; cell < cells; cell++) {
    const tally: Record<Use, number> = { free: 0, primary: 0, secondary: 0, prefix: 0, reserved: 0 }
    for (let offset = cell * per; offset < (cell + 1) * per; offset++) tally[useOf(offset)] += 1
    const use = ORDER.find((u) => tally[u] > 0) ?? 'free'
    const first = formatIpv4(cidr.network + cell * per)
    const title =
      per === 1
        ? `${first}: ${LABELS[use]}`
        : `${first}–${formatIpv4(cidr.network + (cell + 1) * per - 1)}: ` +
          ORDER.filter((u) => tally[u] > 0)
            .map((u) => `${tally[u]} ${LABELS[u].toLowerCase()}`)
            .join(', ')
    grid.appendChild(h('span', { class: `addr-cell addr-${use}`, title }))
  }

  const bar = h('div', { class: 'addr-bar', 'aria-hidden': 'true' })
  for (const use of ORDER) {
    if (counts[use] === 0) continue
    const part = h('span', { class: `addr-${use}` })
    part.style.width = `${(counts[use] / size) * 100}%`
    bar.appendChild(part)
  }
  return h(
    'div',
    { class: 'addr-space' },
    bar,
    h(
      'ul',
      { class: 'addr-legend' },
      ...ORDER.map((use) =>
        h(
          'li',
          null,
          h('span', { class: `addr-swatch addr-${use}`, 'aria-hidden': 'true' }),
          `${LABELS[use]} `,
          h('strong', { 'data-count': use }, String(counts[use])),
        ),
      ),
    ),
    grid,
    ipv6Line(vsw, enis),
    per === 1
      ? null
      : h(
          'p',
          { class: 'field-hint' },
          `Each cell is ${per} addresses; it shows the most notable use inside it.`,
        ),
  )
}

/** The vSwitch /64's use: IPv6 addresses and /80 prefixes on its ENIs (no map: 2^64 addresses). */
function ipv6Line(vsw: VSwitch, enis: readonly NetworkInterface[]): HTMLElement | null {
  if (!vsw.Ipv6CidrBlock) return null
  const addresses = enis.reduce((n, e) => n + e.Ipv6Sets.Ipv6Set.length, 0)
  const prefixes = enis.reduce((n, e) => n + e.Ipv6PrefixSets.Ipv6PrefixSet.length, 0)
  return h(
    'p',
    { class: 'vsw-ipv6', 'data-role': 'ipv6-use' },
    'IPv6 ',
    h('span', { class: 'mono' }, vsw.Ipv6CidrBlock),
    `: ${addresses} address${addresses === 1 ? '' : 'es'} and ${prefixes} /80 prefix${prefixes === 1 ? '' : 'es'} on ENIs.`,
  )
}
