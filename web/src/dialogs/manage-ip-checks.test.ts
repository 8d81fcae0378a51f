import assert from 'node:assert/strict'
import { test } from 'node:test'
import { rowProblems, type ManageIpState } from './manage-ip-checks.js'
import { MANAGE_LISTS } from './manage-ip-lists.js'

const empty = { ipv4: [], ipv4Prefix: [], ipv6: [], ipv6Prefix: [] }
const labels = {
  ipv4: MANAGE_LISTS.ipv4.rowLabel,
  ipv4Prefix: MANAGE_LISTS.ipv4Prefix.rowLabel,
  ipv6: MANAGE_LISTS.ipv6.rowLabel,
  ipv6Prefix: MANAGE_LISTS.ipv6Prefix.rowLabel,
}
const state = (over: Partial<ManageIpState>): ManageIpState => ({
  cidr: '192.168.1.0/24',
  ipv6Cidr: '2408:4000:0:1::/64',
  primary: '192.168.1.10',
  existing: empty,
  rows: empty,
  rowLabels: labels,
  ...over,
})

test('blank rows are automatic and never a problem', () => {
  const p = rowProblems(
    state({ rows: { ipv4: [''], ipv4Prefix: [''], ipv6: [''], ipv6Prefix: [''] } }),
  )
  assert.deepEqual(p, {
    ipv4: [undefined],
    ipv4Prefix: [undefined],
    ipv6: [undefined],
    ipv6Prefix: [undefined],
  })
})

test('an IPv4 address inside one of the ENI’s /28s, or typed twice', () => {
  const p = rowProblems(
    state({
      existing: { ...empty, ipv4Prefix: ['192.168.1.32/28'] },
      rows: { ...empty, ipv4: ['192.168.1.40', '192.168.1.60', '192.168.1.60'] },
    }),
  )
  assert.deepEqual(p.ipv4, [
    '192.168.1.40 is already inside 192.168.1.32/28, a /28 prefix of this ENI.',
    undefined,
    '192.168.1.60 is already typed in New IP 2.',
  ])
})

test('a typed /28 holding the primary or a typed address says so; the address row does not', () => {
  const p = rowProblems(
    state({
      rows: {
        ...empty,
        ipv4: ['192.168.1.50'],
        ipv4Prefix: ['192.168.1.0/28', '192.168.1.48/28', '192.168.1.64/28', '192.168.1.64/28'],
      },
    }),
  )
  assert.deepEqual(p.ipv4, [undefined])
  assert.deepEqual(p.ipv4Prefix, [
    '192.168.1.0/28 holds 192.168.1.0, a reserved address: the first and the last three addresses of 192.168.1.0/24 cannot be in a prefix.',
    '192.168.1.48/28 holds 192.168.1.50, typed in New IP 1.',
    undefined,
    '192.168.1.64/28 is already typed in New /28 prefix 3.',
  ])
  const primary = rowProblems(
    state({ rows: { ...empty, ipv4Prefix: ['192.168.1.0/28'] }, cidr: '192.168.0.0/16' }),
  )
  assert.deepEqual(primary.ipv4Prefix, [
    "192.168.1.0/28 holds 192.168.1.10, this ENI's primary address.",
  ])
})

test('IPv6: an address in an assigned /80 is refused on the address; a typed /80 holding a typed address on the /80', () => {
  const p = rowProblems(
    state({
      existing: { ...empty, ipv6: ['2408:4000:0:1::50'], ipv6Prefix: ['2408:4000:0:1:5::/80'] },
      rows: {
        ...empty,
        ipv6: ['2408:4000:0:1:5::9', '2408:4000:0:1:0:0:0:50', '2408:4000:0:1:6::1'],
        ipv6Prefix: ['2408:4000:0:1:6::/80', '2408:4000:0:1:5:0::/80', '2408:4000:0:1:7::/80'],
      },
    }),
  )
  assert.deepEqual(p.ipv6, [
    '2408:4000:0:1:5::9 is inside 2408:4000:0:1:5::/80, a /80 prefix of this ENI.',
    '2408:4000:0:1::50 is already assigned to this ENI.',
    undefined,
  ])
  assert.deepEqual(p.ipv6Prefix, [
    '2408:4000:0:1:6::/80 holds 2408:4000:0:1:6::1, typed in New IPv6 3.',
    '2408:4000:0:1:5::/80 is already assigned to this ENI.',
    undefined,
  ])
})

test('without an IPv6 CIDR no IPv6 row can be sent', () => {
  const p = rowProblems(state({ ipv6Cidr: '', rows: { ...empty, ipv6: [''], ipv6Prefix: ['x'] } }))
  assert.deepEqual(p.ipv6, ['The vSwitch has no IPv6 CIDR.'])
  assert.deepEqual(p.ipv6Prefix, ['The vSwitch has no IPv6 CIDR.'])
})
