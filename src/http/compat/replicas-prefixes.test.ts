// Two `eniplane serve` processes on one PostgreSQL database assign IPv4 /28 prefixes, single
// IPv4 addresses, IPv6 /80 prefixes and single IPv6 addresses on one dual-stack vSwitch at the
// same time, through pop-core (V1). Both replicas pick lowest-first (`--allocation sequential`),
// so they keep choosing the same candidates and only the database can keep them apart. Then no
// address is held twice, none lies inside a prefix, no prefix overlaps another or a reserved
// address, and AvailableIpAddressCount is exact. PostgreSQL only (two processes on one SQLite
// file would only queue behind its single writer): skipped without ENI_TEST_PG_URL locally,
// failing under CI=true.
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { after, before, describe, test } from 'node:test'

import RPCClient from '@alicloud/pop-core'
import pg from 'pg'

import { IPV4_PREFIX_SIZE } from '../../allocator/address-pool.js'
import { isUsable, parseCidr } from '../../allocator/cidr.js'
import { parseIpv4 } from '../../allocator/ipv4.js'
import { isUsableIpv6, parseIpv6, parseIpv6Cidr } from '../../allocator/ipv6.js'
import { AK, SECRET, eventually } from '../../testing/sdk-harness.js'
import { type ServeProcess, startServe } from '../../testing/serve-process.js'
import { PG_URL, schemaNameFor } from '../../testing/test-engines.js'

type Json = Record<string, unknown>
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const region = 'cn-hangzhou'
const ENIS = 6
const ROUNDS = 4
const START_TIMEOUT_MS = 60_000

const skip =
  PG_URL === undefined || PG_URL === ''
    ? process.env['CI'] === 'true'
      ? undefined
      : 'ENI_TEST_PG_URL is not set: two-replica test skipped'
    : undefined

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

const client = (url: string, version = '2014-05-26') =>
  new RPCClient({ endpoint: url, apiVersion: version, accessKeyId: AK, accessKeySecret: SECRET })

