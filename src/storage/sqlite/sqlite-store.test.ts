// The store contract on SQLite (a fresh :memory: database per case), plus what only SQLite has:
// WAL on a file database and the synchronous setting.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'

import Database from 'better-sqlite3'

import { anAccount } from '../../testing/builders.js'
import { describeStoreContract } from '../contract/store.contract.js'
import type { Store } from '../store.js'
import { FALLBACK_PAGES } from './checkpointer.js'
import { SqliteStore } from './sqlite-store.js'

describeStoreContract({
  name: 'sqlite',
  skip: [
    {
      reason:
        'the two stores share one :memory: connection, whose transactions cannot interleave; ' +
        'a SQLite database has one writer at a time anyway',
      tests: ['concurrent hits on one bucket from two stores are all counted'],
    },
  ],
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

  it("runs SQLite at synchronous=NORMAL: FULL durability is the adapter's group commit", async () => {
    const full = fileDb()
    const normal = fileDb()
    const stores = [
      await SqliteStore.open(full),
      await SqliteStore.open(normal, { synchronous: 'normal' }),
    ]
    try {
      assert.equal(full.pragma('synchronous', { simple: true }), 1)
      assert.equal(normal.pragma('synchronous', { simple: true }), 1)
    } finally {
      for (const s of stores) await s.close()
    }
  })

  /** A WAL sync the test releases by hand, and what each transaction's promise has done. */
  async function heldSyncs(synchronous?: 'full' | 'normal') {
    const calls: { path: string; release: () => void; fail: (e: Error) => void }[] = []
    let hold = false
    const db = fileDb()
    const store = await SqliteStore.open(db, {
      ...(synchronous ? { synchronous } : {}),
      syncWal: (path) =>
        hold
          ? new Promise<void>((release, fail) => calls.push({ path, release, fail }))
          : Promise.resolve(),
    })
    hold = true
    const settled = <T>(p: Promise<T>) => {
      const state = { done: false, failed: undefined as unknown }
      p.then(
        () => (state.done = true),
        (e: unknown) => (state.failed = e),
      )
      return state
    }
    const turn = () => new Promise((r) => setImmediate(r))
    return { db, store, calls, settled, turn }
  }

  it('answers a FULL commit only after a WAL sync that began after it; commits during a sync share the next', async () => {
    const { db, store, calls, settled, turn } = await heldSyncs()
    try {
      const a = settled(store.transaction((tx) => tx.insertAccount(anAccount())))
      await turn()
      assert.equal(calls.length, 1, 'the first commit starts a sync')
      assert.equal(calls[0]!.path, `${db.name}-wal`)
      const b = settled(store.transaction((tx) => tx.insertAccount(anAccount())))
      const c = settled(store.transaction((tx) => tx.insertAccount(anAccount())))
      await turn()
      assert.equal(calls.length, 1, 'one sync at a time')
      assert.deepEqual([a.done, b.done, c.done], [false, false, false])

      calls[0]!.release()
      await turn()
      assert.deepEqual([a.done, b.done, c.done], [true, false, false])
      assert.equal(calls.length, 2, 'b and c share the second sync')

      calls[1]!.release()
      await turn()
      assert.deepEqual([b.done, c.done], [true, true])
      // Nothing unsynced: a read answers without another sync.
      assert.equal(await store.transaction((tx) => tx.countAccounts()), 3)
      assert.equal(calls.length, 2)
    } finally {
      for (const call of calls) call.release()
      await store.close()
    }
  })
  it('holds a read that saw an unsynced commit, and a failed transaction, until the sync', async () => {
    const { store, calls, settled, turn } = await heldSyncs()
    try {
      const account = anAccount()
      const write = settled(store.transaction((tx) => tx.insertAccount(account)))
      await turn()
      const read = settled(store.transaction((tx) => tx.getAccountByName(account.name)))
      const failed = settled(store.transaction((tx) => tx.insertAccount(account)))
      await turn()
      assert.deepEqual(
        [write.done, read.done, failed.done, failed.failed],
        [false, false, false, undefined],
      )
      calls[0]!.release()
      await turn()
      assert.deepEqual([write.done, read.done], [true, true])
      assert.equal((failed.failed as { code?: string }).code, 'OperationConflict')
      assert.equal(calls.length, 1, 'the failed insert committed nothing to sync')
    } finally {
      for (const call of calls) call.release()
      await store.close()
    }
  })

  it('answers a relaxed commit, and what follows it, without waiting for a sync', async () => {
    const { store, calls, settled, turn } = await heldSyncs()
    try {
      const now = new Date()
      const later = new Date(now.getTime() + 60_000)
      const nonce = settled(
        store.transaction((tx) => tx.useNonce('LTAIkey', 'nonce-1', later, now), {
          durability: 'relaxed',
        }),
      )
      await turn()
      const read = settled(store.transaction((tx) => tx.countAccounts()))
      await turn()
      assert.deepEqual([nonce.done, read.done, calls.length], [true, true, 0])
      // A durable commit still waits; its sync covers the relaxed commit before it too.
      const write = settled(store.transaction((tx) => tx.insertAccount(anAccount())))
      await turn()
      assert.deepEqual([write.done, calls.length], [false, 1])
      calls[0]!.release()
      await turn()
      assert.equal(write.done, true)
    } finally {
      for (const call of calls) call.release()
      await store.close()
    }
  })

  /** A file database whose COMMITs are counted, and can be made to fail once. */
  function countingCommits(db: Database.Database) {
    const state = { commits: 0, failNext: false }
    const wrapped = new Proxy(db, {
      get(target, key, receiver) {
        if (key !== 'prepare') return Reflect.get(target, key, receiver) as unknown
        return (sql: string) => {
          const stmt = target.prepare(sql)
          if (sql !== 'COMMIT') return stmt
          return new Proxy(stmt, {
            get(s, k, r) {
              if (k !== 'run') return Reflect.get(s, k, r) as unknown
              return () => {
                if (state.failNext) {
                  state.failNext = false
                  throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' })
                }
                state.commits++
                return s.run()
              }
            },
          })
        }
      },
    })
    return { db: wrapped, state }
  }

  it('runs the transactions that wait together under one COMMIT; a failed one rolls back alone', async () => {
    const { db, state } = countingCommits(fileDb())
    const store = await SqliteStore.open(db, { synchronous: 'normal' })
    try {
      const taken = anAccount()
      await store.transaction((tx) => tx.insertAccount(taken))
      const before = state.commits
      const fresh = [anAccount(), anAccount(), anAccount()]
      const results = await Promise.allSettled([
        store.transaction((tx) => tx.insertAccount(fresh[0]!)),
        store.transaction(async (tx) => {
          await tx.insertAccount(fresh[1]!)
          await tx.insertAccount(anAccount({ name: taken.name }))
        }),
        store.transaction(async (tx) => {
          // sees what the first one wrote, not what the second one rolled back
          assert.ok(await tx.getAccountByName(fresh[0]!.name))
          assert.equal(await tx.getAccountByName(fresh[1]!.name), undefined)
          await tx.insertAccount(fresh[2]!)
        }),
      ])
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      )
      assert.equal(
        ((results[1] as PromiseRejectedResult).reason as { code: string }).code,
        'OperationConflict',
      )
      assert.equal(state.commits - before, 1, 'one COMMIT for the three')
      await store.transaction(async (tx) => {
        assert.equal(await tx.countAccounts(), 3)
        assert.equal(await tx.getAccountByName(fresh[1]!.name), undefined)
      })
    } finally {
      await store.close()
    }
  })

  it('fails every transaction of a group whose COMMIT fails, and keeps none of their writes', async () => {
    const { db, state } = countingCommits(fileDb())
    const store = await SqliteStore.open(db, { synchronous: 'normal' })
    try {
      const accounts = [anAccount(), anAccount()]
      state.failNext = true
      const results = await Promise.allSettled(
        accounts.map((a) => store.transaction((tx) => tx.insertAccount(a))),
      )
      assert.deepEqual(
        results.map((r) => r.status),
        ['rejected', 'rejected'],
      )
      assert.equal(await store.transaction((tx) => tx.countAccounts()), 0)
      // the next group commits as usual
      await store.transaction((tx) => tx.insertAccount(accounts[0]!))
      assert.equal(await store.transaction((tx) => tx.countAccounts()), 1)
    } finally {
      await store.close()
    }
  })

  it('with background checkpoints, a worker thread copies the WAL into the database', async () => {
    const db = fileDb()
    const store = await SqliteStore.open(db, {
      synchronous: 'normal',
      backgroundCheckpoints: { idleMs: 5, busyMs: 1 },
    })
    try {
      // The server's connection checkpoints only past the fallback threshold.
      assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), FALLBACK_PAGES)
      const before = statSync(db.name).size
      for (let i = 0; i < 200; i++) await store.transaction((tx) => tx.insertAccount(anAccount()))
      const deadline = Date.now() + 10_000
      while (statSync(db.name).size <= before && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10))
      }
      assert.ok(statSync(db.name).size > before, 'the database file grew: frames were copied')
      assert.equal(await store.transaction((tx) => tx.countAccounts()), 200)
    } finally {
      await store.close()
    }
  })

  it('rejects the transactions a failed WAL sync was to cover', async () => {
    const { store, calls, settled, turn } = await heldSyncs()
    try {
      const write = settled(store.transaction((tx) => tx.insertAccount(anAccount())))
      await turn()
      calls[0]!.fail(new Error('EIO'))
      await turn()
      assert.equal((write.failed as Error).message, 'EIO')
    } finally {
      await store.close()
    }
  })

  it('never syncs for NORMAL or for :memory:', async () => {
    const { store, calls } = await heldSyncs('normal')
    let memoryCalls = 0
    const memory = await SqliteStore.open(new Database(':memory:'), {
      syncWal: async () => void memoryCalls++,
    })
    try {
      await store.transaction((tx) => tx.insertAccount(anAccount()))
      await memory.transaction((tx) => tx.insertAccount(anAccount()))
      assert.deepEqual([calls.length, memoryCalls], [0, 0])
    } finally {
      await store.close()
      await memory.close()
    }
  })
})
