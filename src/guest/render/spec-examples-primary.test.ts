// The renderers against the exact text of spec/guest-os.md §4–§12 for its worked example
// (§0.1: primary ENI eth0). Each expected string below is copied from the spec.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { InterfaceDescription, RenderRequest, RenderedFile } from './interface-description.js'
import type { GuestOs } from './render.js'
import { renderGuestConfig } from './render.js'

const ETH0: InterfaceDescription = {
  deviceName: 'eth0',
  deviceIndex: 0,
  macAddress: '00:16:3e:00:00:01',
  primaryIp: '192.168.0.10',
  secondaryIps: ['192.168.0.11', '192.168.0.12'],
  prefixLength: 24,
  netmask: '255.255.255.0',
  gateway: '192.168.0.253',
  vswitchCidr: '192.168.0.0/24',
  nameservers: ['100.100.2.136', '100.100.2.138'],
}
const ADD0: RenderRequest = { iface: ETH0, mode: 'add' }
const REVOKE0: RenderRequest = { iface: ETH0, mode: 'revoke', revoked: ['192.168.0.12'] }

function entry(os: GuestOs, req: RenderRequest, path: string): RenderedFile {
  const found = renderGuestConfig(os, req).find((file) => file.path === path)
  assert.ok(found, `${os} renders ${path}`)
  return found
}

const text = (lines: string[]): string => lines.join('\n') + '\n'

