// The Cilium operator's call sequence (spec/extensions.md §8.1) through pop-core (V1, as its Go
// SDK signs), on SQLite and PostgreSQL, asserting what Cilium reads back. The world is big enough
// that every paging loop runs more than one page: 51 vSwitches (DescribeVSwitches, 50 a page, both
// stop conditions), 155 instance types (MaxResults 100), more than 500 ENIs (MaxResults 500),
// 26 tagged instances with two tags each (ListTagResources, 50 rows a page). Served with
// `--quota-profile current`, as the README's Cilium guide says (pods on their own vSwitches).
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'

import { INSTANCE_TYPES } from '../../domain/instance-types.js'
import { CiliumApi, type Subnet } from '../../testing/cilium-operator.js'
import { COMPAT_ENGINES, type StartedCompatServer } from '../../testing/compat-engines.js'
import { CallLog, type Json, popRpc, type Rpc } from '../../testing/recorded-rpc.js'
import { eventually } from '../../testing/sdk-harness.js'

const ZONE = 'cn-hangzhou-h'
const NODE_TYPE = 'ecs.g7.4xlarge'
const IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd'
const POOL_VSWITCHES = 50
const NODES = 26
const BULK_ENIS_PER_VSWITCH = 10
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/

async function inBatches<T, R>(items: readonly T[], n: number, fn: (t: T) => Promise<R>) {
  const out: R[] = []
  for (let i = 0; i < items.length; i += n)
    out.push(...(await Promise.all(items.slice(i, i + n).map(fn))))
  return out
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0)
}

function inCidr(ip: string, cidr: string): boolean {
  const [base = '', bits = '32'] = cidr.split('/')
  const size = 2 ** (32 - Number(bits))
  const start = ipv4ToInt(base)
  return ipv4ToInt(ip) >= start && ipv4ToInt(ip) < start + size
}

interface World {
  vpcA: string
  vpcB: string
  poolVSwitches: string[]
  sgA: string
  sgB: string
  nodes: string[]
  others: string[]
}

async function buildWorld(ecs: Rpc, vpc: Rpc): Promise<World> {
  const available = (action: string, key: string, id: string, path: (r: Json) => unknown[]) =>
    eventually(
      `${id} Available`,
      () => vpc.call(action, { [key]: id }),
      (r) => (path(r)[0] as { Status?: string } | undefined)?.Status === 'Available',
    )
  const vpcs = (r: Json) => (r['Vpcs'] as { Vpc: unknown[] }).Vpc
  const vsws = (r: Json) => (r['VSwitches'] as { VSwitch: unknown[] }).VSwitch
  const { VpcId: vpcA } = await vpc.call<{ VpcId: string }>('CreateVpc', {
    CidrBlock: '192.168.0.0/16',
  })
  const { VpcId: vpcB } = await vpc.call<{ VpcId: string }>('CreateVpc', {
    CidrBlock: '10.0.0.0/8',
  })
  await available('DescribeVpcs', 'VpcId', vpcA, vpcs)
  await available('DescribeVpcs', 'VpcId', vpcB, vpcs)
  // one vSwitch of a VPC may be Pending at a time (IncorrectVSwitchStatus otherwise)
  const poolVSwitches: string[] = []
  for (let n = 1; n <= POOL_VSWITCHES; n++) {
    const { VSwitchId } = await vpc.call<{ VSwitchId: string }>('CreateVSwitch', {
      VpcId: vpcA,
      ZoneId: n === 2 ? 'cn-hangzhou-i' : ZONE,
      CidrBlock: `192.168.${n}.0/24`,
      VSwitchName: `pool-${n}`,
      Tag: [
        { Key: 'cilium-pool', Value: 'pods' },
        { Key: 'index', Value: String(n) },
      ],
    })
    await available('DescribeVSwitches', 'VSwitchId', VSwitchId, vsws)
    poolVSwitches.push(VSwitchId)
  }
  const { SecurityGroupId: sgA } = await ecs.call<{ SecurityGroupId: string }>(
    'CreateSecurityGroup',
    { VpcId: vpcA, Tag: [{ Key: 'cilium', Value: 'nodes' }] },
  )
  const { SecurityGroupId: sgB } = await ecs.call<{ SecurityGroupId: string }>(
    'CreateSecurityGroup',
    { VpcId: vpcB },
  )
  const run = async (amount: number, tags: Record<string, string>) => {
    const r = await ecs.call<{ InstanceIdSets: { InstanceIdSet: string[] } }>('RunInstances', {
      InstanceType: NODE_TYPE,
      ImageId: IMAGE,
      VSwitchId: poolVSwitches[0],
      SecurityGroupId: sgA,
      Amount: amount,
      Tag: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    })
    return r.InstanceIdSets.InstanceIdSet
  }
  const nodes = await run(NODES, { 'cluster-id': 'c1', role: 'node' })
  const others = await run(2, { 'cluster-id': 'c2' })
  // pool ENIs, Available, spread over every pool vSwitch except the node one
  await inBatches(
    poolVSwitches.slice(1).flatMap((v) => Array.from({ length: BULK_ENIS_PER_VSWITCH }, () => v)),
    8,
    (v) =>
      ecs.call('CreateNetworkInterface', {
        VSwitchId: v,
        SecurityGroupIds: [sgA],
        Tag: [{ Key: 'pool', Value: 'bulk' }],
      }),
  )
  return { vpcA, vpcB, poolVSwitches, sgA, sgB, nodes, others }
}

