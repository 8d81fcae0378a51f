// Terway's call sequences (spec/extensions.md §8.2), on SQLite and PostgreSQL, asserting what
// Terway reads back. Daemon mode through pop-core (V1, as Terway's Go SDK signs) with the instance
// metadata service the daemon reads (served by the same `startServer`, the caller named by the
// X-Eniplane-Instance-Ip test header): start-up reads, an ENI grown with IPs, then in prefix mode,
// then dual-stack, each with ClientToken replays, the shrink and removal paths with the codes
// Terway takes as success. Controlplane mode through the tea client (V3, the newer SDK
// generation): parallel per-node work and the garbage collection listing. Terway's delays keep
// their shape, scaled to 5% (`SCALE`). Served with `--quota-profile current` as the README says.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'

import { findInstanceType } from '../../domain/instance-types.js'
import { COMPAT_ENGINES, type StartedCompatServer } from '../../testing/compat-engines.js'
import {
  CallLog,
  type Json,
  popRpc,
  type Rpc,
  rpcFailure,
  teaRpc,
} from '../../testing/recorded-rpc.js'
import { eventually } from '../../testing/sdk-harness.js'
import { withBackoff } from '../../testing/terway-backoff.js'
import { ENI_DESCRIPTION, TerwayEcs, type TerwayEni } from '../../testing/terway-ecs.js'
import type { Limits } from '../../testing/terway-limits.js'
import { TerwayMetadata } from '../../testing/terway-metadata.js'

const ZONE = 'cn-hangzhou-h'
const NODE_TYPE = 'ecs.g7.4xlarge'
const IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd'
const SCALE = 0.05
/** ENI attach/detach wait: 3 s initial, ×1.5 */
const ENI_WAIT = { initialMs: 3000, factor: 1.5, steps: 10 }
/** metadata confirmation: a read a second, for 10 s */
const METADATA_WAIT = { initialMs: 1000, factor: 1, steps: 10 }
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/
const CREATOR = { creator: 'terway' }

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0)
}

function inCidr4(ip: string, cidr: string): boolean {
  const [base = '', bits = '32'] = cidr.split('/')
  const start = ipv4ToInt(base)
  return ipv4ToInt(ip) >= start && ipv4ToInt(ip) < start + 2 ** (32 - Number(bits))
}

const ipsOf = (eni: TerwayEni) => eni.PrivateIpSets.PrivateIpSet.map((p) => p.PrivateIpAddress)
const ipv6sOf = (eni: TerwayEni) => eni.Ipv6Sets.Ipv6Set.map((p) => p.Ipv6Address)
const v4PrefixesOf = (eni: TerwayEni) => eni.Ipv4PrefixSets.Ipv4PrefixSet.map((p) => p.Ipv4Prefix)
const v6PrefixesOf = (eni: TerwayEni) => eni.Ipv6PrefixSets.Ipv6PrefixSet.map((p) => p.Ipv6Prefix)
const tagsOf = (eni: TerwayEni) =>
  Object.fromEntries(eni.Tags.Tag.map((t) => [t.TagKey, t.TagValue]))

interface World {
  vpcId: string
  nodeVSwitch: string
  podVSwitches: string[]
  sgId: string
  nodes: { id: string; primaryIp: string; primaryEni: string }[]
}