describe('spec/guest-os.md §0.1 worked example (eth0)', () => {
  it('§4 iproute2 add and remove', () => {
    assert.equal(
      entry('ip', ADD0, 'apply.sh').content,
      text([
        'ip -4 addr add 192.168.0.11/24 brd + dev eth0 label eth0:0',
        'ip -4 addr add 192.168.0.12/24 brd + dev eth0 label eth0:1',
      ]),
    )
    assert.equal(
      entry('ip', REVOKE0, 'revoke.sh').content,
      text(['ip -4 addr del 192.168.0.12/24 dev eth0']),
    )
  })

  it('§5 ifcfg alias files', () => {
    for (const [n, ip] of [
      [0, '192.168.0.11'],
      [1, '192.168.0.12'],
    ] as const) {
      assert.equal(
        entry('rhel', ADD0, `/etc/sysconfig/network-scripts/ifcfg-eth0:${n}`).content,
        text([
          `DEVICE=eth0:${n}`,
          'TYPE=Ethernet',
          'BOOTPROTO=static',
          'ONBOOT=yes',
          `IPADDR=${ip}`,
          'NETMASK=255.255.255.0',
          'ARPCHECK=no',
        ]),
      )
    }
  })

  it('§6 IPADDRn/PREFIXn, static primary', () => {
    assert.equal(
      entry('rhel-ipaddrn', ADD0, '/etc/sysconfig/network-scripts/ifcfg-eth0').content,
      text([
        'DEVICE=eth0',
        'TYPE=Ethernet',
        'BOOTPROTO=none',
        'ONBOOT=yes',
        'IPADDR=192.168.0.10',
        'PREFIX=24',
        'GATEWAY=192.168.0.253',
        'DNS1=100.100.2.136',
        'DNS2=100.100.2.138',
        'IPADDR1=192.168.0.11',
        'PREFIX1=24',
        'IPADDR2=192.168.0.12',
        'PREFIX2=24',
      ]),
    )
  })

  it('§7 nmcli add/revoke and the DHCP keyfile (uuid only when known)', () => {
    assert.equal(
      entry('nmcli', ADD0, 'apply.sh').content,
      text([
        'CON=$(nmcli -g GENERAL.CONNECTION device show eth0)',
        'nmcli connection modify "$CON" +ipv4.addresses "192.168.0.11/24,192.168.0.12/24"',
        'nmcli device reapply eth0',
      ]),
    )
    assert.equal(
      entry('nmcli', REVOKE0, 'revoke.sh').content,
      text([
        'CON=$(nmcli -g GENERAL.CONNECTION device show eth0)',
        'nmcli connection modify "$CON" -ipv4.addresses "192.168.0.12/24"',
        'nmcli device reapply eth0',
      ]),
    )
    const keyfile = [
      '[connection]',
      'id=eth0',
      'type=ethernet',
      'interface-name=eth0',
      '',
      '[ipv4]',
      'method=auto',
      'address1=192.168.0.11/24',
      'address2=192.168.0.12/24',
      '',
      '[ipv6]',
      'method=ignore',
    ]
    const path = '/etc/NetworkManager/system-connections/eth0.nmconnection'
    assert.equal(entry('rhel-nm', ADD0, path).content, text(keyfile))
    const uuid = '5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03'
    const kept: RenderRequest = { ...ADD0, iface: { ...ETH0, nmConnectionUuid: uuid } }
    keyfile.splice(2, 0, `uuid=${uuid}`)
    assert.equal(entry('nm-keyfile', kept, path).content, text(keyfile))
  })

  it('§8 ifupdown alias stanzas, no gateway', () => {
    assert.equal(
      entry('debian', ADD0, '/etc/network/interfaces.d/60-eni-eth0').content,
      text([
        'auto eth0:0',
        'iface eth0:0 inet static',
        '    address 192.168.0.11',
        '    netmask 255.255.255.0',
        '',
        'auto eth0:1',
        'iface eth0:1 inet static',
        '    address 192.168.0.12',
        '    netmask 255.255.255.0',
      ]),
    )
  })

  it('§9 wicked ifcfg-eth0', () => {
    assert.equal(
      entry('sles', ADD0, '/etc/sysconfig/network/ifcfg-eth0').content,
      text([
        "BOOTPROTO='dhcp'",
        "STARTMODE='auto'",
        "IPADDR_0='192.168.0.11/24'",
        "LABEL_0='0'",
        "IPADDR_1='192.168.0.12/24'",
        "LABEL_1='1'",
      ]),
    )
  })

  it('§10 netplan drop-in', () => {
    assert.equal(
      entry('netplan', ADD0, '/etc/netplan/60-eni-eth0.yaml').content,
      text([
        'network:',
        '  version: 2',
        '  ethernets:',
        '    eth0:',
        '      addresses:',
        '        - 192.168.0.11/24',
        '        - 192.168.0.12/24',
      ]),
    )
  })

  it('§11 networkd drop-in', () => {
    assert.equal(
      entry('networkd', ADD0, '/etc/systemd/network/10-eth0.network.d/60-secondary-ips.conf')
        .content,
      text([
        '[Address]',
        'Address=192.168.0.11/24',
        'Label=eth0:0',
        '',
        '[Address]',
        'Address=192.168.0.12/24',
        'Label=eth0:1',
      ]),
    )
  })

  it('§12 PowerShell and netsh', () => {
    const ps = entry('windows', ADD0, 'apply.ps1').content
    for (const line of [
      "$nic = Get-NetAdapter | Where-Object { $_.MacAddress -eq '00-16-3E-00-00-01' }",
      '$i = $nic.ifIndex',
      "if ((Get-NetIPInterface -InterfaceIndex $i -AddressFamily IPv4).Dhcp -eq 'Enabled') {",
      '  Set-NetIPInterface -InterfaceIndex $i -AddressFamily IPv4 -Dhcp Disabled',
      '  Get-NetRoute -InterfaceIndex $i -DestinationPrefix 0.0.0.0/0 -ErrorAction SilentlyContinue |\n    Remove-NetRoute -Confirm:$false',
      '  New-NetIPAddress -InterfaceIndex $i -IPAddress 192.168.0.10 -PrefixLength 24 -DefaultGateway 192.168.0.253',
      '  Set-DnsClientServerAddress -InterfaceIndex $i -ServerAddresses 100.100.2.136,100.100.2.138\n}',
      'New-NetIPAddress -InterfaceIndex $i -IPAddress 192.168.0.11 -PrefixLength 24 -SkipAsSource $true\nNew-NetIPAddress -InterfaceIndex $i -IPAddress 192.168.0.12 -PrefixLength 24 -SkipAsSource $true\n',
    ]) {
      assert.ok(ps.includes(line), line)
    }
    assert.ok(
      entry('windows', REVOKE0, 'revoke.ps1').content.endsWith(
        'Remove-NetIPAddress -InterfaceIndex $i -IPAddress 192.168.0.12 -Confirm:$false\n',
      ),
    )
    assert.ok(
      entry('netsh', ADD0, 'apply.cmd').content.endsWith(
        text([
          'netsh interface ipv4 set address name="Ethernet" source=static address=192.168.0.10 mask=255.255.255.0 gateway=192.168.0.253',
          'netsh interface ipv4 set dnsservers name="Ethernet" source=static address=100.100.2.136 register=primary validate=no',
          'netsh interface ipv4 add dnsservers name="Ethernet" address=100.100.2.138 index=2 validate=no',
          'netsh interface ipv4 add address name="Ethernet" address=192.168.0.11 mask=255.255.255.0 skipassource=true',
          'netsh interface ipv4 add address name="Ethernet" address=192.168.0.12 mask=255.255.255.0 skipassource=true',
        ]),
      ),
    )
    assert.ok(
      entry('netsh', REVOKE0, 'revoke.cmd').content.endsWith(
        'netsh interface ipv4 delete address name="Ethernet" address=192.168.0.12\n',
      ),
    )
  })
})