describe('two serve replicas assign prefixes and addresses on one vSwitch', { skip }, () => {
  const schema = schemaNameFor('replicas-prefixes')
  const replicas: ServeProcess[] = []
  const urls: string[] = []

  before(async () => {
    if (PG_URL === undefined || PG_URL === '') throw new Error('CI=true needs ENI_TEST_PG_URL')
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`)
    const sep = PG_URL.includes('?') ? '&' : '?'
    const db = `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`
    // one after the other: the first creates the schema and the bootstrap account
    for (let i = 0; i < 2; i++) {
      const replica = await startServe({
        name: `replica ${i}`,
        db,
        cwd: ROOT,
        key: { id: AK, secret: SECRET },
        timeoutMs: START_TIMEOUT_MS,
        serveArgs: [
          '--async-delay-ms',
          '20',
          '--allocation',
          'sequential',
          '--log-level',
          'silent',
        ],
      })
      replicas.push(replica)
      urls.push(replica.url)
    }
  })
  after(async () => {
    for (const r of replicas) await r.stop()
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  })

  test('no overlap, exact accounting', async () => {
    const vpcApi = client(urls[0]!, '2016-04-28')
    const ecs = [client(urls[0]!), client(urls[1]!)]
    const call = (i: number, action: string, params: Json) =>
      ecs[i % 2]!.request<Json>(action, { RegionId: region, ...params }, { method: 'POST' })
    const vpc = await vpcApi.request<Json>(
      'CreateVpc',
      { RegionId: region, CidrBlock: '192.168.0.0/16', EnableIpv6: true },
      { method: 'POST' },
    )
    const vpcId = String(vpc['VpcId'])
    await eventually(
      'VPC Available',
      () => vpcApi.request<Json>('DescribeVpcs', { RegionId: region, VpcId: vpcId }),
      (r) => JSON.stringify(r).includes('"Status":"Available"'),
    )
    const vsw = await vpcApi.request<Json>(
      'CreateVSwitch',
      {
        RegionId: region,
        VpcId: vpcId,
        ZoneId: 'cn-hangzhou-h',
        CidrBlock: '192.168.1.0/24',
        Ipv6CidrBlock: 1,
      },
      { method: 'POST' },
    )
    const vswitchId = String(vsw['VSwitchId'])
    const describeVsw = () =>
      vpcApi.request<Json>('DescribeVSwitches', { RegionId: region, VSwitchId: vswitchId })
    await eventually('vSwitch Available', describeVsw, (r) =>
      JSON.stringify(r).includes('"Status":"Available"'),
    )
    const sg = await call(0, 'CreateSecurityGroup', { VpcId: vpcId })
    const enis: string[] = []
    for (let i = 0; i < ENIS; i++) {
      const created = await call(i, 'CreateNetworkInterface', {
        VSwitchId: vswitchId,
        SecurityGroupId: String(sg['SecurityGroupId']),
      })
      enis.push(String(created['NetworkInterfaceId']))
    }

    // Every ENI gets, per round and from alternating replicas, all at once: a /28, a single
    // IPv4, a /80 and a single IPv6. A /24 has 14 usable /28s, so prefixes run out and
    // InvalidVSwitchId.IpNotEnough is an allowed answer. Operation.Conflict (another call on the
    // same ENI is in flight on that replica) is retried with back-off, as Terway does; a lost
    // database race (OperationConflict) is allowed too. Anything else fails the test.
    const outcomes: { ok: boolean; code?: string }[] = []
    const attempt = async (i: number, action: string, params: Json) => {
      for (let tries = 1; ; tries++) {
        try {
          await call(i, action, params)
          outcomes.push({ ok: true })
          return
        } catch (e: unknown) {
          const code = String((e as { code?: unknown }).code)
          if (code === 'Operation.Conflict' && tries < 20) {
            await new Promise((r) => setTimeout(r, 20 * tries))
            continue
          }
          assert.ok(
            ['InvalidVSwitchId.IpNotEnough', 'OperationConflict', 'Operation.Conflict'].includes(
              code,
            ),
            `${action}: ${code}`,
          )
          outcomes.push({ ok: false, code })
          return
        }
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(
        enis.flatMap((eniId, k) => [
          attempt(k + round, 'AssignPrivateIpAddresses', {
            NetworkInterfaceId: eniId,
            Ipv4PrefixCount: 1,
          }),
          attempt(k + round + 1, 'AssignPrivateIpAddresses', {
            NetworkInterfaceId: eniId,
            SecondaryPrivateIpAddressCount: 1,
          }),
          attempt(k + round, 'AssignIpv6Addresses', {
            NetworkInterfaceId: eniId,
            Ipv6PrefixCount: 1,
          }),
          attempt(k + round + 1, 'AssignIpv6Addresses', {
            NetworkInterfaceId: eniId,
            Ipv6AddressCount: 1,
          }),
        ]),
      )
    }
    assert.ok(outcomes.filter((o) => o.ok).length >= ENIS * ROUNDS, 'most calls succeeded')

    const v4 = parseCidr('192.168.1.0/24')!
    const v6 = parseIpv6Cidr('2408:4000:0:1::/64')!
    const singles: number[] = []
    const prefixes: number[] = []
    const v6singles: bigint[] = []
    const v6prefixes: bigint[] = []
    for (const eniId of enis) {
      const e = await call(0, 'DescribeNetworkInterfaceAttribute', { NetworkInterfaceId: eniId })
      const sets = e as {
        PrivateIpSets: { PrivateIpSet: { PrivateIpAddress: string }[] }
        Ipv4PrefixSets: { Ipv4PrefixSet: { Ipv4Prefix: string }[] }
        Ipv6Sets: { Ipv6Set: { Ipv6Address: string }[] }
        Ipv6PrefixSets: { Ipv6PrefixSet: { Ipv6Prefix: string }[] }
      }
      singles.push(...sets.PrivateIpSets.PrivateIpSet.map((p) => parseIpv4(p.PrivateIpAddress)!))
      prefixes.push(...sets.Ipv4PrefixSets.Ipv4PrefixSet.map((p) => parseCidr(p.Ipv4Prefix)!.base))
      v6singles.push(...sets.Ipv6Sets.Ipv6Set.map((p) => parseIpv6(p.Ipv6Address)!))
      v6prefixes.push(
        ...sets.Ipv6PrefixSets.Ipv6PrefixSet.map((p) => parseIpv6Cidr(p.Ipv6Prefix)!.base),
      )
    }
    assert.ok(prefixes.length > 0 && v6prefixes.length > 0 && v6singles.length > 0)
    // IPv4: every address of every prefix, and every single one, exactly once, all usable
    const held = [
      ...singles,
      ...prefixes.flatMap((b) => Array.from({ length: IPV4_PREFIX_SIZE }, (_, i) => b + i)),
    ]
    assert.equal(new Set(held).size, held.length, 'no IPv4 address held twice')
    for (const ip of held) assert.ok(isUsable(v4, ip), 'no reserved address in use')
    for (const b of prefixes) assert.equal((b - v4.base) % IPV4_PREFIX_SIZE, 0, 'aligned /28')
    const available = await describeVsw()
    assert.ok(JSON.stringify(available).includes(`"AvailableIpAddressCount":${252 - held.length}`))
    // IPv6: distinct prefixes, distinct addresses, no address inside a prefix
    const blocks = v6prefixes.map((b) => b >> 48n)
    assert.equal(new Set(blocks).size, blocks.length, 'no /80 twice')
    assert.equal(new Set(v6singles).size, v6singles.length, 'no IPv6 address twice')
    for (const a of v6singles) {
      assert.ok(isUsableIpv6(v6, a))
      assert.ok(!blocks.includes(a >> 48n), 'no IPv6 address inside a /80 prefix')
    }
  })
})
