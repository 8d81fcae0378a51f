// listEnis: tenancy, region and each filter of DescribeNetworkInterfaces, one case per filter.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import { defaultResourceGroupId } from '../../domain/resource-group.js'
import type { Eni, Instance, SecurityGroup, VSwitch, Vpc } from '../../domain/resources.js'
import { aSecurityGroup, aVSwitch, aVpc, anAddress, anInstance } from '../../testing/builders.js'
import type { EniFilter, Tx } from '../store.js'
import type { Cases } from './harness.js'
import type { Network } from './seed.js'
import { ids, seedEni, seedNetwork, viewOf } from './seed.js'

interface World {
  readonly net: Network
  readonly sg2: SecurityGroup
  readonly vsw2: VSwitch
  readonly vpc2: Vpc
  readonly i1: Instance
  /** a secondary address of e1 */
  readonly x1: string
  readonly e1: Eni
  readonly e2: Eni
  readonly e3: Eni
  readonly e4: Eni
  /** another account's ENI, and one of this account in another region */
  readonly foreign: Eni
  readonly beijing: Eni
}

async function seedWorld(tx: Tx): Promise<World> {
  const net = await seedNetwork(tx)
  const acc = net.account.id
  const sg2 = aSecurityGroup({ accountId: acc, vpcId: net.vpc.id })
  const vsw2 = aVSwitch({ accountId: acc, vpcId: net.vpc.id, zoneId: 'cn-hangzhou-i' })
  const vpc2 = aVpc({ accountId: acc })
  const vsw3 = aVSwitch({ accountId: acc, vpcId: vpc2.id })
  const sg3 = aSecurityGroup({ accountId: acc, vpcId: vpc2.id })
  const i1 = anInstance({ accountId: acc, vpcId: net.vpc.id, vswitchId: net.vswitch.id })
  await tx.insertSecurityGroup(sg2)
  await tx.insertVSwitch(vsw2)
  await tx.insertVpc(vpc2)
  await tx.insertVSwitch(vsw3)
  await tx.insertSecurityGroup(sg3)
  await tx.insertInstance(i1)
  const x1 = anAddress()
  const e1 = await seedEni(tx, net, { name: 'a' }, { secondaries: [x1] })
  const e2 = await seedEni(
    tx,
    net,
    { type: 'Primary', status: 'InUse', instanceId: i1.id, deviceIndex: 0, name: 'b' },
    { sgIds: [sg2.id] },
  )
  const e3 = await seedEni(
    tx,
    net,
    { status: 'InUse', instanceId: i1.id, deviceIndex: 1, vswitchId: vsw2.id, name: 'a' },
    { sgIds: [sg2.id, net.sg.id] },
  )
  const e4 = await seedEni(
    tx,
    net,
    {
      vpcId: vpc2.id,
      vswitchId: vsw3.id,
      resourceGroupId: TEAM_GROUP,
      trafficMode: 'HighPerformance',
    },
    { sgIds: [sg3.id] },
  )
  const foreign = await seedEni(tx, await seedNetwork(tx), { name: 'a' })
  const beijing = await seedEni(tx, net, { regionId: 'cn-beijing', name: 'a' })
  return { net, sg2, vsw2, vpc2, i1, x1, e1, e2, e3, e4, foreign, beijing }
}

const TEAM_GROUP = 'rg-aek2teamgroup'

type FilterCase = readonly [
  name: string,
  filter: (w: World) => Omit<EniFilter, 'regionId'>,
  expected: (w: World) => readonly Eni[],
]