async function buildWorld(ecs: Rpc, vpc: Rpc): Promise<World> {
  const { VpcId: vpcId } = await vpc.call<{ VpcId: string }>('CreateVpc', {
    CidrBlock: '192.168.0.0/16',
    EnableIpv6: true,
  })
  await eventually(
    'VPC Available',
    () => vpc.call<{ Vpcs: { Vpc: { Status: string }[] } }>('DescribeVpcs', { VpcId: vpcId }),
    (r) => r.Vpcs.Vpc[0]?.Status === 'Available',
  )
  const vswitch = async (n: number) => {
    const { VSwitchId } = await vpc.call<{ VSwitchId: string }>('CreateVSwitch', {
      VpcId: vpcId,
      ZoneId: ZONE,
      CidrBlock: `192.168.${n}.0/24`,
      Ipv6CidrBlock: n,
    })
    await eventually(
      'vSwitch Available',
      () =>
        vpc.call<{ VSwitches: { VSwitch: { Status: string }[] } }>('DescribeVSwitches', {
          VSwitchId,
        }),
      (r) => r.VSwitches.VSwitch[0]?.Status === 'Available',
    )
    return VSwitchId
  }
  const nodeVSwitch = await vswitch(0)
  const podVSwitches = [await vswitch(1), await vswitch(2)]
  const { SecurityGroupId: sgId } = await ecs.call<{ SecurityGroupId: string }>(
    'CreateSecurityGroup',
    { VpcId: vpcId },
  )
  const run = await ecs.call<{ InstanceIdSets: { InstanceIdSet: string[] } }>('RunInstances', {
    InstanceType: NODE_TYPE,
    ImageId: IMAGE,
    VSwitchId: nodeVSwitch,
    SecurityGroupId: sgId,
    Amount: 2,
  })
  const ids = run.InstanceIdSets.InstanceIdSet
  const nodes = await Promise.all(
    ids.map(async (id) => {
      const r = await ecs.call<{ NetworkInterfaceSets: { NetworkInterfaceSet: TerwayEni[] } }>(
        'DescribeNetworkInterfaces',
        { InstanceId: id, Type: 'Primary' },
      )
      const primary = r.NetworkInterfaceSets.NetworkInterfaceSet[0]
      return {
        id,
        primaryIp: primary?.PrivateIpAddress ?? '',
        primaryEni: primary?.NetworkInterfaceId ?? '',
      }
    }),
  )
  await eventually(
    'instances Running',
    () => ecs.call<Json>('DescribeInstances', { InstanceIds: JSON.stringify(ids) }),
    (r) => JSON.stringify(r).split('"Status":"Running"').length - 1 === ids.length,
  )
  return { vpcId, nodeVSwitch, podVSwitches, sgId, nodes }
}

