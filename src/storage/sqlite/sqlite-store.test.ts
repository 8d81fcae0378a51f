// The store contract on SQLite (a fresh :memory: database per case), plus what only SQLite has:
// WAL on a file database and the synchronous setting.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'

import Database from 'better-sqlite3'

import { anAccount } from '../../testing/builders.js'
import { describeStoreContract } from '../contract/store.contract.js'
import type { Store } from '../store.js'
import { MIGRATIONS } from '../sql/schema.js'
import { SqliteStore } from './sqlite-store.js'

describeStoreContract({
  name: 'sqlite',
  async open() {
    const db = new Database(':memory:')
    const store = await SqliteStore.open(db)
    const opened: Store[] = [store]
    return {
      store,
      // a second store on the same connection: :memory: lives only as long as it
      reopen: async () => {
        const again = await SqliteStore.open(db)
        opened.push(again)
        return again
      },
      cleanup: async () => {
        for (const s of opened) await s.close()
      },
    }
  },
})

describe('SqliteStore (engine-only)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eniplane-sqlite-'))
  after(() => rmSync(dir, { recursive: true, force: true }))
  let n = 0
  const fileDb = () => new Database(join(dir, `store-${++n}.db`))

  it('runs a file database in WAL mode', async () => {
    const db = fileDb()
    const store = await SqliteStore.open(db)
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal')
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1)
    } finally {
      await store.close()
    }
  })

  it('syncs FULL by default and NORMAL when asked', async () => {
    const full = fileDb()
    const normal = fileDb()
    const stores = [
      await SqliteStore.open(full),
      await SqliteStore.open(normal, { synchronous: 'normal' }),
    ]
    try {
      assert.equal(full.pragma('synchronous', { simple: true }), 2)
      assert.equal(normal.pragma('synchronous', { simple: true }), 1)
    } finally {
      for (const s of stores) await s.close()
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