for (const engine of COMPAT_ENGINES) {
  describe(`Cilium operator's call sequence [${engine.name}]`, { skip: engine.skip }, () => {
    let started: StartedCompatServer
    let world: World
    let ecs: Rpc
    let vpc: Rpc
    const log = new CallLog()
    let cilium: CiliumApi
    let subnets: Map<string, Subnet>

    before(async () => {
      started = await engine.start('client-sequences-cilium', {
        quotaProfile: 'current',
        enisPerRegion: 1000,
      })
      const url = started.server.url
      world = await buildWorld(popRpc(url, '2014-05-26'), popRpc(url, '2016-04-28'))
      ecs = popRpc(url, '2014-05-26', { log })
      vpc = popRpc(url, '2016-04-28', { log })
      cilium = new CiliumApi(ecs, vpc, { attachPollMs: 100 })
    })
    after(async () => {
      await started.stop()
    })

    const calls = (action: string) => log.of(action)
    const pageSizes = (action: string, list: (r: Json) => unknown[]) =>
      calls(action).map((c) => list(c.result as Json).length)

    test('DescribeVSwitches: PageSize 50 by page number, stopping on an empty page', async () => {
      log.clear()
      subnets = await cilium.getVSwitches()
      assert.equal(subnets.size, POOL_VSWITCHES)
      // exactly 50: TotalCount 50 is not < 1*50, so page 2 is asked for and comes back empty
      assert.deepEqual(
        calls('DescribeVSwitches').map((c) => [c.params['PageNumber'], c.params['PageSize']]),
        [
          [1, 50],
          [2, 50],
        ],
      )
      assert.deepEqual(
        pageSizes('DescribeVSwitches', (r) => (r['VSwitches'] as { VSwitch: [] }).VSwitch),
        [50, 0],
      )
    })

    test('DescribeVSwitches: the 51st vSwitch ends paging on TotalCount < PageNumber*PageSize', async () => {
      const { VSwitchId } = await vpc.call<{ VSwitchId: string }>('CreateVSwitch', {
        VpcId: world.vpcB,
        ZoneId: ZONE,
        CidrBlock: '10.1.0.0/24',
        VSwitchName: 'other-vpc',
      })
      log.clear()
      subnets = await cilium.getVSwitches()
      assert.equal(subnets.size, POOL_VSWITCHES + 1)
      assert.deepEqual(
        pageSizes('DescribeVSwitches', (r) => (r['VSwitches'] as { VSwitch: [] }).VSwitch),
        [50, 1],
      )
      const last = calls('DescribeVSwitches').at(-1)?.result as Json
      assert.equal(last['TotalCount'], 51)
      const other = subnets.get(VSwitchId)
      assert.deepEqual(other, {
        id: VSwitchId,
        name: 'other-vpc',
        cidr: '10.1.0.0/24',
        zoneId: ZONE,
        vpcId: world.vpcB,
        availableAddresses: 252,
        tags: {},
      })
      const second = subnets.get(world.poolVSwitches[1] ?? '')
      assert.equal(second?.zoneId, 'cn-hangzhou-i')
      assert.deepEqual(second?.tags, { 'cilium-pool': 'pods', index: '2' })
      assert.equal(second?.cidr, '192.168.2.0/24')
      assert.equal(second?.vpcId, world.vpcA)
    })

    test('DescribeVpcs (same paging) and DescribeSecurityGroups (PageSize 50)', async () => {
      log.clear()
      const vpcs = await cilium.getVPCs()
      assert.deepEqual(
        calls('DescribeVpcs').map((c) => c.params['PageNumber']),
        [1],
      )
      assert.deepEqual(vpcs.get(world.vpcA), {
        id: world.vpcA,
        primaryCidr: '192.168.0.0/16',
        cidrs: [],
      })
      assert.deepEqual(vpcs.get(world.vpcB), {
        id: world.vpcB,
        primaryCidr: '10.0.0.0/8',
        cidrs: [],
      })
      const groups = await cilium.getSecurityGroups()
      assert.deepEqual(
        calls('DescribeSecurityGroups').map((c) => [c.params['PageNumber'], c.params['PageSize']]),
        [[1, 50]],
      )
      assert.deepEqual(groups.get(world.vpcA), {
        id: world.sgA,
        vpcId: world.vpcA,
        tags: { cilium: 'nodes' },
      })
      assert.deepEqual(groups.get(world.vpcB), { id: world.sgB, vpcId: world.vpcB, tags: {} })
    })

    test('DescribeInstanceTypes: MaxResults 100, looping on NextToken to the whole catalogue', async () => {
      log.clear()
      const types = await cilium.getInstanceTypes()
      const sent = calls('DescribeInstanceTypes')
      assert.equal(sent.length, Math.ceil(INSTANCE_TYPES.length / 100))
      assert.ok(sent.length >= 2)
      assert.equal(sent[0]?.params['NextToken'], undefined)
      assert.equal(sent[1]?.params['NextToken'], (sent[0]?.result as Json)['NextToken'])
      assert.ok(sent.every((c) => c.params['MaxResults'] === 100))
      assert.equal((sent.at(-1)?.result as Json)['NextToken'], '')
      const ids = types.map((t) => t['InstanceTypeId'])
      assert.equal(new Set(ids).size, ids.length)
      assert.deepEqual([...ids].sort(), INSTANCE_TYPES.map((t) => t.instanceTypeId).sort())
      const node = types.find((t) => t['InstanceTypeId'] === NODE_TYPE)
      assert.equal(node?.['EniQuantity'], 8)
      assert.equal(node?.['EniPrivateIpAddressQuantity'], 30)
      assert.equal(node?.['EniIpv6AddressQuantity'], 30)
    })

    test('DescribeNetworkInterfaces without filters: MaxResults 500, looping on NextToken', async () => {
      log.clear()
      const enis = await cilium.describeNetworkInterfaces()
      const expected = NODES + 2 + (POOL_VSWITCHES - 1) * BULK_ENIS_PER_VSWITCH
      assert.equal(enis.length, expected)
      assert.equal(new Set(enis.map((e) => e.networkInterfaceId)).size, expected)
      const sent = calls('DescribeNetworkInterfaces')
      assert.deepEqual(
        sent.map((c) => [c.params['MaxResults'], c.params['NextToken'] !== undefined]),
        [
          [500, false],
          [500, true],
        ],
      )
      assert.deepEqual(
        pageSizes(
          'DescribeNetworkInterfaces',
          (r) => (r['NetworkInterfaceSets'] as { NetworkInterfaceSet: [] }).NetworkInterfaceSet,
        ),
        [500, expected - 500],
      )
      assert.equal((sent.at(-1)?.result as Json)['NextToken'], '')
      for (const eni of enis) {
        assert.match(eni.networkInterfaceId, /^eni-/)
        assert.match(eni.macAddress, MAC)
        assert.equal(eni.vpcId, world.vpcA)
        const subnet = subnets.get(eni.vswitchId)
        assert.ok(subnet !== undefined, `${eni.vswitchId} is a known vSwitch`)
        assert.equal(eni.zoneId, subnet.zoneId)
        assert.deepEqual(eni.securityGroupIds, [world.sgA])
        const primaries = eni.privateIpSets.filter((p) => p.primary)
        assert.deepEqual(
          primaries.map((p) => p.privateIpAddress),
          [eni.primaryIpAddress],
        )
        assert.ok(inCidr(eni.primaryIpAddress, subnet.cidr))
        if (eni.type === 'Primary') {
          assert.ok([...world.nodes, ...world.others].includes(eni.instanceId))
        } else {
          assert.equal(eni.type, 'Secondary')
          assert.equal(eni.instanceId, '')
          assert.deepEqual(eni.tags, { pool: 'bulk' })
        }
      }
      // AvailableIpAddressCount, which Cilium allocates by, is exact
      for (const [id, subnet] of subnets) {
        if (subnet.vpcId !== world.vpcA) continue
        const used = enis
          .filter((e) => e.vswitchId === id)
          .reduce((n, e) => n + e.privateIpSets.length, 0)
        assert.equal(subnet.availableAddresses, 252 - used, id)
      }
    })

    test('allocation: Create with cilium-eni-index, Attach, WaitENIAttached, Assign, Unassign', async () => {
      const node = world.nodes[0] ?? ''
      const vsw = world.poolVSwitches[0] ?? ''
      log.clear()
      const eni = await cilium.createNetworkInterface(10, vsw, [world.sgA], {
        'cilium-eni-index': '1',
        'cluster-id': 'c1',
      })
      const created = calls('CreateNetworkInterface')[0]?.params ?? {}
      assert.equal(created['SecondaryPrivateIpAddressCount'], 10)
      assert.match(eni.networkInterfaceId, /^eni-/)
      assert.equal(eni.type, 'Secondary')
      assert.deepEqual(eni.securityGroupIds, [world.sgA])
      assert.equal(eni.vpcId, world.vpcA)
      assert.equal(eni.zoneId, ZONE)
      assert.equal(eni.vswitchId, vsw)
      assert.match(eni.macAddress, MAC)
      assert.deepEqual(eni.tags, { 'cilium-eni-index': '1', 'cluster-id': 'c1' })
      assert.equal(eni.privateIpSets.length, 11)
      assert.deepEqual(
        eni.privateIpSets.filter((p) => p.primary).map((p) => p.privateIpAddress),
        [eni.primaryIpAddress],
      )
      assert.ok(eni.privateIpSets.every((p) => inCidr(p.privateIpAddress, '192.168.1.0/24')))
      assert.equal(new Set(eni.privateIpSets.map((p) => p.privateIpAddress)).size, 11)

      // SecondaryPrivateIpAddressCount is left out when it is 0: the primary address only
      const bare = await cilium.createNetworkInterface(0, vsw, [world.sgA], {
        'cilium-eni-index': '2',
      })
      assert.equal(
        calls('CreateNetworkInterface')[1]?.params['SecondaryPrivateIpAddressCount'],
        undefined,
      )
      assert.equal(bare.privateIpSets.length, 1)

      await cilium.attachNetworkInterface(node, eni.networkInterfaceId)
      const attached = await cilium.waitEniAttached(eni.networkInterfaceId)
      assert.equal(attached.instanceId, node)
      assert.ok(attached.statuses.length <= 6)
      assert.equal(attached.statuses.at(-1), 'InUse')
      assert.ok(attached.statuses.slice(0, -1).every((s) => s === 'Attaching'))
      assert.deepEqual(calls('DescribeNetworkInterfaces')[0]?.params['NetworkInterfaceId'], [
        eni.networkInterfaceId,
      ])

      const assigned = await cilium.assignPrivateIpAddresses(eni.networkInterfaceId, 5)
      assert.equal(assigned.length, 5)
      const held = eni.privateIpSets.map((p) => p.privateIpAddress)
      assert.ok(assigned.every((ip) => inCidr(ip, '192.168.1.0/24') && !held.includes(ip)))
      const after = parseList(await cilium.describeNetworkInterface(eni.networkInterfaceId))
      assert.deepEqual(after.sort(), [...held, ...assigned].sort())

      await cilium.unassignPrivateIpAddresses(eni.networkInterfaceId, assigned.slice(0, 3))
      const left = parseList(await cilium.describeNetworkInterface(eni.networkInterfaceId))
      assert.deepEqual(left.sort(), [...held, ...assigned.slice(3)].sort())
      assert.deepEqual(
        calls('UnassignPrivateIpAddresses')[0]?.params['PrivateIpAddress'],
        assigned.slice(0, 3),
      )
      assert.ok(log.calls.every((c) => c.params['ClientToken'] === undefined))
      await cilium.deleteNetworkInterface(bare.networkInterfaceId)
    })

    test('an attach that never completes: WaitENIAttached gives up after 6 reads, then Delete', async () => {
      const node = world.nodes[1] ?? ''
      const eni = await cilium.createNetworkInterface(
        0,
        world.poolVSwitches[0] ?? '',
        [world.sgA],
        {
          'cilium-eni-index': '1',
        },
      )
      await ecs.call('EniplaneAddFaultRules', {
        Rules: JSON.stringify([{ transition: 'eni.attached', fail: true, times: 1 }]),
      })
      log.clear()
      await cilium.attachNetworkInterface(node, eni.networkInterfaceId)
      const waited = await cilium.waitEniAttached(eni.networkInterfaceId)
      assert.equal(waited.instanceId, undefined)
      assert.equal(waited.statuses.length, 6)
      assert.equal(waited.statuses.at(-1), 'Available')
      await cilium.deleteNetworkInterface(eni.networkInterfaceId)
      await eventually(
        'the ENI gone',
        () => cilium.describeNetworkInterfaces(),
        (all) => !all.some((e) => e.networkInterfaceId === eni.networkInterfaceId),
      )
    })

    test('with instance filters: ListTagResources (50 rows a page) → DescribeInstances → ENIs', async () => {
      log.clear()
      const enis = await cilium.describeNetworkInterfacesFromInstances({ 'cluster-id': 'c1' })
      const listed = calls('ListTagResources')
      // 26 instances × 2 tags = 52 rows: one full page and a second of 2
      assert.deepEqual(
        listed.map((c) => [c.params['ResourceType'], c.params['NextToken'] !== undefined]),
        [
          ['instance', false],
          ['instance', true],
        ],
      )
      assert.deepEqual(listed[0]?.params['Tag'], [{ Key: 'cluster-id', Value: 'c1' }])
      assert.deepEqual(
        listed.map(
          (c) =>
            (c.result as { TagResources: { TagResource: [] } }).TagResources.TagResource.length,
        ),
        [50, 2],
      )
      const described = calls('DescribeInstances')
      assert.equal(described.length, 1)
      assert.equal(described[0]?.params['PageSize'], 100)
      assert.deepEqual(
        (JSON.parse(String(described[0]?.params['InstanceIds'])) as string[]).sort(),
        [...world.nodes].sort(),
      )
      const byIds = calls('DescribeNetworkInterfaces')
      assert.equal(byIds.length, 1)
      assert.equal(byIds[0]?.params['PageSize'], 100)
      // every node's primary ENI, plus the secondary ENI attached to the first node
      assert.equal(enis.length, NODES + 1)
      assert.deepEqual([...new Set(enis.map((e) => e.instanceId))].sort(), [...world.nodes].sort())
      const secondary = enis.filter((e) => e.type === 'Secondary')
      assert.deepEqual(
        secondary.map((e) => [e.instanceId, e.tags['cilium-eni-index']]),
        [[world.nodes[0], '1']],
      )
      assert.ok(
        enis.filter((e) => e.type === 'Primary').every((e) => e.tags['cluster-id'] === 'c1'),
      )
    })

    test('GetInstance: DescribeNetworkInterfaces(InstanceId, PageSize 1000) by page number', async () => {
      log.clear()
      const node = world.nodes[0] ?? ''
      const enis = await cilium.describeNetworkInterfacesByInstance(node)
      assert.deepEqual(
        calls('DescribeNetworkInterfaces').map((c) => [
          c.params['InstanceId'],
          c.params['PageNumber'],
          c.params['PageSize'],
        ]),
        [[node, 1, 1000]],
      )
      assert.deepEqual(enis.map((e) => e.type).sort(), ['Primary', 'Secondary'])
      assert.ok(enis.every((e) => e.instanceId === node))
      const secondary = enis.find((e) => e.type === 'Secondary')
      assert.equal(secondary?.privateIpSets.length, 13)
    })
  })
}

function parseList(eni: { PrivateIpSets: { PrivateIpSet: { PrivateIpAddress: string }[] } }) {
  return eni.PrivateIpSets.PrivateIpSet.map((p) => p.PrivateIpAddress)
}
