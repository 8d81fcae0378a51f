// Migrations on SQLite file databases that already hold data: each is put back as the version
// before it had it, reopened, and must read as the migration promises; and a database reopened
// after all of them migrates nothing again.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'

import Database from 'better-sqlite3'

import { anAccount } from '../../testing/builders.js'
import { asVersion10, assertBackfilled, seedSlots } from '../contract/migration-11-backfill.js'
import { asVersion7, assertCounted, seedCounted } from '../contract/migration-8-counts.js'
import type { RunSql } from '../contract/migration-3-upgrade.js'
import {
  assertUpgraded,
  insertLegacyRows,
  migrateAllButThree,
} from '../contract/migration-3-upgrade.js'
import { MIGRATIONS } from '../sql/schema.js'
import { SqliteStore } from './sqlite-store.js'

const byVersion = (a: { version: number }, b: { version: number }) => a.version - b.version

describe('SqliteStore migrations', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eniplane-sqlite-migrations-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('migration 8 counts the ENIs a database already holds', async () => {
    const file = join(dir, 'eni-counts.db')
    const first = await SqliteStore.open(new Database(file))
    const net = await seedCounted(first)
    await first.close()
    const raw = new Database(file)
    for (const sql of asVersion7()) raw.exec(sql)
    raw.close()

    const db = new Database(file)
    const second = await SqliteStore.open(db)
    try {
      await assertCounted(second, net)
      // private_ips_prefix (eni_id, prefix) serves lookups by ENI: the narrower index is gone
      const index = db.prepare("SELECT name FROM sqlite_master WHERE name = 'private_ips_eni'")
      assert.equal(index.all().length, 0)
    } finally {
      await second.close()
    }
  })

  it("migration 11 fills each membership's slots from the addresses a database holds", async () => {
    const file = join(dir, 'sg-slots.db')
    const first = await SqliteStore.open(new Database(file))
    const world = await seedSlots(first)
    await first.close()
    const raw = new Database(file)
    for (const sql of asVersion10()) raw.exec(sql)
    raw.close()

    const second = await SqliteStore.open(new Database(file))
    try {
      await assertBackfilled(second, world)
    } finally {
      await second.close()
    }
  })

  it('migration 3 upgrades a database of an older version, keeping its rows', async () => {
    const db = new Database(':memory:')
    const run: RunSql = async (sql) => db.exec(sql)
    await migrateAllButThree(run)
    await insertLegacyRows(run)
    const store = await SqliteStore.open(db)
    try {
      await assertUpgraded(store)
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()
      assert.deepEqual(versions, MIGRATIONS.map((m) => ({ version: m.version })).sort(byVersion))
    } finally {
      await store.close()
    }
  })

  it('reopens a closed file database with its data and without migrating again', async () => {
    const file = join(dir, 'reopen.db')
    const a = anAccount()
    const first = await SqliteStore.open(new Database(file))
    await first.transaction((tx) => tx.insertAccount(a))
    await first.close()

    const db = new Database(file)
    const second = await SqliteStore.open(db)
    try {
      assert.deepEqual(await second.transaction((tx) => tx.getAccountByName(a.name)), a)
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()
      assert.deepEqual(
        versions,
        MIGRATIONS.map((m) => ({ version: m.version })),
      )
    } finally {
      await second.close()
    }
  })
})
