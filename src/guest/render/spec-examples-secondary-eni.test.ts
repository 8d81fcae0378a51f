// The renderers against the exact text of spec/guest-os.md §13 for its extra example (§0.2:
// secondary ENI eth1, table 1001, priority 20001). Each expected string is copied from the spec.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { InterfaceDescription, RenderRequest, RenderedFile } from './interface-description.js'
import type { GuestOs } from './render.js'
import { renderGuestConfig } from './render.js'

const ETH1: InterfaceDescription = {
  deviceName: 'eth1',
  deviceIndex: 1,
  macAddress: '00:16:3e:00:00:02',
  primaryIp: '192.168.0.20',
  secondaryIps: ['192.168.0.21'],
  prefixLength: 24,
  netmask: '255.255.255.0',
  gateway: '192.168.0.253',
  vswitchCidr: '192.168.0.0/24',
}
const ADD1: RenderRequest = { iface: ETH1, mode: 'add' }
const REVOKE1: RenderRequest = { iface: ETH1, mode: 'revoke', revoked: ['192.168.0.21'] }

function entry(os: GuestOs, req: RenderRequest, path: string): RenderedFile {
  const found = renderGuestConfig(os, req).find((file) => file.path === path)
  assert.ok(found, `${os} renders ${path}`)
  return found
}

const text = (lines: string[]): string => lines.join('\n') + '\n'

