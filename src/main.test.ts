// `serve` keeps each database's bootstrap credentials apart (issue 13): a second database's
// first start writes its own file and never overwrites the first one's. Replicas starting at
// once on one empty database create one bootstrap account between them, and all of them start.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

import Database from 'better-sqlite3'

import { bootstrapAccount, databaseIdentity } from './main.js'
import { findAccessKey } from './service/accounts.js'
import { SqliteStore } from './storage/sqlite/sqlite-store.js'
import { ENGINES } from './testing/test-engines.js'

test('a second database gets its own credentials file; the first is kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eniplane-creds-'))
  const stores = [
    await SqliteStore.open(new Database(':memory:')),
    await SqliteStore.open(new Database(':memory:')),
  ]
  try {
    const printed: string[] = []
    await bootstrapAccount(stores[0]!, {}, dir, (l) => printed.push(l), join(dir, 'one.db'))
    const first = readFileSync(join(dir, 'credentials'), 'utf8')
    assert.equal(JSON.parse(first).Database, databaseIdentity(join(dir, 'one.db')))
    await bootstrapAccount(stores[1]!, {}, dir, (l) => printed.push(l), 'postgres://u:pw@h/db2')
    assert.equal(readFileSync(join(dir, 'credentials'), 'utf8'), first, 'not overwritten')
    const files = readdirSync(dir).filter((f) => f.startsWith('credentials-'))
    assert.equal(files.length, 1)
    const second = JSON.parse(readFileSync(join(dir, files[0]!), 'utf8')) as Record<string, string>
    assert.equal(second['Database'], 'postgres://u@h/db2', 'no password in the file')
    assert.notEqual(second['AccessKeyId'], JSON.parse(first).AccessKeyId)
    assert.ok(
      printed.some((l) => l.includes(files[0]!)),
      'the path is printed',
    )
  } finally {
    for (const s of stores) await s.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

for (const engine of ENGINES) {
  const name = `two replicas bootstrapping one empty database at once: one account [${engine.name}]`
  if (engine.unavailable !== undefined) {
    if (process.env['CI'] === 'true') {
      test(name, () => assert.fail(`${engine.unavailable} (CI=true: PostgreSQL is required)`))
    } else test(name, { skip: engine.unavailable }, () => undefined)
    continue
  }
  test(name, async () => {
    const opened = await engine.open(name)
    const dir = mkdtempSync(join(tmpdir(), 'eniplane-bootstrap-'))
    let passed = false
    try {
      const replicas = [opened.store, await opened.replicaStore()]
      // The keys from the environment, as replicas share them.
      const env = { ENIPLANE_ACCESS_KEY_ID: 'LTAIbootstraprace01', ENIPLANE_ACCESS_KEY_SECRET: 's' }
      const printed: string[] = []
      await Promise.all(
        replicas.map((s) => bootstrapAccount(s, env, dir, (l) => printed.push(l), 'shared.db')),
      )
      const count = await opened.store.transaction((tx) => tx.countAccounts())
      assert.equal(count, 1)
      assert.equal(
        (await findAccessKey(replicas[1]!, env.ENIPLANE_ACCESS_KEY_ID))?.accessKeySecret,
        's',
      )
      assert.deepEqual(printed, [], 'keys from the environment are not printed')
      passed = true
    } finally {
      await opened.cleanup(passed)
      rmSync(dir, { recursive: true, force: true })
    }
  })
}
