// The dataplane's layout as `ip` commands (what the e2e test runs for real as root).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  eniCommands,
  eniRemoveCommand,
  hostEndOf,
  instanceCommands,
  vswitchCommands,
} from './netns-layout.js'

const eni = {
  eniId: 'eni-bp1example',
  instanceId: 'i-1',
  vswitchId: 'vsw-1',
  deviceIndex: 0,
  mac: '00:16:3E:00:00:01',
  primaryIp: '192.168.0.10',
  prefixLength: 24,
  gateway: '192.168.0.253',
}

describe('netns layout', () => {
  it('a vSwitch: bridge with the gateway (fixed MAC), metadata address on lo', () => {
    const lines = vswitchCommands('p-vsw-1', {
      vswitchId: 'vsw-1',
      gateway: '192.168.0.253',
      prefixLength: 24,
    })
    assert.deepEqual(
      lines.map((l) => l.join(' ')),
      [
        'netns add p-vsw-1',
        '-n p-vsw-1 link set lo up',
        '-n p-vsw-1 addr add 100.100.100.200/32 dev lo',
        '-n p-vsw-1 link add br0 address ee:ff:ff:ff:ff:ff type bridge',
        '-n p-vsw-1 addr add 192.168.0.253/24 dev br0',
        '-n p-vsw-1 link set br0 up',
      ],
    )
  })

  it('a dual-stack vSwitch: the IPv6 gateway on the bridge, without DAD', () => {
    const lines = vswitchCommands('p-vsw-1', {
      vswitchId: 'vsw-1',
      gateway: '192.168.0.253',
      prefixLength: 24,
      ipv6Gateway: '2408:4000:0:6a01::1',
    }).map((l) => l.join(' '))
    assert.ok(lines.includes('-n p-vsw-1 addr add 2408:4000:0:6a01::1/64 dev br0 nodad'))
    assert.equal(lines.at(-1), '-n p-vsw-1 link set br0 up')
  })

  it('an instance: ARP answered and announced only from the interface holding the address', () => {
    assert.deepEqual(
      instanceCommands('p-i-1').map((l) => l.join(' ')),
      [
        'netns add p-i-1',
        '-n p-i-1 link set lo up',
        'netns exec p-i-1 sysctl -q -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0',
      ],
    )
  })

  it('an ENI: veth with the MAC and primary address; default route on eth0 only', () => {
    const host = hostEndOf(eni.eniId)
    assert.match(host, /^v[0-9a-f]{12}$/)
    const lines = eniCommands('p-vsw-1', 'p-i-1', eni).map((l) => l.join(' '))
    assert.deepEqual(lines, [
      `-n p-vsw-1 link add ${host} type veth peer name eth0 netns p-i-1`,
      '-n p-i-1 link set eth0 address 00:16:3e:00:00:01',
      '-n p-i-1 addr add 192.168.0.10/24 dev eth0',
      '-n p-i-1 link set eth0 up',
      `-n p-vsw-1 link set ${host} master br0 up`,
      '-n p-i-1 route replace default via 192.168.0.253 dev eth0',
    ])
    const secondary = eniCommands('p-vsw-1', 'p-i-1', { ...eni, deviceIndex: 1 })
    assert.equal(secondary.length, 5)
    assert.equal(secondary[0]?.[9], 'eth1')
    assert.deepEqual(eniRemoveCommand('p-vsw-1', eni.eniId), ['-n', 'p-vsw-1', 'link', 'del', host])
  })
})
