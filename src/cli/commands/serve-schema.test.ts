// `eniplane serve` on a database a newer eniplane migrated: it refuses to start (exit 2) with a
// message naming both schema versions, and writes nothing (no bootstrap account, no migration),
// since this version would not keep the newer one's bookkeeping.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'

import Database from 'better-sqlite3'

import { SCHEMA_VERSION } from '../../storage/sql/migrate.js'
import { SqliteStore } from '../../storage/sqlite/sqlite-store.js'

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'eniplane.js')
const dir = mkdtempSync(join(tmpdir(), 'eniplane-schema-'))
after(() => rmSync(dir, { recursive: true, force: true }))

function serve(db: string) {
  return new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'serve', '--db', db, '--port', '0', '--metadata-port', '0', '--log-level', 'silent'],
      { cwd: dir, timeout: 30_000 },
      (e, _stdout, stderr) => resolve({ code: e ? Number(e.code ?? 1) : 0, stderr }),
    )
  })
}

test('serve refuses a database migrated by a newer eniplane, and changes nothing', async () => {
  const db = join(dir, 'newer.db')
  await (await SqliteStore.open(new Database(db))).close()
  const raw = new Database(db)
  raw
    .prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)')
    .run(SCHEMA_VERSION + 1)
  raw.close()

  const { code, stderr } = await serve(db)
  assert.equal(code, 2)
  assert.match(stderr, new RegExp(`schema version ${SCHEMA_VERSION + 1}\\b`))
  assert.match(stderr, new RegExp(`up to ${SCHEMA_VERSION}\\b`))
  const afterwards = new Database(db, { readonly: true })
  try {
    const one = (sql: string) => afterwards.prepare(sql).pluck().get()
    assert.equal(one('SELECT COUNT(*) FROM accounts'), 0)
    assert.equal(one('SELECT MAX(version) FROM schema_migrations'), SCHEMA_VERSION + 1)
  } finally {
    afterwards.close()
  }
})
