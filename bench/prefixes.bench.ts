// In-process figures for IPv6 and prefixes (issue 9), beside the allocator micro-benchmarks:
// per-call time of a random IPv6 assign in a /64 and of a /28 prefix assign in a /16, each in an
// empty and in a busy vSwitch, as a ratio busy/empty in this one run. A "call" here is the
// allocator's pick plus the store's insert in its own transaction on SQLite (`:memory:`), i.e.
// the work AssignIpv6Addresses / AssignPrivateIpAddresses do beyond their checks; the pure pick
// is measured alone too. Run directly: `node --import tsx bench/prefixes.bench.ts`.
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'

import Database from 'better-sqlite3'

import { AddressPool, IPV4_PREFIX_LENGTH } from '../src/allocator/address-pool.js'
import { parseCidr } from '../src/allocator/cidr.js'
import { formatIpv4 } from '../src/allocator/ipv4.js'
import { formatIpv6, ipv6BlockOf, parseIpv6Cidr, randomIpv6In } from '../src/allocator/ipv6.js'
import { seededRandom } from '../src/allocator/seeded-random.js'
import { prefixMembers } from '../src/service/allocate-prefixes.js'
import { SqliteStore } from '../src/storage/sqlite/sqlite-store.js'
import type { Store } from '../src/storage/store.js'
import { aSecurityGroup, aVSwitch, aVpc, anAccount, anEni } from '../src/testing/builders.js'

const V4 = '10.0.0.0/16'
const V6 = '2408:4000:0:1::/64'
const CALLS = 1_000
const IPV6_BUSY = 200_000

interface World {
  readonly store: Store
  readonly vswitchId: string
  readonly eniId: string
  readonly accountId: string
}

async function world(): Promise<World> {
  const store = await SqliteStore.open(new Database(':memory:'), { synchronous: 'normal' })
  const account = anAccount()
  const vpc = aVpc({
    accountId: account.id,
    cidrBlock: '10.0.0.0/8',
    ipv6CidrBlock: '2408:4000::/56',
  })
  const vsw = aVSwitch({ accountId: account.id, vpcId: vpc.id, cidrBlock: V4, ipv6CidrBlock: V6 })
  const sg = aSecurityGroup({ accountId: account.id, vpcId: vpc.id })
  const eni = anEni({
    accountId: account.id,
    vpcId: vpc.id,
    vswitchId: vsw.id,
    primaryIp: '10.0.0.1',
  })
  await store.transaction(async (tx) => {
    await tx.insertAccount(account)
    await tx.insertVpc(vpc)
    await tx.insertVSwitch(vsw)
    await tx.insertSecurityGroup(sg)
    await tx.insertEni(eni, [sg.id])
  })
  return { store, vswitchId: vsw.id, eniId: eni.id, accountId: account.id }
}

const round = (x: number, digits = 1): number => Number(x.toFixed(digits))

/** µs per call of: 64 random bits, then one transaction inserting the address. */
async function ipv6AssignUs(w: World, seed: number): Promise<number> {
  const cidr = parseIpv6Cidr(V6)!
  const random = seededRandom(seed)
  const start = performance.now()
  for (let i = 0; i < CALLS; i++) {
    const n = randomIpv6In(cidr, random)
    const got = await w.store.transaction((tx) =>
      tx.insertIpv6Addresses([
        {
          vswitchId: w.vswitchId,
          address: formatIpv6(n),
          block: ipv6BlockOf(cidr, n),
          eniId: w.eniId,
          accountId: w.accountId,
        },
      ]),
    )
    if (got.length !== 1) throw new Error('a random IPv6 address collided')
  }
  return ((performance.now() - start) * 1000) / CALLS
}

async function fillIpv6(w: World, count: number, seed: number): Promise<void> {
  const cidr = parseIpv6Cidr(V6)!
  const random = seededRandom(seed)
  for (let done = 0; done < count;) {
    const batch = Math.min(5_000, count - done)
    await w.store.transaction(async (tx) => {
      const rows = Array.from({ length: batch }, () => {
        const n = randomIpv6In(cidr, random)
        return {
          vswitchId: w.vswitchId,
          address: formatIpv6(n),
          block: ipv6BlockOf(cidr, n),
          eniId: w.eniId,
          accountId: w.accountId,
        }
      })
      await tx.insertIpv6Addresses(rows)
    })
    done += batch
  }
}

/** A /16 pool with `busyBlocks` of its 4,096 /28s taken whole and one address in `dented`. */
function busyPool(busyBlocks: number, dented: number, seed: number): AddressPool {
  const c = parseCidr(V4)!
  const pool = AddressPool.create(c, [])
  const random = seededRandom(seed)
  for (const b of pool.pickRandomBlocks(busyBlocks, random)) pool.markBlockUsed(b)
  for (const b of pool.pickRandomBlocks(dented, random)) pool.markUsed(b + 5)
  return pool
}

