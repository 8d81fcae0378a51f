// Migration 11 on a database that already holds addresses: what both engines' test files check
// beside their adapter. A store seeds ENIs with addresses and a /28 prefix, one of them in two
// groups (in 10.0.255.0/24, which the builders' random addresses never reach); the test then
// puts the schema back as version 10 had it (no `ip_count`), reopens, and every group's count
// must be what its members hold.
import assert from 'node:assert/strict'

import type { Store } from '../store.js'
import type { Network } from './seed.js'
import { seedEni, seedGroup, seedNetwork } from './seed.js'

export interface SlotsWorld {
  readonly net: Network
  /** group id → what its members hold (a prefix as one) */
  readonly expected: ReadonlyMap<string, number>
}

/** Two groups: one ENI with 3 secondaries in the first, one with a prefix and 1 secondary in both. */
export async function seedSlots(store: Store): Promise<SlotsWorld> {
  return store.transaction(async (tx) => {
    const net = await seedNetwork(tx)
    const other = await seedGroup(tx, net)
    await seedEni(tx, net, {}, { secondaries: ['10.0.255.1', '10.0.255.2', '10.0.255.3'] })
    const both = await seedEni(
      tx,
      net,
      {},
      { secondaries: ['10.0.255.4'], sgIds: [net.sg.id, other.id] },
    )
    const prefix = '10.0.255.16/28'
    const members = Array.from({ length: 16 }, (_, i) => `10.0.255.${16 + i}`)
    const claimed = await tx.insertIpv4Prefixes([
      { vswitchId: both.vswitchId, prefix, eniId: both.id, accountId: both.accountId, members },
    ])
    assert.deepEqual(claimed, [prefix])
    // 1 primary + 3, and 1 primary + 1 + the prefix as one
    return {
      net,
      expected: new Map([
        [net.sg.id, 7],
        [other.id, 3],
      ]),
    }
  })
}

/** The statements that put a migrated schema back as version 10 left it. */
export function asVersion10(table: (name: string) => string = (n) => n): string[] {
  return [
    `ALTER TABLE ${table('eni_security_groups')} DROP COLUMN ip_count`,
    `DELETE FROM ${table('schema_migrations')} WHERE version = 11`,
  ]
}

/** After migration 11: each group counts what its members hold, and keeps counting. */
export async function assertBackfilled(store: Store, w: SlotsWorld): Promise<void> {
  const groups = [...w.expected.keys()]
  assert.deepEqual(await store.transaction((tx) => tx.countSecurityGroupIpsIn(groups)), w.expected)
  const [first] = groups as [string]
  await store.transaction((tx) => seedEni(tx, w.net, {}, { secondaries: ['10.0.255.9'] }))
  assert.equal(
    await store.transaction((tx) => tx.countSecurityGroupIps(first)),
    (w.expected.get(first) ?? 0) + 2,
  )
}
