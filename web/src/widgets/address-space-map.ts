// A picture of one vSwitch's IPv4 space: a bar of the shares (free, primary, secondary,
// reserved) and a grid with one cell per address (large CIDRs: per block of addresses, coloured
// by the most notable address in it). Primary/secondary come from the vSwitch's ENIs
// (DescribeNetworkInterfaces VSwitchId=…), which include instances' primary ENIs.
import { cidrSize, formatIpv4, isReserved, parseCidr, parseIpv4 } from '../address-checks.js'
import { h } from '../element.js'
import type { NetworkInterface, VSwitch } from '../wire-types.js'

type Use = 'free' | 'primary' | 'secondary' | 'reserved'
const ORDER: readonly Use[] = ['primary', 'secondary', 'reserved', 'free']
const LABELS: Readonly<Record<Use, string>> = {
  free: 'Free',
  primary: 'Primary IP',
  secondary: 'Secondary IP',
  reserved: 'Reserved',
}
const MAX_CELLS = 1024

export function renderAddressSpace(vsw: VSwitch, enis: readonly NetworkInterface[]): HTMLElement {
  const cidr = parseCidr(vsw.CidrBlock)
  if (cidr === undefined) return h('p', { class: 'form-error' }, `Invalid CIDR ${vsw.CidrBlock}`)
  const size = cidrSize(cidr)
  const used = new Map<number, Use>()
  for (const eni of enis) {
    for (const ip of eni.PrivateIpSets.PrivateIpSet) {
      const value = parseIpv4(ip.PrivateIpAddress)
      if (value !== undefined) used.set(value - cidr.network, ip.Primary ? 'primary' : 'secondary')
    }
  }
  const useOf = (offset: number): Use =>
    isReserved(cidr, cidr.network + offset) ? 'reserved' : (used.get(offset) ?? 'free')
  const counts: Record<Use, number> = { free: 0, primary: 0, secondary: 0, reserved: 4 }
  for (const use of used.values()) counts[use] += 1
  counts.free = size - counts.reserved - counts.primary - counts.secondary

  const cells = Math.min(size, MAX_CELLS)
  const per = size / cells
  const grid = h('div', {
    class: 'addr-grid',
    role: 'img',
    'aria-label': `${vsw.CidrBlock}: ${ORDER.map((u) => `${counts[u]} ${LABELS[u].toLowerCase()}`).join(', ')}`,
  })
  for (let cell = 0; cell < cells; cell++) {
    const tally: Record<Use, number> = { free: 0, primary: 0, secondary: 0, reserved: 0 }
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
    per === 1
      ? null
      : h(
          'p',
          { class: 'field-hint' },
          `Each cell is ${per} addresses; it shows the most notable use inside it.`,
        ),
  )
}