const CASES: readonly FilterCase[] = [
  ['no filter', () => ({}), (w) => [w.e1, w.e2, w.e3, w.e4]],
  ['ids', (w) => ({ ids: [w.e4.id, w.e1.id, w.foreign.id, w.beijing.id] }), (w) => [w.e1, w.e4]],
  ['empty ids', () => ({ ids: [] }), () => []],
  ['instanceId', (w) => ({ instanceId: w.i1.id }), (w) => [w.e2, w.e3]],
  ['vpcId', (w) => ({ vpcId: w.vpc2.id }), (w) => [w.e4]],
  ['vswitchId', (w) => ({ vswitchId: w.vsw2.id }), (w) => [w.e3]],
  ['securityGroupId', (w) => ({ securityGroupId: w.net.sg.id }), (w) => [w.e1, w.e3]],
  ['type', () => ({ type: 'Primary' }), (w) => [w.e2]],
  ['status', () => ({ status: 'InUse' }), (w) => [w.e2, w.e3]],
  ['primaryIp', (w) => ({ primaryIp: w.e3.primaryIp }), (w) => [w.e3]],
  ['primaryIp of a secondary address', (w) => ({ primaryIp: w.x1 }), () => []],
  [
    'privateIps',
    (w) => ({ privateIps: [w.x1, w.e4.primaryIp, w.foreign.primaryIp] }),
    (w) => [w.e1, w.e4],
  ],
  ['empty privateIps', () => ({ privateIps: [] }), () => []],
  ['name', () => ({ name: 'a' }), (w) => [w.e1, w.e3]],
  ['resourceGroupId', () => ({ resourceGroupId: TEAM_GROUP }), (w) => [w.e4]],
  [
    "resourceGroupId: the account's default group",
    (w) => ({ resourceGroupId: defaultResourceGroupId(w.net.account.id) }),
    (w) => [w.e1, w.e2, w.e3],
  ],
  [
    "resourceGroupId: another account's default group",
    (w) => ({ resourceGroupId: w.foreign.resourceGroupId }),
    () => [],
  ],
  ['trafficMode', () => ({ trafficMode: 'HighPerformance' }), (w) => [w.e4]],
  ['trafficMode Standard', () => ({ trafficMode: 'Standard' }), (w) => [w.e1, w.e2, w.e3]],
  [
    'several filters at once',
    (w) => ({ instanceId: w.i1.id, securityGroupId: w.net.sg.id, type: 'Secondary' }),
    (w) => [w.e3],
  ],
]

export function eniFiltersContract(c: Cases): void {
  describe('listEnis filters', () => {
    for (const [name, filter, expected] of CASES) {
      c.it(`listEnis filter: ${name}`, async ({ store }) => {
        await store.transaction(async (tx) => {
          const w = await seedWorld(tx)
          const page = await tx.listEnis(
            w.net.account.id,
            { regionId: 'cn-hangzhou', ...filter(w) },
            { limit: 100 },
          )
          assert.deepEqual(ids(page.items), ids(expected(w)))
          assert.equal(page.totalCount, expected(w).length)
          assert.equal(page.nextToken, '')
        })
      })
    }

    c.it(
      'listEnis items carry their groups, private IPs, attached instance type and tags',
      async ({ store }) => {
        await store.transaction(async (tx) => {
          const w = await seedWorld(tx)
          const tags = [
            { key: 'team', value: 'net' },
            { key: 'env', value: '' },
          ]
          await tx.putTags(w.net.account.id, 'cn-hangzhou', 'eni', w.e3.id, tags)
          // another resource type with the same id, and another account, stay out
          await tx.putTags(w.net.account.id, 'cn-hangzhou', 'instance', w.e3.id, [
            { key: 'x', value: 'y' },
          ])
          await tx.putTags(w.foreign.accountId, 'cn-hangzhou', 'eni', w.e3.id, [
            { key: 'z', value: 'w' },
          ])
          const page = await tx.listEnis(
            w.net.account.id,
            { regionId: 'cn-hangzhou', ids: [w.e1.id, w.e3.id] },
            { limit: 100 },
          )
          assert.deepEqual(page.items, [
            { ...viewOf(w.e1, [w.net.sg.id], [w.x1]), tags: [] },
            {
              ...viewOf(w.e3, [w.sg2.id, w.net.sg.id], [], w.i1.instanceType),
              tags: [
                { key: 'env', value: '' },
                { key: 'team', value: 'net' },
              ],
            },
          ])
        })
      },
    )
  })
}
