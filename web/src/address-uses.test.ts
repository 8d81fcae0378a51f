import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseCidr } from './address-checks.js'
import { addressUses } from './address-uses.js'
import type { NetworkInterface } from './wire-types.js'

/** An ENI as DescribeNetworkInterfaces answers it, with the given addresses and prefixes. */
function eni(
  primary: string,
  secondaries: string[],
  ipv4Prefixes: string[] = [],
): NetworkInterface {
  const ip = (address: string, isPrimary: boolean) => ({
    PrivateIpAddress: address,
    Primary: isPrimary,
    PrivateDnsName: '',
    AssociatedPublicIp: { PublicIpAddress: '', AllocationId: '' },
  })
  return {
    NetworkInterfaceId: `eni-${primary}`,
    NetworkInterfaceName: '',
    Description: '',
    Status: 'Available',
    Type: 'Secondary',
    VpcId: 'vpc-1',
    VSwitchId: 'vsw-1',
    ZoneId: 'cn-hangzhou-h',
    PrivateIpAddress: primary,
    MacAddress: '00:16:3e:00:00:01',
    InstanceId: '',
    CreationTime: '2024-01-01T00:00:00Z',
    ResourceGroupId: '',
    OwnerId: '1',
    ServiceID: 0,
    ServiceManaged: false,
    DeleteOnRelease: false,
    SourceDestCheck: true,
    NetworkInterfaceTrafficMode: 'Standard',
    QueueNumber: 2,
    QueuePairNumber: 0,
    AssociatedPublicIp: { PublicIpAddress: '', AllocationId: '' },
    SecurityGroupIds: { SecurityGroupId: ['sg-1'] },
    PrivateIpSets: {
      PrivateIpSet: [ip(primary, true), ...secondaries.map((s) => ip(s, false))],
    },
    Ipv6Sets: { Ipv6Set: [] },
    Ipv4PrefixSets: { Ipv4PrefixSet: ipv4Prefixes.map((p) => ({ Ipv4Prefix: p })) },
    Ipv6PrefixSets: { Ipv6PrefixSet: [] },
    Tags: { Tag: [] },
  }
}

const cidr = parseCidr('192.168.1.0/24')
if (cidr === undefined) throw new Error('test CIDR')

test('each /28 prefix counts 16 addresses, beside primaries, secondaries and the 4 reserved', () => {
  const uses = addressUses(cidr, [
    eni('192.168.1.10', ['192.168.1.11', '192.168.1.12'], ['192.168.1.32/28', '192.168.1.64/28']),
    eni('192.168.1.20', [], ['192.168.1.128/28']),
  ])
  assert.deepEqual(uses.counts, {
    primary: 2,
    secondary: 2,
    prefix: 48,
    reserved: 4,
    free: 256 - 2 - 2 - 48 - 4,
  })
  assert.equal(uses.useOf(32), 'prefix')
  assert.equal(uses.useOf(47), 'prefix')
  assert.equal(uses.useOf(48), 'free')
  assert.equal(uses.useOf(10), 'primary')
  assert.equal(uses.useOf(11), 'secondary')
  assert.equal(uses.useOf(0), 'reserved')
  assert.equal(uses.useOf(253), 'reserved')
})

test('addresses outside the CIDR and malformed prefixes are not counted', () => {
  const uses = addressUses(cidr, [eni('10.0.0.5', ['192.168.1.7'], ['192.168.1.33/28'])])
  assert.equal(uses.counts.primary, 0)
  assert.equal(uses.counts.secondary, 1)
  assert.equal(uses.counts.prefix, 0)
  assert.equal(uses.counts.free, 256 - 4 - 1)
})