describe('spec/guest-os.md §13 policy routing (eth1)', () => {
  it('§13 runtime policy routing for eth1', () => {
    assert.equal(
      entry('ip', ADD1, 'apply.sh').content,
      text([
        'ip -4 route replace default via 192.168.0.253 dev eth1 table 1001',
        'ip -4 route replace 192.168.0.0/24 dev eth1 src 192.168.0.20 table 1001',
        'ip -4 rule add from 192.168.0.20/32 lookup 1001 priority 20001',
        'ip -4 addr add 192.168.0.21/24 brd + dev eth1 label eth1:0',
        'ip -4 rule add from 192.168.0.21/32 lookup 1001 priority 20001',
      ]),
    )
    assert.equal(
      entry('ip', REVOKE1, 'revoke.sh').content,
      text([
        'ip -4 rule del from 192.168.0.21/32 lookup 1001 priority 20001',
        'ip -4 addr del 192.168.0.21/24 dev eth1',
      ]),
    )
  })

  it('§13 initscripts route-eth1 / rule-eth1 and ifcfg-eth1', () => {
    const dir = '/etc/sysconfig/network-scripts'
    for (const os of ['rhel', 'rhel-ipaddrn'] as const) {
      assert.equal(
        entry(os, ADD1, `${dir}/route-eth1`).content,
        text([
          'default via 192.168.0.253 dev eth1 table 1001',
          '192.168.0.0/24 dev eth1 src 192.168.0.20 table 1001',
        ]),
      )
      assert.equal(
        entry(os, ADD1, `${dir}/rule-eth1`).content,
        text([
          'from 192.168.0.20/32 table 1001 priority 20001',
          'from 192.168.0.21/32 table 1001 priority 20001',
        ]),
      )
    }
    const parent = entry('rhel', ADD1, `${dir}/ifcfg-eth1`).content
    for (const line of ['BOOTPROTO=dhcp', 'DEFROUTE=no', 'HWADDR=00:16:3e:00:00:02']) {
      assert.ok(parent.split('\n').includes(line), line)
    }
  })

  it('§13 nmcli and keyfile', () => {
    assert.equal(
      entry('nmcli', ADD1, 'apply.sh').content,
      text([
        'CON1=$(nmcli -g GENERAL.CONNECTION device show eth1)',
        'nmcli connection modify "$CON1" ipv4.never-default yes \\',
        '  +ipv4.addresses "192.168.0.21/24" \\',
        '  +ipv4.routes "0.0.0.0/0 192.168.0.253 table=1001, 192.168.0.0/24 table=1001" \\',
        '  +ipv4.routing-rules "priority 20001 from 192.168.0.20/32 table 1001, priority 20001 from 192.168.0.21/32 table 1001"',
        'nmcli device reapply eth1',
      ]),
    )
    const keyfile = entry(
      'rhel-nm',
      ADD1,
      '/etc/NetworkManager/system-connections/eth1.nmconnection',
    )
    for (const line of [
      'route1=0.0.0.0/0,192.168.0.253',
      'route1_options=table=1001',
      'routing-rule1=priority 20001 from 192.168.0.20/32 table 1001',
    ]) {
      assert.ok(keyfile.content.split('\n').includes(line), line)
    }
  })

  it('§13 netplan', () => {
    assert.equal(
      entry('netplan', ADD1, '/etc/netplan/60-eni-eth1.yaml').content,
      text([
        'network:',
        '  version: 2',
        '  ethernets:',
        '    eth1:',
        '      match:',
        '        macaddress: "00:16:3e:00:00:02"',
        '      set-name: eth1',
        '      dhcp4: true',
        '      dhcp4-overrides:',
        '        route-metric: 200',
        '      addresses:',
        '        - 192.168.0.21/24',
        '      routes:',
        '        - to: 0.0.0.0/0',
        '          via: 192.168.0.253',
        '          table: 1001',
        '        - to: 192.168.0.0/24',
        '          scope: link',
        '          table: 1001',
        '      routing-policy:',
        '        - from: 192.168.0.20',
        '          table: 1001',
        '          priority: 20001',
        '        - from: 192.168.0.21',
        '          table: 1001',
        '          priority: 20001',
      ]),
    )
  })

  it('§13 systemd-networkd', () => {
    assert.equal(
      entry('networkd', ADD1, '/etc/systemd/network/10-eth1.network').content,
      text([
        '[Match]',
        'MACAddress=00:16:3e:00:00:02',
        '',
        '[Network]',
        'DHCP=ipv4',
        '',
        '[DHCPv4]',
        'RouteMetric=200',
        '',
        '[Address]',
        'Address=192.168.0.21/24',
        'Label=eth1:0',
        '',
        '[Route]',
        'Gateway=192.168.0.253',
        'Table=1001',
        '',
        '[Route]',
        'Destination=192.168.0.0/24',
        'Scope=link',
        'Table=1001',
        '',
        '[RoutingPolicyRule]',
        'From=192.168.0.20/32',
        'Table=1001',
        'Priority=20001',
        '',
        '[RoutingPolicyRule]',
        'From=192.168.0.21/32',
        'Table=1001',
        'Priority=20001',
      ]),
    )
  })

  it('§13 wicked ifcfg-eth1, ifroute-eth1, ifrule-eth1', () => {
    const dir = '/etc/sysconfig/network'
    assert.equal(
      entry('sles', ADD1, `${dir}/ifcfg-eth1`).content,
      text([
        "BOOTPROTO='dhcp'",
        "STARTMODE='auto'",
        "DHCLIENT_SET_DEFAULT_ROUTE='no'",
        "IPADDR_0='192.168.0.21/24'",
        "LABEL_0='0'",
      ]),
    )
    assert.equal(
      entry('sles', ADD1, `${dir}/ifroute-eth1`).content,
      text([
        'default          192.168.0.253  -  eth1  table 1001',
        '192.168.0.0/24   -              -  eth1  table 1001',
      ]),
    )
    assert.equal(
      entry('sles', ADD1, `${dir}/ifrule-eth1`).content,
      text([
        'ipv4 from 192.168.0.20/32 table 1001 priority 20001',
        'ipv4 from 192.168.0.21/32 table 1001 priority 20001',
      ]),
    )
  })

  it('§13 ifupdown post-up/pre-down lines in the eth1 stanza', () => {
    const content = entry('debian', ADD1, '/etc/network/interfaces.d/60-eni-eth1').content
    for (const line of [
      'iface eth1 inet dhcp',
      '    metric 200',
      '    post-up ip -4 route replace default via 192.168.0.253 dev eth1 table 1001',
      '    post-up ip -4 route replace 192.168.0.0/24 dev eth1 src 192.168.0.20 table 1001',
      '    post-up ip -4 rule add from 192.168.0.20/32 lookup 1001 priority 20001',
      '    pre-down ip -4 rule del from 192.168.0.20/32 lookup 1001 priority 20001',
      'iface eth1:0 inet static',
    ]) {
      assert.ok(content.split('\n').includes(line), line)
    }
  })
})
