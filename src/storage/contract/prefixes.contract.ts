// IPv6 addresses, IPv4 /28 and IPv6 /80 prefixes, and the VPC /56 record (schema version 6):
// the database refuses every overlap, including between two concurrent transactions.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import type { Eni } from '../../domain/resources.js'
import { aSecurityGroup, aVSwitch, aVpc, anAccount, anEni, at } from '../../testing/builders.js'
import type { NewIpv6Address, NewPrefix, Tx } from '../store.js'
import type { Cases } from './harness.js'
import { aTick, rejectsWithCode } from './harness.js'

const V4 = '192.168.7.0/24'
const V6 = '2408:4000:0:701::/64'

interface World {
  readonly accountId: string
  readonly vswitchId: string
  readonly sgId: string
  readonly enis: Eni[]
}

/** One account, a dual-stack vSwitch, and `n` ENIs with primaries 192.168.7.(2 + i). */
async function world(tx: Tx, n = 2): Promise<World> {
  const account = anAccount()
  const vpc = aVpc({
    accountId: account.id,
    cidrBlock: '192.168.0.0/16',
    ipv6CidrBlock: '2408:4000:0:700::/56',
    ipv6Isp: 'BGP',
  })
  const vsw = aVSwitch({
    accountId: account.id,
    vpcId: vpc.id,
    cidrBlock: V4,
    ipv6CidrBlock: V6,
  })
  const sg = aSecurityGroup({ accountId: account.id, vpcId: vpc.id })
  await tx.insertAccount(account)
  await tx.insertVpc(vpc)
  await tx.insertVSwitch(vsw)
  await tx.insertSecurityGroup(sg)
  const enis: Eni[] = []
  for (let i = 0; i < n; i++) {
    const eni = anEni({
      accountId: account.id,
      vpcId: vpc.id,
      vswitchId: vsw.id,
      primaryIp: `192.168.7.${2 + i}`,
    })
    await tx.insertEni(eni, [sg.id])
    await tx.insertPrivateIps([
      {
        vswitchId: vsw.id,
        address: eni.primaryIp,
        eniId: eni.id,
        accountId: account.id,
        primary: true,
      },
    ])
    enis.push(eni)
  }
  return { accountId: account.id, vswitchId: vsw.id, sgId: sg.id, enis }
}

const members = (prefix: string): string[] => {
  const [base] = prefix.split('/')
  const [a, b, c, d] = (base ?? '').split('.').map(Number)
  return Array.from({ length: 16 }, (_, i) => `${a}.${b}.${c}.${(d ?? 0) + i}`)
}
const v4prefix = (eni: Eni, prefix: string): NewPrefix & { members: string[] } => ({
  vswitchId: eni.vswitchId,
  prefix,
  eniId: eni.id,
  accountId: eni.accountId,
  members: members(prefix),
})
const v6prefix = (eni: Eni, prefix: string): NewPrefix => ({
  vswitchId: eni.vswitchId,
  prefix,
  eniId: eni.id,
  accountId: eni.accountId,
})
const v6 = (eni: Eni, address: string, block: string): NewIpv6Address => ({
  vswitchId: eni.vswitchId,
  address,
  block,
  eniId: eni.id,
  accountId: eni.accountId,
})
const single = (eni: Eni, address: string) => ({
  vswitchId: eni.vswitchId,
  address,
  eniId: eni.id,
  accountId: eni.accountId,
  primary: false,
})

const B1 = '2408:4000:0:701:1::/80'
const B2 = '2408:4000:0:701:2::/80'

