// API responses → InterfaceDescription, checked against the renderers' worked-example goldens.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { guestOsForFamily, renderAsText, renderGuestConfig } from '../render/index.js'
import {
  DescribeInterfaceError,
  describeInterface,
  guestConfigRequest,
  osFamilyOfImage,
  vswitchAddressing,
} from './describe-interface.js'

const GOLDEN = join(import.meta.dirname, '..', 'render', 'testdata')

/** The worked example (spec/guest-os.md §0.1) as DescribeNetworkInterfaceAttribute answers it. */
const primaryEni = {
  RequestId: 'r-1',
  NetworkInterfaceId: 'eni-example0001',
  Type: 'Primary',
  Status: 'InUse',
  VSwitchId: 'vsw-1',
  MacAddress: '00:16:3E:00:00:01',
  PrivateIpAddress: '192.168.0.10',
  InstanceId: 'i-1',
  PrivateIpSets: {
    PrivateIpSet: [
      { PrivateIpAddress: '192.168.0.12', Primary: false },
      { PrivateIpAddress: '192.168.0.10', Primary: true },
      { PrivateIpAddress: '192.168.0.11', Primary: false },
    ],
  },
}
const vswitch = { VSwitchId: 'vsw-1', CidrBlock: '192.168.0.0/24', Status: 'Available' }

describe('describeInterface', () => {
  it('renders the worked example exactly like the golden files', () => {
    const iface = describeInterface({ eni: primaryEni, vswitch })
    assert.equal(iface.deviceName, 'eth0')
    assert.equal(iface.gateway, '192.168.0.253')
    assert.equal(iface.netmask, '255.255.255.0')
    for (const os of ['ip', 'rhel', 'debian', 'netplan'] as const) {
      const golden = readFileSync(join(GOLDEN, 'worked-example-primary', `${os}.txt`), 'utf8')
      assert.equal(renderAsText(renderGuestConfig(os, guestConfigRequest(iface))), golden, os)
    }
  })

  it('a revoke keeps the others and removes the listed address', () => {
    const iface = describeInterface({ eni: primaryEni, vswitch })
    const req = guestConfigRequest(iface, ['192.168.0.12'])
    assert.equal(req.mode, 'revoke')
    assert.deepEqual(req.iface.secondaryIps, ['192.168.0.11'])
    const text = renderAsText(renderGuestConfig('ip', req))
    assert.match(text, /ip -4 addr del 192\.168\.0\.12\/24 dev eth0/)
  })

  it('a secondary ENI takes its device index from the attachment', () => {
    const eni = {
      NetworkInterfaceId: 'eni-2',
      Type: 'Secondary',
      VSwitchId: 'vsw-1',
      MacAddress: '00:16:3e:00:00:02',
      Attachment: { InstanceId: 'i-1', DeviceIndex: 1 },
      PrivateIpSets: {
        PrivateIpSet: [
          { PrivateIpAddress: '192.168.0.20', Primary: true },
          { PrivateIpAddress: '192.168.0.21', Primary: false },
        ],
      },
    }
    const iface = describeInterface({ eni, vswitch })
    assert.equal(iface.deviceName, 'eth1')
    assert.equal(iface.deviceIndex, 1)
    assert.deepEqual(iface.secondaryIps, ['192.168.0.21'])
  })

  it('refuses a detached ENI without a device index and a vSwitch mismatch', () => {
    const detached = { ...primaryEni, Type: 'Secondary', InstanceId: '' }
    assert.throws(() => describeInterface({ eni: detached, vswitch }), DescribeInterfaceError)
    assert.equal(describeInterface({ eni: detached, vswitch, deviceIndex: 2 }).deviceName, 'eth2')
    const other = { ...vswitch, VSwitchId: 'vsw-2' }
    assert.throws(
      () => describeInterface({ eni: primaryEni, vswitch: other }),
      DescribeInterfaceError,
    )
  })

  it('vSwitch addressing: prefix, netmask, third-from-last gateway', () => {
    assert.deepEqual(vswitchAddressing('10.1.0.0/16'), {
      prefixLength: 16,
      netmask: '255.255.0.0',
      gateway: '10.1.255.253',
    })
    assert.deepEqual(vswitchAddressing('172.16.3.8/29'), {
      prefixLength: 29,
      netmask: '255.255.255.248',
      gateway: '172.16.3.13',
    })
    assert.throws(() => vswitchAddressing('10.0.0.1/24'), DescribeInterfaceError)
  })

  const images: [string, string][] = [
    ['aliyun_3_x64_20G_alibase_20240819.vhd', 'rhel-nm'],
    ['centos_7_9_x64_20G_alibase_20240628.vhd', 'rhel'],
    ['ubuntu_22_04_x64_20G_alibase_20240926.vhd', 'netplan'],
    ['debian_12_6_x64_20G_alibase_20240823.vhd', 'netplan'],
    ['sles_15_sp6_x64_20G_alibase_20240808.vhd', 'sles'],
    ['win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd', 'windows'],
    ['m-custom-image', 'ip'],
  ]
  for (const [image, os] of images) {
    it(`image ${image} → --os ${os}`, () => {
      assert.equal(guestOsForFamily(osFamilyOfImage(image)), os)
    })
  }
})
