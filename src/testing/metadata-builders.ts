// Instance-metadata views for the metadata listener, relay and agent tests: the spec's worked
// example (primary ENI eth0 192.168.0.10 in 192.168.0.0/24), with overrides per test.
import type { InstanceMetadata, InterfaceMetadata } from '../service/instance-metadata.js'

export function anInterfaceMetadata(overrides: Partial<InterfaceMetadata> = {}): InterfaceMetadata {
  return {
    eniId: 'eni-example0001',
    mac: '00:16:3e:00:00:01',
    deviceIndex: 0,
    primaryIp: '192.168.0.10',
    privateIps: ['192.168.0.10'],
    prefixLength: 24,
    netmask: '255.255.255.0',
    gateway: '192.168.0.253',
    vswitchId: 'vsw-1',
    vswitchCidr: '192.168.0.0/24',
    vpcId: 'vpc-1',
    vpcCidr: '192.168.0.0/16',
    ipv6Addresses: [],
    vswitchIpv6Cidr: undefined,
    ipv6Gateway: undefined,
    vpcIpv6Cidrs: [],
    ipv4Prefixes: [],
    ipv6Prefixes: [],
    ...overrides,
  }
}

export function anInstanceMetadata(overrides: Partial<InstanceMetadata> = {}): InstanceMetadata {
  const primary = overrides.primary ?? anInterfaceMetadata()
  return {
    instanceId: 'i-example',
    accountId: '1000000000001',
    regionId: 'cn-hangzhou',
    zoneId: 'cn-hangzhou-h',
    instanceType: 'ecs.g7.large',
    imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
    hostName: 'host-1',
    instanceName: 'web-1',
    status: 'Running',
    primary,
    interfaces: [primary],
    ...overrides,
  }
}