for (const engine of COMPAT_ENGINES) {
  describe(`Terway's call sequences [${engine.name}]`, { skip: engine.skip }, () => {
    let started: StartedCompatServer
    let world: World
    const log = new CallLog()
    let terway: TerwayEcs
    let meta: TerwayMetadata
    let limits: Limits | undefined
    let node = { id: '', primaryIp: '', primaryEni: '' }

    before(async () => {
      started = await engine.start('client-sequences-terway', {
        quotaProfile: 'current',
        metadataPort: 0,
        metadataTrustHeader: true,
      })
      const url = started.server.url
      world = await buildWorld(popRpc(url, '2014-05-26'), popRpc(url, '2016-04-28'))
      node = world.nodes[0] ?? node
      terway = new TerwayEcs(
        popRpc(url, '2014-05-26', { log }),
        popRpc(url, '2016-04-28', { log }),
        SCALE,
      )
      meta = new TerwayMetadata(started.server.metadataUrl ?? '', node.primaryIp)
    })
    after(async () => {
      await started.stop()
    })

    const sent = (action: string) => log.of(action).map((c) => c.params)
    const confirmInMetadata = async (what: string, check: () => Promise<boolean>) =>
      assert.ok(await withBackoff(terway.scaled(METADATA_WAIT), check), what)

    test('daemon start: metadata, DescribeInstanceTypes, DescribeVSwitches, the node ENIs', async () => {
      assert.equal(await meta.require('instance-id'), node.id)
      assert.equal(await meta.require('instance/instance-type'), NODE_TYPE)
      assert.equal(await meta.require('region-id'), 'cn-hangzhou')
      assert.equal(await meta.require('zone-id'), ZONE)
      assert.equal(await meta.require('vpc-id'), world.vpcId)
      assert.equal(await meta.require('vswitch-id'), world.nodeVSwitch)
      assert.equal(await meta.require('vpc-cidr-block'), '192.168.0.0/16')
      const [mac, ...others] = await meta.macs()
      assert.deepEqual(others, [])
      assert.match(mac ?? '', MAC)
      assert.equal(await meta.require('mac'), mac)
      const item = (name: string) => meta.require(`network/interfaces/macs/${mac}/${name}`)
      assert.equal(await item('network-interface-id'), node.primaryEni)
      assert.equal(await item('primary-ip-address'), node.primaryIp)
      assert.deepEqual(await meta.privateIpv4s(mac ?? ''), [node.primaryIp])
      assert.equal(await item('gateway'), '192.168.0.253')
      assert.equal(await item('vswitch-id'), world.nodeVSwitch)
      assert.equal(await item('vswitch-cidr-block'), '192.168.0.0/24')
      assert.equal(await item('vswitch-ipv6-cidr-block'), '2408:4000::/64')
      assert.equal(await item('ipv6-gateway'), '2408:4000::1')
      // no IPv6 address on the node's ENI: a 404, which Terway reads as "none"
      assert.deepEqual(await meta.ipv6s(mac ?? ''), [])

      log.clear()
      limits = await terway.getLimit(NODE_TYPE)
      assert.deepEqual(sent('DescribeInstanceTypes'), [
        { RegionId: 'cn-hangzhou', MaxResults: 100, InstanceTypes: [NODE_TYPE] },
      ])
      const type = findInstanceType(NODE_TYPE)
      assert.equal(limits?.adapters, type?.eniQuantity)
      assert.equal(limits?.totalAdapters, type?.eniQuantity)
      assert.equal(limits?.ipv4PerAdapter, 30)
      assert.equal(limits?.ipv6PerAdapter, 30)
      // Terway turns dual-stack on only when the two are equal
      assert.equal(limits?.ipv6PerAdapter, limits?.ipv4PerAdapter)
      assert.equal(limits?.memberAdapterLimit, 0)
      assert.equal(limits?.eRdmaAdapters, 0)
      assert.deepEqual(limits?.networkCards, [0])

      const vsws = await Promise.all(world.podVSwitches.map((v) => terway.describeVSwitchById(v)))
      assert.deepEqual(
        vsws.map((v) => [v?.['VSwitchId'], v?.['ZoneId'], v?.['AvailableIpAddressCount']]),
        world.podVSwitches.map((v) => [v, ZONE, 252]),
      )
      assert.deepEqual(
        vsws.map((v) => v?.['Ipv6CidrBlock']),
        ['2408:4000:0:1::/64', '2408:4000:0:2::/64'],
      )
      assert.equal(await terway.describeVSwitchById('vsw-doesnotexist'), undefined)

      log.clear()
      const enis = await terway.describeNetworkInterfaces({ instanceId: node.id })
      assert.deepEqual(sent('DescribeNetworkInterfaces'), [
        { RegionId: 'cn-hangzhou', InstanceId: node.id, MaxResults: 500 },
      ])
      assert.deepEqual(
        enis.map((e) => [e.NetworkInterfaceId, e.Type, e.Status, e.InstanceId, e.MacAddress]),
        [[node.primaryEni, 'Primary', 'InUse', node.id, mac]],
      )
    })

    test('DescribeInstanceTypes carries InstanceBandwidthRx/Tx (spec §7: Terway keeps them in its limits)', () => {
      for (const v of [limits?.instanceBandwidthRx, limits?.instanceBandwidthTx]) {
        assert.equal(typeof v, 'number')
        assert.ok(Number.isInteger(v) && (v as number) > 0, `${String(v)} kbit/s`)
      }
    })

    let eni: TerwayEni
    test('grow: CreateNetworkInterface as Terway builds it, a ClientToken replay, Attach, metadata', async () => {
      const vsw = world.podVSwitches[0] ?? ''
      const token = randomUUID()
      const options = {
        vswitchId: vsw,
        securityGroupIds: [world.sgId],
        ipCount: 5,
        tags: { ...CREATOR, 'node-name': 'node-1' },
      }
      log.clear()
      eni = await terway.createNetworkInterface(options, token)
      assert.deepEqual(sent('CreateNetworkInterface'), [
        {
          RegionId: 'cn-hangzhou',
          VSwitchId: vsw,
          InstanceType: 'Secondary',
          SecurityGroupIds: [world.sgId],
          Description: ENI_DESCRIPTION,
          SecondaryPrivateIpAddressCount: 4,
          SourceDestCheck: false,
          Tag: [
            { Key: 'creator', Value: 'terway' },
            { Key: 'node-name', Value: 'node-1' },
          ],
          ClientToken: token,
        },
      ])
      // FromCreateResp
      assert.match(eni.NetworkInterfaceId, /^eni-/)
      assert.equal(eni.Status, 'Available')
      assert.match(eni.MacAddress, MAC)
      assert.equal(eni.VSwitchId, vsw)
      assert.equal(eni.ZoneId, ZONE)
      assert.equal(eni.Type, 'Secondary')
      assert.deepEqual(eni.SecurityGroupIds.SecurityGroupId, [world.sgId])
      assert.deepEqual(tagsOf(eni), { creator: 'terway', 'node-name': 'node-1' })
      assert.equal(ipsOf(eni).length, 5)
      assert.ok(ipsOf(eni).every((ip) => inCidr4(ip, '192.168.1.0/24')))
      assert.deepEqual(
        eni.PrivateIpSets.PrivateIpSet.filter((p) => p.Primary).map((p) => p.PrivateIpAddress),
        [eni.PrivateIpAddress],
      )
      assert.deepEqual([ipv6sOf(eni), v4PrefixesOf(eni), v6PrefixesOf(eni)], [[], [], []])

      // the same request with the same token (Terway's retry): the same ENI, no second one
      const replay = await terway.createNetworkInterface(options, token)
      assert.equal(replay.NetworkInterfaceId, eni.NetworkInterfaceId)
      assert.deepEqual(ipsOf(replay).sort(), ipsOf(eni).sort())
      const tagged = await terway.describeNetworkInterfaces({ tags: { 'node-name': 'node-1' } })
      assert.deepEqual(
        tagged.map((e) => e.NetworkInterfaceId),
        [eni.NetworkInterfaceId],
      )
      assert.equal(tagged[0]?.Description, ENI_DESCRIPTION)
      assert.equal(tagged[0]?.SourceDestCheck, false)

      await terway.attachNetworkInterface(eni.NetworkInterfaceId, node.id)
      const inUse = await terway.waitForNetworkInterface(eni.NetworkInterfaceId, 'InUse', ENI_WAIT)
      assert.equal(inUse?.InstanceId, node.id)
      assert.equal(inUse?.Attachment?.InstanceId, node.id)
      assert.equal(inUse?.Attachment?.TrunkNetworkInterfaceId, '')
      assert.ok((inUse?.Attachment?.DeviceIndex ?? 0) >= 1)
      assert.equal(inUse?.NetworkInterfaceTrafficMode, 'Standard')
      assert.match(inUse?.CreationTime ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      const mac = eni.MacAddress
      await confirmInMetadata('the MAC and its IPs in metadata', async () => {
        if (!(await meta.macs()).includes(mac)) return false
        const id = await meta.get(`network/interfaces/macs/${mac}/network-interface-id`)
        const ips = await meta.privateIpv4s(mac)
        return id === eni.NetworkInterfaceId && ips.sort().join() === ipsOf(eni).sort().join()
      })
    })

    test('more IPs: Assign with ClientToken (replayed: the same addresses), Unassign, IpUnassigned', async () => {
      const token = randomUUID()
      const first = await terway.assignPrivateIpAddresses(
        eni.NetworkInterfaceId,
        { ipCount: 3 },
        token,
      )
      assert.equal(first.ips.length, 3)
      const replay = await terway.assignPrivateIpAddresses(
        eni.NetworkInterfaceId,
        { ipCount: 3 },
        token,
      )
      assert.deepEqual(replay.ips, first.ips)
      const [now] = await terway.describeNetworkInterfaces({ eniIds: [eni.NetworkInterfaceId] })
      assert.equal(now === undefined ? 0 : ipsOf(now).length, 8)
      await confirmInMetadata('the new IPs in metadata', async () => {
        const ips = await meta.privateIpv4s(eni.MacAddress)
        return first.ips.every((ip) => ips.includes(ip))
      })

      const gone = first.ips.slice(0, 2)
      assert.equal(await terway.unassignPrivateIpAddresses(eni.NetworkInterfaceId, gone), undefined)
      // released already: ECS answers InvalidIp.IpUnassigned, which Terway takes as success
      assert.equal(
        await terway.unassignPrivateIpAddresses(eni.NetworkInterfaceId, gone),
        'InvalidIp.IpUnassigned',
      )
      const [after] = await terway.describeNetworkInterfaces({ eniIds: [eni.NetworkInterfaceId] })
      assert.equal(after === undefined ? 0 : ipsOf(after).length, 6)
      await confirmInMetadata('the released IPs gone from metadata', async () => {
        const ips = await meta.privateIpv4s(eni.MacAddress)
        return gone.every((ip) => !ips.includes(ip))
      })
    })

    let prefixEni: TerwayEni
    test('prefix mode: primary IP + Ipv4PrefixCount (and one IPv6 prefix), Assign/Unassign prefixes', async () => {
      const vsw = world.podVSwitches[1] ?? ''
      const token = randomUUID()
      log.clear()
      prefixEni = await terway.createNetworkInterface(
        {
          vswitchId: vsw,
          securityGroupIds: [world.sgId],
          ipCount: 1,
          ipv4PrefixCount: 2,
          ipv6PrefixCount: 1,
          tags: CREATOR,
        },
        token,
      )
      const params = sent('CreateNetworkInterface')[0] ?? {}
      assert.equal(params['SecondaryPrivateIpAddressCount'], undefined)
      assert.deepEqual([params['Ipv4PrefixCount'], params['Ipv6PrefixCount']], [2, 1])
      assert.equal(ipsOf(prefixEni).length, 1)
      const prefixes = v4PrefixesOf(prefixEni)
      assert.equal(prefixes.length, 2)
      for (const p of prefixes) {
        const [base = '', bits] = p.split('/')
        assert.equal(bits, '28')
        assert.equal(ipv4ToInt(base) % 16, 0)
        assert.ok(inCidr4(base, '192.168.2.0/24'))
      }
      const [v6prefix] = v6PrefixesOf(prefixEni)
      assert.match(v6prefix ?? '', /^2408:4000:0:2:[0-9a-f]*::\/80$/)
      const replay = await terway.createNetworkInterface(
        {
          vswitchId: vsw,
          securityGroupIds: [world.sgId],
          ipCount: 1,
          ipv4PrefixCount: 2,
          ipv6PrefixCount: 1,
          tags: CREATOR,
        },
        token,
      )
      assert.deepEqual(v4PrefixesOf(replay).sort(), [...prefixes].sort())
      const vswAfter = await terway.describeVSwitchById(vsw)
      assert.equal(vswAfter?.['AvailableIpAddressCount'], 252 - 1 - 2 * 16)

      await terway.attachNetworkInterface(prefixEni.NetworkInterfaceId, node.id)
      await terway.waitForNetworkInterface(prefixEni.NetworkInterfaceId, 'InUse', ENI_WAIT)
      const assignToken = randomUUID()
      const more = await terway.assignPrivateIpAddresses(
        prefixEni.NetworkInterfaceId,
        { ipv4PrefixCount: 1 },
        assignToken,
      )
      assert.deepEqual(more.ips, [])
      assert.equal(more.prefixes.length, 1)
      const again = await terway.assignPrivateIpAddresses(
        prefixEni.NetworkInterfaceId,
        { ipv4PrefixCount: 1 },
        assignToken,
      )
      assert.deepEqual(again.prefixes, more.prefixes)
      const [held] = await terway.describeNetworkInterfaces({
        eniIds: [prefixEni.NetworkInterfaceId],
      })
      assert.equal(held === undefined ? 0 : v4PrefixesOf(held).length, 3)

      // IPs and prefixes are released in separate calls
      assert.equal(
        await terway.unassignIpv4Prefixes(prefixEni.NetworkInterfaceId, more.prefixes),
        undefined,
      )
      assert.equal(
        await terway.unassignIpv4Prefixes(prefixEni.NetworkInterfaceId, more.prefixes),
        'InvalidIp.IpUnassigned',
      )
      assert.equal(
        await terway.unassignIpv6Addresses(prefixEni.NetworkInterfaceId, {
          prefixes: [v6prefix ?? ''],
        }),
        undefined,
      )
      const [left] = await terway.describeNetworkInterfaces({
        eniIds: [prefixEni.NetworkInterfaceId],
      })
      assert.deepEqual(left === undefined ? [] : v4PrefixesOf(left).sort(), [...prefixes].sort())
      assert.deepEqual(left === undefined ? ['?'] : v6PrefixesOf(left), [])
    })

    let dualEni: TerwayEni
    test('dual-stack: Ipv6AddressCount on Create, AssignIpv6Addresses (replayed), Unassign, metadata ipv6s', async () => {
      const vsw = world.podVSwitches[0] ?? ''
      dualEni = await terway.createNetworkInterface(
        {
          vswitchId: vsw,
          securityGroupIds: [world.sgId],
          ipCount: 2,
          ipv6Count: 2,
          tags: CREATOR,
        },
        randomUUID(),
      )
      const v6 = ipv6sOf(dualEni)
      assert.equal(v6.length, 2)
      assert.ok(v6.every((a) => a.startsWith('2408:4000:0:1:')))
      assert.equal(ipsOf(dualEni).length, 2)
      await terway.attachNetworkInterface(dualEni.NetworkInterfaceId, node.id)
      await terway.waitForNetworkInterface(dualEni.NetworkInterfaceId, 'InUse', ENI_WAIT)
      await confirmInMetadata('ipv6s in metadata', async () => {
        const listed = await meta.ipv6s(dualEni.MacAddress)
        return listed.sort().join() === [...v6].sort().join()
      })
      // an IPv4-only ENI has no ipv6s item at all (404), which Terway reads as "no IPv6"
      assert.equal(await meta.get(`network/interfaces/macs/${eni.MacAddress}/ipv6s`), undefined)

      const token = randomUUID()
      const added = await terway.assignIpv6Addresses(
        dualEni.NetworkInterfaceId,
        { ipv6Count: 1 },
        token,
      )
      assert.equal(added.ips.length, 1)
      assert.deepEqual(added.prefixes, [])
      const replay = await terway.assignIpv6Addresses(
        dualEni.NetworkInterfaceId,
        { ipv6Count: 1 },
        token,
      )
      assert.deepEqual(replay.ips, added.ips)
      await confirmInMetadata('the new IPv6 address in metadata', async () =>
        (await meta.ipv6s(dualEni.MacAddress)).includes(added.ips[0] ?? '?'),
      )
      assert.equal(
        await terway.unassignIpv6Addresses(dualEni.NetworkInterfaceId, { ips: added.ips }),
        undefined,
      )
      assert.equal(
        await terway.unassignIpv6Addresses(dualEni.NetworkInterfaceId, { ips: added.ips }),
        'InvalidIp.IpUnassigned',
      )
      const [now] = await terway.describeNetworkInterfaces({ eniIds: [dualEni.NetworkInterfaceId] })
      assert.deepEqual(now === undefined ? [] : ipv6sOf(now).sort(), [...v6].sort())
    })

    test('remove: Detach → Available → Delete → gone; repeated, the NotFound codes are success', async () => {
      for (const e of [eni, prefixEni, dualEni]) {
        assert.equal(await terway.detachNetworkInterface(e.NetworkInterfaceId, node.id), undefined)
        const available = await terway.waitForNetworkInterface(
          e.NetworkInterfaceId,
          'Available',
          ENI_WAIT,
        )
        assert.equal(available?.InstanceId, '')
        assert.equal(await terway.deleteNetworkInterface(e.NetworkInterfaceId), undefined)
        assert.deepEqual(
          await terway.describeNetworkInterfaces({ eniIds: [e.NetworkInterfaceId] }),
          [],
        )
        assert.equal(
          await terway.deleteNetworkInterface(e.NetworkInterfaceId),
          'InvalidEniId.NotFound',
        )
        assert.equal(
          await terway.detachNetworkInterface(e.NetworkInterfaceId, node.id),
          'InvalidEniId.NotFound',
        )
        const raw = await rpcFailure(
          popRpc(started.server.url, '2014-05-26').call('DeleteNetworkInterface', {
            NetworkInterfaceId: e.NetworkInterfaceId,
          }),
        )
        assert.deepEqual(raw, { code: 'InvalidEniId.NotFound', status: 404 })
      }
      await confirmInMetadata(
        'only the primary MAC left in metadata',
        async () => (await meta.macs()).length === 1,
      )
    })

    test('controlplane mode (tea client, V3): per-node work in parallel, then garbage collection', async () => {
      const url = started.server.url
      const cp = new TerwayEcs(
        teaRpc(url, 'v3', { regionId: 'cn-hangzhou' }),
        popRpc(url, '2016-04-28'),
        SCALE,
      )
      const cluster = { ...CREATOR, 'ack.aliyun.com': 'c-test' }
      const perNode = await Promise.all(
        world.nodes.map(async (n, i) => {
          const before = await cp.describeNetworkInterfaces({ instanceId: n.id })
          assert.deepEqual(
            before.map((e) => e.Type),
            ['Primary'],
          )
          const vsw = world.podVSwitches[i % 2] ?? ''
          const made = await Promise.all(
            [0, 1].map(() =>
              cp.createNetworkInterface(
                {
                  vswitchId: vsw,
                  securityGroupIds: [world.sgId],
                  ipCount: 3,
                  tags: { ...cluster, 'node-name': `node-${i}` },
                },
                randomUUID(),
              ),
            ),
          )
          for (const e of made) {
            await cp.attachNetworkInterface(e.NetworkInterfaceId, n.id)
            await cp.waitForNetworkInterface(e.NetworkInterfaceId, 'InUse', ENI_WAIT)
          }
          const [kept, spare] = made
          const top = await cp.assignPrivateIpAddresses(
            kept?.NetworkInterfaceId ?? '',
            { ipCount: 2 },
            randomUUID(),
          )
          assert.equal(
            await cp.unassignPrivateIpAddresses(kept?.NetworkInterfaceId ?? '', top.ips),
            undefined,
          )
          // the spare ENI is detached and left behind, as a crashed controller would leave it
          assert.equal(
            await cp.detachNetworkInterface(spare?.NetworkInterfaceId ?? '', n.id),
            undefined,
          )
          await cp.waitForNetworkInterface(spare?.NetworkInterfaceId ?? '', 'Available', ENI_WAIT)
          return { kept: kept?.NetworkInterfaceId ?? '', spare: spare?.NetworkInterfaceId ?? '' }
        }),
      )
      // Available, but not Terway's (no creator tag) or another cluster's: GC must not list them
      const foreign = await cp.createNetworkInterface(
        {
          vswitchId: world.podVSwitches[0] ?? '',
          securityGroupIds: [world.sgId],
          tags: { owner: 'someone-else' },
        },
        randomUUID(),
      )
      const otherCluster = await cp.createNetworkInterface(
        {
          vswitchId: world.podVSwitches[0] ?? '',
          securityGroupIds: [world.sgId],
          tags: { ...CREATOR, 'ack.aliyun.com': 'c-other' },
        },
        randomUUID(),
      )

      const gcFilter = { vpcId: world.vpcId, tags: cluster, status: 'Available' }
      const leftovers = await cp.describeNetworkInterfaces(gcFilter)
      assert.deepEqual(
        leftovers.map((e) => e.NetworkInterfaceId).sort(),
        perNode.map((p) => p.spare).sort(),
      )
      assert.ok(
        leftovers.every((e) => e.Status === 'Available' && tagsOf(e)['creator'] === 'terway'),
      )
      for (const e of leftovers)
        assert.equal(await cp.deleteNetworkInterface(e.NetworkInterfaceId), undefined)
      assert.deepEqual(await cp.describeNetworkInterfaces(gcFilter), [])
      const inUse = await cp.describeNetworkInterfaces({
        vpcId: world.vpcId,
        tags: cluster,
        status: 'InUse',
      })
      assert.deepEqual(
        inUse.map((e) => e.NetworkInterfaceId).sort(),
        perNode.map((p) => p.kept).sort(),
      )
      const untouched = await cp.describeNetworkInterfaces({
        eniIds: [foreign.NetworkInterfaceId, otherCluster.NetworkInterfaceId],
      })
      assert.equal(untouched.length, 2)
    })

    test('controlplane: a top-up during the attach meets Operation.Conflict; retried with its token it lands once', async () => {
      const url = started.server.url
      const cpLog = new CallLog()
      const cp = new TerwayEcs(
        teaRpc(url, 'v3', { regionId: 'cn-hangzhou', log: cpLog }),
        popRpc(url, '2016-04-28'),
        SCALE,
      )
      const n = world.nodes[1] ?? node
      const made = await cp.createNetworkInterface(
        { vswitchId: world.podVSwitches[1] ?? '', securityGroupIds: [world.sgId], tags: CREATOR },
        randomUUID(),
      )
      // the attach takes 300 ms longer, so the top-up surely arrives while it is Attaching
      await popRpc(url, '2014-05-26').call('EniplaneAddFaultRules', {
        Rules: JSON.stringify([{ transition: 'eni.attached', delayMs: 300, times: 1 }]),
      })
      await cp.attachNetworkInterface(made.NetworkInterfaceId, n.id)
      const token = randomUUID()
      cpLog.clear()
      const top = await cp.assignPrivateIpAddresses(
        made.NetworkInterfaceId,
        { ipCount: 2 },
        token,
        {
          initialMs: 1000,
          factor: 2,
          steps: 6,
        },
      )
      assert.equal(top.ips.length, 2)
      const tries = cpLog.of('AssignPrivateIpAddresses')
      assert.ok(tries.length >= 2)
      assert.ok(tries.slice(0, -1).every((c) => c.code === 'Operation.Conflict'))
      assert.equal(tries.at(-1)?.code, undefined)
      assert.ok(tries.every((c) => c.params['ClientToken'] === token))
      const [held] = await cp.describeNetworkInterfaces({ eniIds: [made.NetworkInterfaceId] })
      assert.equal(held?.Status, 'InUse')
      assert.equal(held === undefined ? 0 : ipsOf(held).length, 3)
      assert.equal(await cp.detachNetworkInterface(made.NetworkInterfaceId, n.id), undefined)
      await cp.waitForNetworkInterface(made.NetworkInterfaceId, 'Available', ENI_WAIT)
      assert.equal(await cp.deleteNetworkInterface(made.NetworkInterfaceId), undefined)
    })

    test('controlplane: a full vSwitch answers InvalidVSwitchId.IpNotEnough; the next one by AvailableIpAddressCount serves', async () => {
      const url = started.server.url
      const vpc = popRpc(url, '2016-04-28')
      const { VSwitchId: small } = await vpc.call<{ VSwitchId: string }>('CreateVSwitch', {
        VpcId: world.vpcId,
        ZoneId: ZONE,
        CidrBlock: '192.168.9.0/29',
      })
      await eventually(
        'vSwitch Available',
        () => terway.describeVSwitchById(small),
        (v) => v?.['Status'] === 'Available',
      )
      const cp = new TerwayEcs(teaRpc(url, 'v3', { regionId: 'cn-hangzhou' }), vpc, SCALE)
      const candidates = [small, world.podVSwitches[0] ?? '']
      const blocked = new Set<string>()
      const pick = async () => {
        const vsws = await Promise.all(
          candidates.filter((v) => !blocked.has(v)).map((v) => cp.describeVSwitchById(v)),
        )
        // the daemon prefers the vSwitch it was told first while it has room
        return vsws.find((v) => Number(v?.['AvailableIpAddressCount']) > 0)
      }
      const first = await pick()
      assert.equal(first?.['VSwitchId'], small)
      const free = Number(first?.['AvailableIpAddressCount'])
      assert.ok(free > 0 && free < 8)
      const options = { securityGroupIds: [world.sgId], ipCount: free + 1, tags: CREATOR }
      const refused = await rpcFailure(
        cp.createNetworkInterface({ ...options, vswitchId: small }, randomUUID()),
      )
      assert.deepEqual(refused, { code: 'InvalidVSwitchId.IpNotEnough', status: 403 })
      blocked.add(small)
      const next = await pick()
      assert.equal(next?.['VSwitchId'], world.podVSwitches[0])
      const made = await cp.createNetworkInterface(
        { ...options, vswitchId: String(next?.['VSwitchId']) },
        randomUUID(),
      )
      assert.equal(ipsOf(made).length, free + 1)
      assert.equal((await cp.describeVSwitchById(small))?.['AvailableIpAddressCount'], free)
      assert.equal(await cp.deleteNetworkInterface(made.NetworkInterfaceId), undefined)
    })

    test('ResourceGroupId: sent on Create it is read back; unset, the account default (spec §7)', async () => {
      const cp = new TerwayEcs(
        teaRpc(started.server.url, 'v3', { regionId: 'cn-hangzhou' }),
        popRpc(started.server.url, '2016-04-28'),
        SCALE,
      )
      const base = {
        vswitchId: world.podVSwitches[0] ?? '',
        securityGroupIds: [world.sgId],
        tags: CREATOR,
      }
      const grouped = await cp.createNetworkInterface(
        { ...base, resourceGroupId: 'rg-aek2terwaytest' },
        randomUUID(),
      )
      assert.equal(grouped.ResourceGroupId, 'rg-aek2terwaytest')
      const [described] = await cp.describeNetworkInterfaces({
        eniIds: [grouped.NetworkInterfaceId],
      })
      assert.equal(described?.ResourceGroupId, 'rg-aek2terwaytest')
      const plain = await cp.createNetworkInterface(base, randomUUID())
      const plainAgain = await cp.createNetworkInterface(base, randomUUID())
      assert.match(plain.ResourceGroupId ?? '', /^rg-[0-9a-z]+$/)
      assert.equal(plainAgain.ResourceGroupId, plain.ResourceGroupId)
      assert.notEqual(plain.ResourceGroupId, 'rg-aek2terwaytest')
    })
  })
}
