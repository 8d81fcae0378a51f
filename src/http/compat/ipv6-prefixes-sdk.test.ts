// IPv6 and prefixes through the official SDKs, on both engines (a SQLite server and a PostgreSQL
// one): @alicloud/vpc20160428 for dual-stack VPCs and vSwitches (CreateVpc EnableIpv6,
// ModifyVpcAttribute EnableIPv6, CreateVSwitch Ipv6CidrBlock, Describe fields), @alicloud/ecs20140526
// for ENIs (CreateNetworkInterface, AssignIpv6Addresses, UnassignIpv6Addresses, prefixes on
// Assign/UnassignPrivateIpAddresses), pop-core (V1) for the same calls as Terway's SDK sends them,
// and every error code of these Actions by Code and HTTP status. The servers pick addresses
// lowest-first (`--allocation sequential`) so that chosen prefixes below never meet automatic ones.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'

import * as $Ecs from '@alicloud/ecs20140526'
import * as $Vpc from '@alicloud/vpc20160428'

import type { RunningServer } from '../../main.js'
import { COMPAT_ENGINES } from '../../testing/compat-engines.js'
import { ecsClient, eventually, popClient, sdkError, vpcClient } from '../../testing/sdk-harness.js'

type Json = Record<string, unknown>
const region = 'cn-hangzhou'
const zone = 'cn-hangzhou-h'