export function prefixesContract(c: Cases): void {
  describe('IPv6 and prefixes', () => {
    c.it(
      'VPC and vSwitch IPv6 blocks round-trip; the /56 record refuses a repeat',
      async ({ store }) => {
        const w = await store.transaction((tx) => world(tx, 0))
        await store.transaction(async (tx) => {
          const vsw = await tx.getVSwitch(w.accountId, w.vswitchId)
          assert.equal(vsw?.ipv6CidrBlock, V6)
          const vpc = await tx.getVpc(w.accountId, vsw?.vpcId ?? '')
          assert.equal(vpc?.ipv6CidrBlock, '2408:4000:0:700::/56')
          assert.equal(vpc?.ipv6Isp, 'BGP')
          await tx.setVpcIpv6(vpc?.id ?? '', null, null)
          assert.equal((await tx.getVpc(w.accountId, vpc?.id ?? ''))?.ipv6CidrBlock, null)
          await tx.setVSwitchIpv6(w.vswitchId, null)
          assert.equal((await tx.getVSwitch(w.accountId, w.vswitchId))?.ipv6CidrBlock, null)
          assert.equal(await tx.maxVpcIpv6PoolIndex(), -1)
          await tx.insertVpcIpv6Cidr({
            cidrBlock: '2408:4000::/56',
            regionId: 'cn-hangzhou',
            poolIndex: 0,
            vpcId: 'vpc-a',
            createdAt: at(),
          })
          await tx.insertVpcIpv6Cidr({
            cidrBlock: '2408:4000:0:500::/56',
            regionId: 'cn-hangzhou',
            poolIndex: null,
            vpcId: 'vpc-b',
            createdAt: at(),
          })
          assert.equal(await tx.maxVpcIpv6PoolIndex(), 0)
          assert.deepEqual(await tx.vpcIpv6CidrsTaken(['2408:4000::/56', '2408:4000:0:100::/56']), [
            '2408:4000::/56',
          ])
        })
        await rejectsWithCode(
          store.transaction((tx) =>
            tx.insertVpcIpv6Cidr({
              cidrBlock: '2408:4000:0:100::/56',
              regionId: 'cn-hangzhou',
              poolIndex: 0,
              vpcId: 'vpc-c',
              createdAt: at(),
            }),
          ),
          'OperationConflict',
        )
      },
    )

    c.it(
      'an IPv4 /28 claims its 16 addresses; the ENI lists it as a prefix, not as IPs',
      async ({ store }) => {
        const w = await store.transaction((tx) => world(tx))
        const [e1, e2] = w.enis as [Eni, Eni]
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.insertIpv4Prefixes([v4prefix(e1, '192.168.7.16/28')]), [
            '192.168.7.16/28',
          ])
          assert.equal(await tx.countUsedAddresses(w.vswitchId), 2 + 16)
          assert.deepEqual(await tx.addressesInUse(w.vswitchId, ['192.168.7.20', '192.168.7.40']), [
            '192.168.7.20',
          ])
          assert.deepEqual(await tx.usedIpv4Prefixes(w.vswitchId), ['192.168.7.16/28'])
          // a single address inside the prefix and an overlapping prefix are refused
          assert.deepEqual(await tx.insertPrivateIps([single(e2, '192.168.7.31')]), [])
          assert.deepEqual(await tx.insertIpv4Prefixes([v4prefix(e2, '192.168.7.16/28')]), [])
          // a prefix over an address in use is refused and leaves none of its rows behind
          assert.deepEqual(await tx.insertPrivateIps([single(e2, '192.168.7.33')]), [
            '192.168.7.33',
          ])
          assert.deepEqual(await tx.insertIpv4Prefixes([v4prefix(e2, '192.168.7.32/28')]), [])
          assert.equal(await tx.countUsedAddresses(w.vswitchId), 2 + 16 + 1)
          const view = await tx.getEni(w.accountId, e1.id)
          assert.deepEqual(view?.privateIps, [{ address: e1.primaryIp, primary: true }])
          assert.deepEqual(view?.ipv4Prefixes, ['192.168.7.16/28'])
          assert.deepEqual(await tx.privateIpsOf(e1.id), [{ address: e1.primaryIp, primary: true }])
          // a member is not a secondary address: deletePrivateIps leaves it
          assert.equal(await tx.deletePrivateIps(e1.id, ['192.168.7.17']), 0)
          // the security group counts a prefix once: 2 primaries + 1 single + 1 prefix
          assert.equal(await tx.countSecurityGroupIps(w.sgId), 4)
          assert.deepEqual(await tx.countSecurityGroupIpsIn([w.sgId]), new Map([[w.sgId, 4]]))
          const page = await tx.listEnis(
            w.accountId,
            { regionId: 'cn-hangzhou', privateIps: ['192.168.7.17'] },
            { limit: 10 },
          )
          assert.equal(page.items.length, 0)
        })
        await store.transaction(async (tx) => {
          assert.equal(await tx.deleteIpv4Prefixes(e2.id, ['192.168.7.16/28']), 0)
          assert.equal(
            await tx.deleteIpv4Prefixes(e1.id, ['192.168.7.16/28', '192.168.7.48/28']),
            1,
          )
          assert.equal(await tx.countUsedAddresses(w.vswitchId), 3)
          assert.deepEqual((await tx.getEni(w.accountId, e1.id))?.ipv4Prefixes, [])
          assert.deepEqual(await tx.insertIpv4Prefixes([v4prefix(e2, '192.168.7.16/28')]), [
            '192.168.7.16/28',
          ])
        })
      },
    )

    c.it(
      'IPv6 singles and /80 prefixes never overlap; a block frees with its last single',
      async ({ store }) => {
        const w = await store.transaction((tx) => world(tx))
        const [e1, e2] = w.enis as [Eni, Eni]
        const a = '2408:4000:0:701:1::5'
        const b = '2408:4000:0:701:1::6'
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.insertIpv6Addresses([v6(e1, a, B1), v6(e1, b, B1)]), [a, b])
          assert.deepEqual(await tx.insertIpv6Addresses([v6(e2, a, B1)]), [])
          assert.deepEqual(await tx.ipv6AddressesInUse(w.vswitchId, [a, '2408:4000:0:701::9']), [a])
          assert.deepEqual(await tx.insertIpv6Prefixes([v6prefix(e2, B1)]), [])
          assert.deepEqual(await tx.insertIpv6Prefixes([v6prefix(e2, B2)]), [B2])
          assert.deepEqual(await tx.insertIpv6Prefixes([v6prefix(e1, B2)]), [])
          assert.deepEqual(await tx.insertIpv6Addresses([v6(e1, '2408:4000:0:701:2::7', B2)]), [])
          assert.deepEqual(await tx.ipv6PrefixBlocksIn(w.vswitchId, [B1, B2]), [B2])
          assert.deepEqual((await tx.usedIpv6Blocks(w.vswitchId)).sort(), [B1, B2])
          assert.deepEqual((await tx.usedIpv6Addresses(w.vswitchId)).sort(), [a, b])
          const v1 = await tx.getEni(w.accountId, e1.id)
          assert.deepEqual(v1?.ipv6Addresses, [a, b])
          const v2 = await tx.getEni(w.accountId, e2.id)
          assert.deepEqual(v2?.ipv6Prefixes, [B2])
          assert.deepEqual(v2?.ipv6Addresses, [])
        })
        await store.transaction(async (tx) => {
          assert.equal(await tx.deleteIpv6Addresses(e1.id, [a]), 1)
          assert.deepEqual(await tx.insertIpv6Prefixes([v6prefix(e2, B1)]), [])
          assert.equal(await tx.deleteIpv6Addresses(e2.id, [b]), 0)
          assert.equal(await tx.deleteIpv6Addresses(e1.id, [b]), 1)
          assert.deepEqual(await tx.insertIpv6Prefixes([v6prefix(e2, B1)]), [B1])
          assert.equal(await tx.deleteIpv6Prefixes(e1.id, [B1]), 0)
          assert.equal(await tx.deleteIpv6Prefixes(e2.id, [B1, B2]), 2)
          assert.deepEqual(await tx.usedIpv6Blocks(w.vswitchId), [])
        })
      },
    )

    c.it(
      'deleting an ENI frees its IPv6 addresses, blocks and prefixes of both families',
      async ({ store }) => {
        const w = await store.transaction((tx) => world(tx))
        const [e1, e2] = w.enis as [Eni, Eni]
        const a = '2408:4000:0:701:1::5'
        await store.transaction(async (tx) => {
          await tx.insertIpv6Addresses([v6(e1, a, B1)])
          await tx.insertIpv6Addresses([v6(e2, '2408:4000:0:701:1::6', B1)])
          await tx.insertIpv6Prefixes([v6prefix(e1, B2)])
          await tx.insertIpv4Prefixes([v4prefix(e1, '192.168.7.16/28')])
          await tx.deleteEni(e1.id)
          assert.equal(await tx.countUsedAddresses(w.vswitchId), 1)
          assert.deepEqual(await tx.usedIpv6Blocks(w.vswitchId), [B1])
          await tx.deleteEni(e2.id)
          assert.deepEqual(await tx.usedIpv6Blocks(w.vswitchId), [])
          assert.deepEqual(await tx.usedIpv6Addresses(w.vswitchId), [])
        })
      },
    )

    c.it(
      'concurrent: a /28 and a single address inside it — exactly one wins',
      async ({ store }) => {
        const w = await store.transaction((tx) => world(tx))
        const [e1, e2] = w.enis as [Eni, Eni]
        const results = await Promise.all([
          store.transaction(async (tx) => {
            const got = await tx.insertIpv4Prefixes([v4prefix(e1, '192.168.7.64/28')])
            await aTick()
            return got.length
          }),
          store.transaction(async (tx) => {
            const got = await tx.insertPrivateIps([single(e2, '192.168.7.79')])
            await aTick()
            return got.length
          }),
        ])
        assert.deepEqual([...results].sort(), [0, 1])
        const used = await store.transaction((tx) => tx.countUsedAddresses(w.vswitchId))
        assert.equal(used, results[0] === 1 ? 2 + 16 : 2 + 1)
      },
    )

    c.it(
      'concurrent: a /80 and a single IPv6 address inside it — exactly one wins',
      async ({ store }) => {
        const w = await store.transaction((tx) => world(tx))
        const [e1, e2] = w.enis as [Eni, Eni]
        const results = await Promise.all([
          store.transaction(async (tx) => {
            const got = await tx.insertIpv6Prefixes([v6prefix(e1, B1)])
            await aTick()
            return got.length
          }),
          store.transaction(async (tx) => {
            const got = await tx.insertIpv6Addresses([v6(e2, '2408:4000:0:701:1::5', B1)])
            await aTick()
            return got.length
          }),
        ])
        assert.deepEqual([...results].sort(), [0, 1])
        const blocks = await store.transaction((tx) => tx.ipv6PrefixBlocksIn(w.vswitchId, [B1]))
        assert.deepEqual(blocks, results[0] === 1 ? [B1] : [])
      },
    )
  })
}
