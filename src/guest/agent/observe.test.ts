// iproute2 JSON as iproute2 6.x prints it (captured in a network namespace).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  parseLinks,
  parseLocalRanges,
  parseRoutes,
  parseRoutes6,
  parseRules,
  parseRules6,
} from './observe.js'

describe('ip -j parsers', () => {
  it('links: MAC, IPv4 addresses with prefix and label, global IPv6 addresses only', () => {
    const text =
      '[{"ifindex":3,"link":"veth1","ifname":"veth0","flags":["UP"],"address":"00:16:3E:AA:BB:01",' +
      '"addr_info":[{"family":"inet","local":"10.7.0.10","prefixlen":24,"label":"veth0"},' +
      '{"family":"inet","local":"10.7.0.11","prefixlen":24,"secondary":true,"label":"veth0:0"},' +
      '{"family":"inet6","local":"2408:4000:0:6A01:0:0:0:10","prefixlen":64,"scope":"global"},' +
      '{"family":"inet6","local":"fe80::216:3eff:feaa:bb01","prefixlen":64,"scope":"link"}]},' +
      '{"ifindex":1,"ifname":"lo","address":"00:00:00:00:00:00"}]'
    assert.deepEqual(parseLinks(text), [
      {
        ifname: 'veth0',
        mac: '00:16:3e:aa:bb:01',
        addresses: [
          { ip: '10.7.0.10', prefixLength: 24, label: 'veth0' },
          { ip: '10.7.0.11', prefixLength: 24, label: 'veth0:0' },
        ],
        addresses6: [{ ip: '2408:4000:0:6a01::10', prefixLength: 64 }],
      },
      { ifname: 'lo', mac: '00:00:00:00:00:00', addresses: [], addresses6: [] },
    ])
  })

  it('rules: /32 sources have no srclen', () => {
    const text =
      '[{"priority":0,"src":"all","table":"local"},{"priority":20001,"src":"10.7.0.11","table":"1001"},' +
      '{"priority":20002,"src":"10.7.0.0","srclen":24,"table":"1001"}]'
    assert.deepEqual(parseRules(text), [
      { priority: 0, from: 'all', table: 'local' },
      { priority: 20001, from: '10.7.0.11/32', table: '1001' },
      { priority: 20002, from: '10.7.0.0/24', table: '1001' },
    ])
  })

  it('routes: numbered tables only', () => {
    const text =
      '[{"dst":"default","gateway":"10.7.0.253","dev":"veth0","table":"1001","flags":[]},' +
      '{"dst":"10.7.0.0/24","dev":"veth0","table":"1001","scope":"link","prefsrc":"10.7.0.10"},' +
      '{"dst":"10.7.0.0/24","dev":"veth0","protocol":"kernel","prefsrc":"10.7.0.10"},' +
      '{"type":"local","dst":"10.7.0.10","dev":"veth0","table":"local"}]'
    assert.deepEqual(parseRoutes(text), [
      { table: '1001', dst: 'default', gateway: '10.7.0.253', dev: 'veth0', prefsrc: undefined },
      { table: '1001', dst: '10.7.0.0/24', gateway: undefined, dev: 'veth0', prefsrc: '10.7.0.10' },
    ])
    assert.deepEqual(parseRoutes(''), [])
  })

  it('IPv6 rules and routes are canonical; local ranges keep only prefixes', () => {
    assert.deepEqual(
      parseRules6(
        '[{"priority":20001,"src":"2408:4000:0:6A01::10","table":"1001"},' +
          '{"priority":20001,"src":"2408:4000:0:6a01:1a2b::","srclen":80,"table":"1001"}]',
      ).map((r) => r.from),
      ['2408:4000:0:6a01::10/128', '2408:4000:0:6a01:1a2b::/80'],
    )
    assert.deepEqual(
      parseRoutes6('[{"dst":"2408:4000:0:6A01::/64","dev":"eth1","table":"1001"}]').map(
        (r) => r.dst,
      ),
      ['2408:4000:0:6a01::/64'],
    )
    const locals =
      '[{"type":"local","dst":"192.168.0.32/28","dev":"eth0","table":"local"},' +
      '{"type":"local","dst":"192.168.0.10","dev":"eth0","table":"local"}]'
    assert.deepEqual(parseLocalRanges(locals, 4), [
      { family: 4, dst: '192.168.0.32/28', dev: 'eth0' },
    ])
  })
})