/** ns per /28 pick + markBlockUsed + markBlockFree (fullness stays constant). */
function prefixPickNs(pool: AddressPool, seed: number): number {
  const random = seededRandom(seed)
  const n = 20_000
  const start = performance.now()
  for (let i = 0; i < n; i++) {
    const [b] = pool.pickRandomBlocks(1, random)
    if (b === undefined) throw new Error('no free /28')
    pool.markBlockUsed(b)
    pool.markBlockFree(b)
  }
  return ((performance.now() - start) * 1e6) / n
}

/** µs per call of: pick a free /28 from the pool, then one transaction claiming its 16 rows. */
async function prefixAssignUs(w: World, pool: AddressPool, seed: number): Promise<number> {
  const random = seededRandom(seed)
  const calls = Math.min(CALLS, pool.freeBlockCount)
  const start = performance.now()
  for (let i = 0; i < calls; i++) {
    const [b] = pool.pickRandomBlocks(1, random)
    if (b === undefined) throw new Error('no free /28')
    pool.markBlockUsed(b)
    const got = await w.store.transaction((tx) =>
      tx.insertIpv4Prefixes([
        {
          vswitchId: w.vswitchId,
          prefix: `${formatIpv4(b)}/${IPV4_PREFIX_LENGTH}`,
          eniId: w.eniId,
          accountId: w.accountId,
          members: prefixMembers(b),
        },
      ]),
    )
    if (got.length !== 1) throw new Error('a free /28 was refused')
  }
  return ((performance.now() - start) * 1000) / calls
}

/** Claims `busyBlocks` /28s in the store (as prefixes) and mirrors them in a pool. */
async function busyPrefixWorld(busyBlocks: number, seed: number): Promise<[World, AddressPool]> {
  const w = await world()
  const pool = AddressPool.create(parseCidr(V4)!, [])
  const picks = pool.pickRandomBlocks(busyBlocks, seededRandom(seed))
  for (let i = 0; i < picks.length; i += 500) {
    const rows = picks.slice(i, i + 500).map((b) => ({
      vswitchId: w.vswitchId,
      prefix: `${formatIpv4(b)}/${IPV4_PREFIX_LENGTH}`,
      eniId: w.eniId,
      accountId: w.accountId,
      members: prefixMembers(b),
    }))
    await w.store.transaction((tx) => tx.insertIpv4Prefixes(rows))
  }
  for (const b of picks) pool.markBlockUsed(b)
  return [w, pool]
}

export async function benchPrefixes(): Promise<Record<string, number | string>> {
  // IPv6 random assign: empty /64 vs one holding 200,000 addresses
  const v6 = await world()
  await ipv6AssignUs(v6, 1) // warm-up (and 1,000 addresses)
  const v6Empty = await ipv6AssignUs(v6, 2)
  await fillIpv6(v6, IPV6_BUSY, 3)
  const v6Busy = await ipv6AssignUs(v6, 4)
  await v6.store.close()

  // /28 picks in memory: a /16 with 10% vs 95% of its /28s taken, plus dents in the rest
  prefixPickNs(busyPool(400, 0, 5), 5)
  const pickEmptyNs = prefixPickNs(busyPool(400, 0, 6), 6)
  const pickBusyNs = prefixPickNs(busyPool(3_890, 100, 7), 7)

  // /28 assign with the store: 10% vs 90% of the /16's /28s already prefixes
  const [lightW, lightPool] = await busyPrefixWorld(400, 8)
  await prefixAssignUs(lightW, lightPool, 8)
  const lightUs = await prefixAssignUs(lightW, lightPool, 9)
  await lightW.store.close()
  const [busyW, busyPool90] = await busyPrefixWorld(3_680, 10)
  const busyUs = await prefixAssignUs(busyW, busyPool90, 11)
  await busyW.store.close()

  return {
    'IPv6 random assign (pick + insert), empty /64, µs/call': round(v6Empty),
    [`IPv6 random assign, /64 holding ${IPV6_BUSY.toLocaleString('en')} addresses, µs/call`]:
      round(v6Busy),
    'ratio busy/empty IPv6 assign': round(v6Busy / v6Empty, 2),
    '/28 pick in a /16, 10% of /28s taken, ns': round(pickEmptyNs),
    '/28 pick in a /16, 95% taken + 100 dented, ns': round(pickBusyNs),
    'ratio busy/empty /28 pick': round(pickBusyNs / pickEmptyNs, 2),
    '/28 prefix assign (pick + 16-row insert), /16 10% prefixes, µs/call': round(lightUs),
    '/28 prefix assign, /16 90% prefixes (~59,000 rows), µs/call': round(busyUs),
    'ratio busy/empty /28 prefix assign': round(busyUs / lightUs, 2),
  }
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const results = await benchPrefixes()
  console.table(Object.entries(results).map(([metric, value]) => ({ metric, value })))
}
