// Migration 8 on a database that already holds ENIs: what both engines' test files check beside
// their adapter. A store seeds two ENIs (one secondary, one primary); the test puts the schema
// back as version 7 had it (no `eni_counts`, the `private_ips_eni` index), reopens, and the counts
// must be those of the ENIs already there.
import assert from 'node:assert/strict'

import type { Store } from '../store.js'
import type { Network } from './seed.js'
import { seedEni, seedNetwork } from './seed.js'

/** A network with a secondary and a primary ENI. */
export async function seedCounted(store: Store): Promise<Network> {
  return store.transaction(async (tx) => {
    const net = await seedNetwork(tx)
    await seedEni(tx, net)
    await seedEni(tx, net, { type: 'Primary' })
    return net
  })
}

/** The statements that put a migrated schema back as version 7 left it. */
export function asVersion7(table: (name: string) => string = (n) => n): string[] {
  return [
    `DROP TABLE ${table('eni_counts')}`,
    `CREATE INDEX private_ips_eni ON ${table('private_ips')} (eni_id)`,
    `DELETE FROM ${table('schema_migrations')} WHERE version = 8`,
  ]
}

/** After migration 8: the unfiltered total counts both ENIs, the ENI quota the secondary one. */
export async function assertCounted(store: Store, net: Network): Promise<void> {
  await store.transaction(async (tx) => {
    const hz = { regionId: 'cn-hangzhou' }
    assert.equal((await tx.listEnis(net.account.id, hz, { limit: 1 })).totalCount, 2)
    assert.equal(await tx.countEnis(net.account.id, 'cn-hangzhou'), 1)
  })
}