for (const engine of COMPAT_ENGINES) {
  describe(
    `IPv6 and prefixes through the official SDKs [${engine.name}]`,
    { skip: engine.skip },
    () => {
      let server: RunningServer
      let stop: () => Promise<void> = async () => undefined
      let vpcId = ''
      let v4VpcId = ''
      let vswitchId = ''
      let v4VswitchId = ''
      let sgId = ''
      let v4SgId = ''
      let eniId = ''

      before(async () => {
        ;({ server, stop } = await engine.start('ipv6-prefixes-sdk', { allocation: 'sequential' }))
      })
      after(async () => {
        await stop()
      })

      const waitVpc = (id: string) =>
        eventually(
          'VPC Available',
          () =>
            vpcClient(server.url).describeVpcs(
              new $Vpc.DescribeVpcsRequest({ regionId: region, vpcId: id }),
            ),
          (r) => r.body?.vpcs?.vpc?.[0]?.status === 'Available',
        )
      const waitVSwitch = (id: string) =>
        eventually(
          'vSwitch Available',
          () =>
            vpcClient(server.url).describeVSwitches(
              new $Vpc.DescribeVSwitchesRequest({ regionId: region, vSwitchId: id }),
            ),
          (r) => r.body?.vSwitches?.vSwitch?.[0]?.status === 'Available',
        )

      test('VPC SDK: CreateVpc EnableIpv6, ModifyVpcAttribute EnableIPv6, CreateVSwitch Ipv6CidrBlock', async () => {
        const vpc = vpcClient(server.url)
        const created = await vpc.createVpc(
          new $Vpc.CreateVpcRequest({
            regionId: region,
            cidrBlock: '192.168.0.0/16',
            enableIpv6: true,
          }),
        )
        vpcId = created.body?.vpcId ?? ''
        const described = await waitVpc(vpcId)
        const item = described.body?.vpcs?.vpc?.[0]
        assert.equal(item?.enabledIpv6, true)
        assert.equal(item?.ipv6CidrBlock, '2408:4000::/56')
        assert.deepEqual(
          item?.ipv6CidrBlocks?.ipv6CidrBlock?.map((b) => [b.ipv6CidrBlock, b.ipv6Isp]),
          [['2408:4000::/56', 'BGP']],
        )
        const plain = await vpc.createVpc(
          new $Vpc.CreateVpcRequest({ regionId: region, cidrBlock: '10.0.0.0/8' }),
        )
        v4VpcId = plain.body?.vpcId ?? ''
        await waitVpc(v4VpcId)
        const plainItem = (
          await vpc.describeVpcs(new $Vpc.DescribeVpcsRequest({ regionId: region, vpcId: v4VpcId }))
        ).body?.vpcs?.vpc?.[0]
        assert.equal(plainItem?.enabledIpv6, false)
        assert.equal(plainItem?.ipv6CidrBlock, '')
        // ModifyVpcAttribute gives a second VPC IPv6 and back again
        const third = await vpc.createVpc(
          new $Vpc.CreateVpcRequest({ regionId: region, cidrBlock: '172.16.0.0/12' }),
        )
        const thirdId = third.body?.vpcId ?? ''
        await waitVpc(thirdId)
        await vpc.modifyVpcAttribute(
          new $Vpc.ModifyVpcAttributeRequest({
            regionId: region,
            vpcId: thirdId,
            enableIPv6: true,
          }),
        )
        const enabled = await vpc.describeVpcs(
          new $Vpc.DescribeVpcsRequest({ regionId: region, enableIpv6: true }),
        )
        assert.deepEqual(
          (enabled.body?.vpcs?.vpc ?? []).map((v) => [v.vpcId, v.ipv6CidrBlock]).sort(),
          [
            [vpcId, '2408:4000::/56'],
            [thirdId, '2408:4000:0:100::/56'],
          ].sort(),
        )
        await vpc.deleteVpc(new $Vpc.DeleteVpcRequest({ regionId: region, vpcId: thirdId }))

        const vsw = await vpc.createVSwitch(
          new $Vpc.CreateVSwitchRequest({
            regionId: region,
            vpcId,
            zoneId: zone,
            cidrBlock: '192.168.1.0/24',
            ipv6CidrBlock: 1,
          }),
        )
        vswitchId = vsw.body?.vSwitchId ?? ''
        const ready = (await waitVSwitch(vswitchId)).body?.vSwitches?.vSwitch?.[0]
        assert.equal(ready?.enabledIpv6, true)
        assert.equal(ready?.ipv6CidrBlock, '2408:4000:0:1::/64')
        assert.equal(ready?.availableIpAddressCount, 252)
        const attrs = await vpc.describeVSwitchAttributes(
          new $Vpc.DescribeVSwitchAttributesRequest({ regionId: region, vSwitchId: vswitchId }),
        )
        assert.equal(attrs.body?.ipv6CidrBlock, '2408:4000:0:1::/64')
        assert.equal(attrs.body?.enabledIpv6, true)
        const v4 = await vpc.createVSwitch(
          new $Vpc.CreateVSwitchRequest({
            regionId: region,
            vpcId: v4VpcId,
            zoneId: zone,
            cidrBlock: '10.1.0.0/24',
          }),
        )
        v4VswitchId = v4.body?.vSwitchId ?? ''
        await waitVSwitch(v4VswitchId)
        const ecs = ecsClient(server.url)
        sgId =
          (
            await ecs.createSecurityGroup(
              new $Ecs.CreateSecurityGroupRequest({ regionId: region, vpcId }),
            )
          ).body?.securityGroupId ?? ''
        v4SgId =
          (
            await ecs.createSecurityGroup(
              new $Ecs.CreateSecurityGroupRequest({ regionId: region, vpcId: v4VpcId }),
            )
          ).body?.securityGroupId ?? ''
      })

      test('ECS SDK: CreateNetworkInterface with IPv6 addresses and an IPv4 prefix', async () => {
        const ecs = ecsClient(server.url)
        const created = await ecs.createNetworkInterface(
          new $Ecs.CreateNetworkInterfaceRequest({
            regionId: region,
            vSwitchId: vswitchId,
            securityGroupId: sgId,
            ipv6AddressCount: 2,
            ipv4PrefixCount: 1,
          }),
        )
        eniId = created.body?.networkInterfaceId ?? ''
        const v6 = created.body?.ipv6Sets?.ipv6Set?.map((s) => s.ipv6Address ?? '') ?? []
        assert.equal(v6.length, 2)
        for (const a of v6) assert.match(a, /^2408:4000:0:1:/)
        const v4p = created.body?.ipv4PrefixSets?.ipv4PrefixSet?.map((s) => s.ipv4Prefix) ?? []
        assert.equal(v4p.length, 1)
        assert.match(v4p[0] ?? '', /^192\.168\.1\.\d+\/28$/)
        const withV6Prefix = await ecs.createNetworkInterface(
          new $Ecs.CreateNetworkInterfaceRequest({
            regionId: region,
            vSwitchId: vswitchId,
            securityGroupId: sgId,
            ipv6Prefix: ['2408:4000:0:1:a::/80'],
            ipv4Prefix: ['192.168.1.224/28'],
          }),
        )
        assert.deepEqual(
          withV6Prefix.body?.ipv6PrefixSets?.ipv6PrefixSet?.map((s) => s.ipv6Prefix),
          ['2408:4000:0:1:a::/80'],
        )
        assert.deepEqual(
          withV6Prefix.body?.ipv4PrefixSets?.ipv4PrefixSet?.map((s) => s.ipv4Prefix),
          ['192.168.1.224/28'],
        )
        // 252 − 2 primaries − 2 × 16
        const vsw = await vpcClient(server.url).describeVSwitches(
          new $Vpc.DescribeVSwitchesRequest({ regionId: region, vSwitchId: vswitchId }),
        )
        assert.equal(vsw.body?.vSwitches?.vSwitch?.[0]?.availableIpAddressCount, 252 - 2 - 32)
      })

      test('ECS SDK: AssignIpv6Addresses (count, chosen, prefix) answers plain string arrays', async () => {
        const ecs = ecsClient(server.url)
        const counted = await ecs.assignIpv6Addresses(
          new $Ecs.AssignIpv6AddressesRequest({
            regionId: region,
            networkInterfaceId: eniId,
            ipv6AddressCount: 2,
            clientToken: 'sdk-v6-1',
          }),
        )
        assert.equal(counted.body?.networkInterfaceId, eniId)
        const got = counted.body?.ipv6Sets?.ipv6Address ?? []
        assert.equal(got.length, 2)
        assert.deepEqual(counted.body?.ipv6PrefixSets?.ipv6Prefix, [])
        const replay = await ecs.assignIpv6Addresses(
          new $Ecs.AssignIpv6AddressesRequest({
            regionId: region,
            networkInterfaceId: eniId,
            ipv6AddressCount: 2,
            clientToken: 'sdk-v6-1',
          }),
        )
        assert.deepEqual(replay.body?.ipv6Sets?.ipv6Address, got)
        const chosen = await ecs.assignIpv6Addresses(
          new $Ecs.AssignIpv6AddressesRequest({
            regionId: region,
            networkInterfaceId: eniId,
            ipv6Address: ['2408:4000:0:1::1:10'],
          }),
        )
        assert.deepEqual(chosen.body?.ipv6Sets?.ipv6Address, ['2408:4000:0:1::1:10'])
        const prefix = await ecs.assignIpv6Addresses(
          new $Ecs.AssignIpv6AddressesRequest({
            regionId: region,
            networkInterfaceId: eniId,
            ipv6PrefixCount: 1,
          }),
        )
        const [v6prefix = ''] = prefix.body?.ipv6PrefixSets?.ipv6Prefix ?? []
        assert.match(v6prefix, /^2408:4000:0:1:[0-9a-f]+::\/80$/)
        assert.deepEqual(prefix.body?.ipv6Sets?.ipv6Address, [])
        const attr = await ecs.describeNetworkInterfaceAttribute(
          new $Ecs.DescribeNetworkInterfaceAttributeRequest({
            regionId: region,
            networkInterfaceId: eniId,
          }),
        )
        const all = attr.body?.ipv6Sets?.ipv6Set?.map((s) => s.ipv6Address) ?? []
        assert.equal(all.length, 5)
        assert.ok(all.includes('2408:4000:0:1::1:10'))
        assert.deepEqual(
          attr.body?.ipv6PrefixSets?.ipv6PrefixSet?.map((s) => s.ipv6Prefix),
          [v6prefix],
        )
        await ecs.unassignIpv6Addresses(
          new $Ecs.UnassignIpv6AddressesRequest({
            regionId: region,
            networkInterfaceId: eniId,
            ipv6Address: ['2408:4000:0:1::1:10', ...got],
            ipv6Prefix: [v6prefix],
          }),
        )
        const list = await ecs.describeNetworkInterfaces(
          new $Ecs.DescribeNetworkInterfacesRequest({
            regionId: region,
            networkInterfaceId: [eniId],
          }),
        )
        const eni = list.body?.networkInterfaceSets?.networkInterfaceSet?.[0]
        assert.equal(eni?.ipv6Sets?.ipv6Set?.length, 2)
        assert.deepEqual(eni?.ipv6PrefixSets?.ipv6PrefixSet, [])
        const byV6 = await ecs.describeNetworkInterfaces(
          new $Ecs.DescribeNetworkInterfacesRequest({
            regionId: region,
            ipv6Address: [eni?.ipv6Sets?.ipv6Set?.[0]?.ipv6Address ?? ''],
          }),
        )
        assert.deepEqual(
          byV6.body?.networkInterfaceSets?.networkInterfaceSet?.map((e) => e.networkInterfaceId),
          [eniId],
        )
      })

      test('ECS SDK and pop-core: IPv4 prefixes on Assign/UnassignPrivateIpAddresses', async () => {
        const ecs = ecsClient(server.url)
        const assigned = await ecs.assignPrivateIpAddresses(
          new $Ecs.AssignPrivateIpAddressesRequest({
            regionId: region,
            networkInterfaceId: eniId,
            ipv4PrefixCount: 2,
          }),
        )
        const set = assigned.body?.assignedPrivateIpAddressesSet
        const prefixes = set?.ipv4PrefixSet?.ipv4Prefixes ?? []
        assert.equal(prefixes.length, 2)
        assert.deepEqual(set?.privateIpSet?.privateIpAddress, [])
        const pop = popClient(server.url)
        const chosen = await pop.request<Json>(
          'AssignPrivateIpAddresses',
          { RegionId: region, NetworkInterfaceId: eniId, 'Ipv4Prefix.1': '192.168.1.208/28' },
          { method: 'POST' },
        )
        assert.deepEqual(JSON.parse(JSON.stringify(chosen['AssignedPrivateIpAddressesSet'])), {
          NetworkInterfaceId: eniId,
          PrivateIpSet: { PrivateIpAddress: [] },
          Ipv4PrefixSet: { Ipv4Prefixes: ['192.168.1.208/28'] },
        })
        await ecs.unassignPrivateIpAddresses(
          new $Ecs.UnassignPrivateIpAddressesRequest({
            regionId: region,
            networkInterfaceId: eniId,
            ipv4Prefix: [...prefixes, '192.168.1.208/28'],
          }),
        )
        const attr = await pop.request<Json>('DescribeNetworkInterfaceAttribute', {
          RegionId: region,
          NetworkInterfaceId: eniId,
        })
        assert.equal(
          (attr['Ipv4PrefixSets'] as { Ipv4PrefixSet: unknown[] }).Ipv4PrefixSet.length,
          1,
        )
      })

      test('every error code of these Actions, by Code and HTTP status', async () => {
        const ecs = ecsClient(server.url)
        const vpc = vpcClient(server.url)
        const expect = async (p: Promise<unknown>, code: string, status: number) => {
          const e = await sdkError(p)
          assert.equal(e.code, code)
          assert.equal(e.statusCode, status, code)
        }
        const assign6 = (more: Partial<$Ecs.AssignIpv6AddressesRequest>) =>
          ecs.assignIpv6Addresses(
            new $Ecs.AssignIpv6AddressesRequest({
              regionId: region,
              networkInterfaceId: eniId,
              ...more,
            }),
          )
        const unassign6 = (more: Partial<$Ecs.UnassignIpv6AddressesRequest>) =>
          ecs.unassignIpv6Addresses(
            new $Ecs.UnassignIpv6AddressesRequest({
              regionId: region,
              networkInterfaceId: eniId,
              ...more,
            }),
          )
        const assign4 = (more: Partial<$Ecs.AssignPrivateIpAddressesRequest>) =>
          ecs.assignPrivateIpAddresses(
            new $Ecs.AssignPrivateIpAddressesRequest({
              regionId: region,
              networkInterfaceId: eniId,
              ...more,
            }),
          )
        const create = (more: Partial<$Ecs.CreateNetworkInterfaceRequest>) =>
          ecs.createNetworkInterface(
            new $Ecs.CreateNetworkInterfaceRequest({
              regionId: region,
              vSwitchId: vswitchId,
              securityGroupId: sgId,
              ...more,
            }),
          )
        // VPC and vSwitch
        await expect(
          vpc.createVpc(
            new $Vpc.CreateVpcRequest({ regionId: region, ipv6CidrBlock: '2408:4000:0:900::/56' }),
          ),
          'InvalidParameter',
          400,
        )
        await expect(
          vpc.createVpc(
            new $Vpc.CreateVpcRequest({
              regionId: region,
              enableIpv6: true,
              ipv6CidrBlock: '2408:4000::/56',
            }),
          ),
          'InvalidCidrBlock.Overlapped',
          400,
        )
        await expect(
          vpc.createVSwitch(
            new $Vpc.CreateVSwitchRequest({
              regionId: region,
              vpcId: v4VpcId,
              zoneId: zone,
              cidrBlock: '10.2.0.0/24',
              ipv6CidrBlock: 3,
            }),
          ),
          'InvalidParameter',
          400,
        )
        await expect(
          vpc.createVSwitch(
            new $Vpc.CreateVSwitchRequest({
              regionId: region,
              vpcId,
              zoneId: zone,
              cidrBlock: '192.168.2.0/24',
              ipv6CidrBlock: 1,
            }),
          ),
          'InvalidCidrBlock.Overlapped',
          400,
        )
        await expect(
          vpc.modifyVpcAttribute(
            new $Vpc.ModifyVpcAttributeRequest({ regionId: region, vpcId, enableIPv6: false }),
          ),
          'InvalidParameter',
          400,
        )
        // IPv6 on an IPv4-only vSwitch
        const plain = await ecs.createNetworkInterface(
          new $Ecs.CreateNetworkInterfaceRequest({
            regionId: region,
            vSwitchId: v4VswitchId,
            securityGroupId: v4SgId,
          }),
        )
        await expect(
          ecs.assignIpv6Addresses(
            new $Ecs.AssignIpv6AddressesRequest({
              regionId: region,
              networkInterfaceId: plain.body?.networkInterfaceId,
              ipv6AddressCount: 1,
            }),
          ),
          'InvalidVSwitch.Ipv6NotTurnOn',
          403,
        )
        await expect(
          ecs.createNetworkInterface(
            new $Ecs.CreateNetworkInterfaceRequest({
              regionId: region,
              vSwitchId: v4VswitchId,
              securityGroupId: v4SgId,
              ipv6AddressCount: 1,
            }),
          ),
          'InvalidVSwitch.Ipv6NotTurnOn',
          403,
        )
        // parameters
        await expect(assign6({}), 'MissingParameter', 400)
        await expect(assign6({ ipv6AddressCount: 11 }), 'InvalidParameter', 400)
        await expect(
          assign6({ ipv6AddressCount: 1, ipv6Address: ['2408:4000:0:1::99'] }),
          'InvalidParameter.Conflict',
          400,
        )
        await expect(
          assign6({ ipv6AddressCount: 1, ipv6PrefixCount: 1 }),
          'InvalidParameter.Conflict',
          400,
        )
        await expect(assign6({ ipv6Prefix: ['2408:4000:0:1:1::/64'] }), 'InvalidParameter', 400)
        await expect(
          assign4({ ipv4PrefixCount: 1, secondaryPrivateIpAddressCount: 1 }),
          'InvalidParameter.Conflict',
          400,
        )
        await expect(assign4({ ipv4Prefix: ['192.168.1.17/28'] }), 'InvalidParameter', 400)
        await expect(
          create({ ipv4PrefixCount: 1, ipv4Prefix: ['192.168.1.48/28'] }),
          'InvalidParameter.Conflict',
          400,
        )
        // addresses
        await expect(assign6({ ipv6Address: ['2408::zz'] }), 'InvalidIp.Address', 403)
        await expect(
          assign6({ ipv6Address: ['2408:4000:0:1::99', '2408:4000:0:1:0::99'] }),
          'InvalidIp.IpRepeated',
          403,
        )
        await expect(
          assign6({ ipv6Address: ['2408:4000:0:2::99'] }),
          'InvalidVSwitchId.IpInvalid',
          403,
        )
        await expect(
          assign6({ ipv6Address: ['2408:4000:0:1::1'] }),
          'InvalidVSwitchId.IpInvalid',
          403,
        )
        await assign6({ ipv6Address: ['2408:4000:0:1::99'] })
        await expect(assign6({ ipv6Address: ['2408:4000:0:1::99'] }), 'InvalidIp.IpAssigned', 403)
        await expect(assign6({ ipv6Prefix: ['2408:4000:0:1:a::/80'] }), 'InvalidIp.IpAssigned', 403)
        await expect(assign4({ ipv4Prefix: ['192.168.1.0/28'] }), 'InvalidVSwitchId.IpInvalid', 403)
        await expect(assign4({ ipv4Prefix: ['192.168.1.224/28'] }), 'InvalidIp.IpAssigned', 403)
        await expect(
          unassign6({ ipv6Address: ['2408:4000:0:1::98'] }),
          'InvalidIp.IpUnassigned',
          403,
        )
        await expect(
          ecs.unassignPrivateIpAddresses(
            new $Ecs.UnassignPrivateIpAddressesRequest({
              regionId: region,
              networkInterfaceId: eniId,
              ipv4Prefix: ['192.168.1.224/28'],
            }),
          ),
          'InvalidIp.IpUnassigned',
          403,
        )
        await expect(
          assign6({ ipv6AddressCount: 1, clientToken: 'sdk-v6-1' }),
          'IdempotentParameterMismatch',
          400,
        )
        // caps: 10 IPv6 slots on an Available ENI (3 addresses held)
        await expect(assign6({ ipv6AddressCount: 8 }), 'InvalidOperation.Ipv6CountExceeded', 403)
        await expect(assign4({ ipv4PrefixCount: 10 }), 'InvalidOperation.Ipv4CountExceeded', 403)
        // a type without IPv6: ecs.ic5.large
        const run = await ecs.runInstances(
          new $Ecs.RunInstancesRequest({
            regionId: region,
            instanceType: 'ecs.ic5.large',
            imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
            vSwitchId: vswitchId,
            securityGroupId: sgId,
          }),
        )
        const instanceId = run.body?.instanceIdSets?.instanceIdSet?.[0] ?? ''
        await eventually(
          'instance Running',
          () =>
            ecs.describeInstances(
              new $Ecs.DescribeInstancesRequest({
                regionId: region,
                instanceIds: JSON.stringify([instanceId]),
              }),
            ),
          (r) => r.body?.instances?.instance?.[0]?.status === 'Running',
        )
        await expect(
          ecs.attachNetworkInterface(
            new $Ecs.AttachNetworkInterfaceRequest({
              regionId: region,
              networkInterfaceId: eniId,
              instanceId,
            }),
          ),
          'InvalidOperation.Ipv6NotSupport',
          403,
        )
        // exhaustion: a /26 vSwitch has two usable /28s
        const small = await vpc.createVSwitch(
          new $Vpc.CreateVSwitchRequest({
            regionId: region,
            vpcId,
            zoneId: zone,
            cidrBlock: '192.168.3.0/26',
            ipv6CidrBlock: 3,
          }),
        )
        const smallId = small.body?.vSwitchId ?? ''
        await waitVSwitch(smallId)
        await expect(
          ecs.createNetworkInterface(
            new $Ecs.CreateNetworkInterfaceRequest({
              regionId: region,
              vSwitchId: smallId,
              securityGroupId: sgId,
              ipv4PrefixCount: 3,
            }),
          ),
          'InvalidVSwitchId.IpNotEnough',
          403,
        )
      })
    },
  )
}
