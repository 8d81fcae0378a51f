import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { InterfaceDescription, RenderRequest } from './interface-description.js'
import { planRender } from './render-plan.js'

const ETH0: InterfaceDescription = {
  deviceName: 'eth0',
  deviceIndex: 0,
  macAddress: '00:16:3E:00:00:01',
  primaryIp: '192.168.0.10',
  secondaryIps: ['192.168.0.12', '192.168.0.11', '192.168.0.12', '192.168.0.10'],
  prefixLength: 24,
  netmask: '255.255.255.0',
  gateway: '192.168.0.253',
  vswitchCidr: '192.168.0.0/24',
}
const add = (iface: Partial<InterfaceDescription> = {}): RenderRequest => ({
  iface: { ...ETH0, ...iface },
  mode: 'add',
})

describe('planRender', () => {
  it('sorts numerically, drops duplicates and the primary, lower-cases the MAC', () => {
    const plan = planRender(add({ secondaryIps: ['192.168.0.100', '192.168.0.9', '192.168.0.10'] }))
    assert.deepEqual(
      plan.keep.map((a) => [a.ip, a.alias, a.label]),
      [
        ['192.168.0.9', 0, 'eth0:0'],
        ['192.168.0.100', 1, 'eth0:1'],
      ],
    )
    assert.equal(plan.mac, '00:16:3e:00:00:01')
    assert.equal(plan.policy, undefined)
  })

  it('revoke keeps the survivors’ suffixes (numbering over kept + revoked)', () => {
    const plan = planRender({
      iface: { ...ETH0, secondaryIps: ['192.168.0.12'] },
      mode: 'revoke',
      revoked: ['192.168.0.11'],
    })
    assert.deepEqual(plan.keep, [{ ip: '192.168.0.12', alias: 1, label: 'eth0:1' }])
    assert.deepEqual(plan.revoke, [{ ip: '192.168.0.11', alias: 0, label: 'eth0:0' }])
  })

  it('aliasIndexes pin suffixes; new addresses take the lowest free one', () => {
    const plan = planRender(
      add({
        secondaryIps: ['192.168.0.5', '192.168.0.11', '192.168.0.12'],
        aliasIndexes: { '192.168.0.12': 0, '192.168.0.11': 2 },
      }),
    )
    assert.deepEqual(
      plan.keep.map((a) => [a.ip, a.alias]),
      [
        ['192.168.0.5', 1],
        ['192.168.0.11', 2],
        ['192.168.0.12', 0],
      ],
    )
  })

  it('labels only when every <dev>:<N> fits in 15 characters', () => {
    const twelve = 'abcdefghijkl'
    assert.equal(planRender(add({ deviceName: twelve })).labelled, true) // abcdefghijkl:1 = 14
    const many = Array.from({ length: 11 }, (_, i) => `192.168.0.${i + 20}`)
    const thirteen = planRender(add({ deviceName: `${twelve}m`, secondaryIps: many }))
    assert.equal(thirteen.labelled, false) // …:10 = 16 characters
    assert.ok(thirteen.keep.every((a) => a.label === undefined))
  })

  it('secondary ENIs get table 1000+n, priority 20000+n, metric (n+1)*100, or the given ones', () => {
    assert.deepEqual(planRender(add({ deviceIndex: 1 })).policy, {
      table: 1001,
      priority: 20001,
      metric: 200,
    })
    assert.deepEqual(
      planRender(add({ deviceIndex: 3, routeTable: 10003, rulePriority: 30003 })).policy,
      { table: 10003, priority: 30003, metric: 400 },
    )
  })

  const rejects: [string, RenderRequest][] = [
    ['shell in an address', add({ secondaryIps: ['192.168.0.11; reboot'] })],
    ['leading zero', add({ secondaryIps: ['192.168.0.011'] })],
    ['address outside the vSwitch', add({ secondaryIps: ['192.168.1.11'] })],
    ['gateway outside the vSwitch', add({ gateway: '10.0.0.1' })],
    ['the gateway as a secondary', add({ secondaryIps: ['192.168.0.253'] })],
    ['device name with a space', add({ deviceName: 'eth0 up' })],
    ['device name too long', add({ deviceName: 'enx0011223344556' })],
    ['bad MAC', add({ macAddress: '00:16:3e:00:00' })],
    ['netmask disagrees', add({ netmask: '255.255.0.0' })],
    ['prefix disagrees with the vSwitch', add({ prefixLength: 25, netmask: '255.255.255.128' })],
    ['unaligned CIDR', add({ vswitchCidr: '192.168.0.1/24' })],
    ['reserved table', add({ deviceIndex: 1, routeTable: 254 })],
    ['duplicate alias suffix', add({ aliasIndexes: { '192.168.0.11': 0, '192.168.0.12': 0 } })],
    ['unsafe adapter name', add({ windowsAdapterName: 'Ethernet" & del' })],
    ['bad DNS', add({ nameservers: ['dns.example'] })],
    ['revoked in add mode', { iface: ETH0, mode: 'add', revoked: ['192.168.0.11'] }],
    ['revoking the primary', { iface: ETH0, mode: 'revoke', revoked: ['192.168.0.10'] }],
  ]
  for (const [what, req] of rejects) {
    it(`rejects ${what}`, () => {
      assert.throws(() => planRender(req), RangeError)
    })
  }
})
