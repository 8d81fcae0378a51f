// Migration 3 on a database that already holds data (it runs after 9 there): what both engines'
// test files check beside their adapter. An ENI and a ClientToken record written by a version
// before 3 are built by raw SQL (literals only, so one text serves both engines), then the store
// opens, migrates, and must read them as the migration promises.
import assert from 'node:assert/strict'

import { defaultResourceGroupId } from '../../domain/resource-group.js'
import { MIGRATIONS } from '../sql/schema.js'
import type { Store } from '../store.js'

/** Runs one statement of raw SQL (no parameters). */
export type RunSql = (sql: string) => Promise<unknown>

export const LEGACY = {
  accountId: '1000000000042',
  eniId: 'eni-legacy0000000001',
  token: 'legacy-token-1',
} as const

/** Applies every migration except 3, as a database of an older version has them. */
export async function migrateAllButThree(run: RunSql): Promise<void> {
  await run(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
  )
  for (const m of MIGRATIONS) {
    if (m.version === 3) continue
    for (const statement of m.statements) await run(statement)
    await run(`INSERT INTO schema_migrations (version, applied_at) VALUES (${m.version}, 0)`)
  }
}

/** The rows an older version wrote: a VPC, a vSwitch, an ENI and a ClientToken record. */
export async function insertLegacyRows(run: RunSql): Promise<void> {
  const a = `'${LEGACY.accountId}'`
  await run(`INSERT INTO vpcs (id, account_id, region_id, cidr_block, name, description, status,
    vrouter_id, route_table_id, created_at) VALUES ('vpc-legacy', ${a}, 'cn-hangzhou',
    '10.0.0.0/16', '', '', 'Available', 'vrt-legacy', 'vtb-legacy', 0)`)
  await run(`INSERT INTO vswitches (id, account_id, vpc_id, region_id, zone_id, cidr_block, name,
    description, status, created_at) VALUES ('vsw-legacy', ${a}, 'vpc-legacy', 'cn-hangzhou',
    'cn-hangzhou-h', '10.0.1.0/24', '', '', 'Available', 0)`)
  await run(`INSERT INTO enis (id, account_id, region_id, zone_id, vpc_id, vswitch_id, eni_type,
    status, mac_address, primary_ip, name, description, instance_id, device_index,
    delete_on_release, source_dest_check, created_at) VALUES ('${LEGACY.eniId}', ${a},
    'cn-hangzhou', 'cn-hangzhou-h', 'vpc-legacy', 'vsw-legacy', 'Secondary', 'Available',
    '00:16:3e:00:00:42', '10.0.1.7', '', '', NULL, NULL, 0, 0, 0)`)
  await run(`INSERT INTO idempotency (account_id, action, token, params_hash, result, created_at)
    VALUES (${a}, 'CreateNetworkInterface', '${LEGACY.token}', 'h', '{}', 0)`)
}

/** What the migrated store reads from the legacy rows, and that new ones use the new columns. */
export async function assertUpgraded(store: Store): Promise<void> {
  const group = defaultResourceGroupId(LEGACY.accountId)
  await store.transaction(async (tx) => {
    const eni = await tx.getEni(LEGACY.accountId, LEGACY.eniId)
    assert.deepEqual(
      [eni?.trafficMode, eni?.resourceGroupId, eni?.queueNumber, eni?.queuePairNumber],
      ['Standard', group, null, null],
    )
    const inDefault = await tx.listEnis(
      LEGACY.accountId,
      { regionId: 'cn-hangzhou', resourceGroupId: group },
      { limit: 10 },
    )
    assert.deepEqual(
      inDefault.items.map((e) => e.id),
      [LEGACY.eniId],
    )
    const key = [LEGACY.accountId, 'CreateNetworkInterface', LEGACY.token] as const
    assert.equal((await tx.getIdempotency(key[0], '', key[1], key[2]))?.result, '{}')
    assert.equal(await tx.getIdempotency(key[0], 'cn-hangzhou', key[1], key[2]), undefined)
    // The rebuilt table keys records by region: the same token in a region is a new record.
    await tx.insertIdempotency({
      accountId: key[0],
      regionId: 'cn-hangzhou',
      action: key[1],
      token: key[2],
      paramsHash: 'h2',
      result: '{"n":1}',
      createdAt: new Date(1),
    })
    assert.equal(await tx.deleteIdempotencyBefore(new Date(1)), 1)
    assert.equal(
      (await tx.getIdempotency(key[0], 'cn-hangzhou', key[1], key[2]))?.result,
      '{"n":1}',
    )
  })
}
