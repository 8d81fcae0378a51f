// Issue 13, with real processes: two `serve` replicas on one database under concurrent load on
// one ENI, security group and vSwitch; a replay across replicas and across a restart is refused;
// `kill -9` of one replica mid-load loses no acknowledged change, duplicates no address, keeps
// every cap, and the survivor finishes the pending async operations. On PostgreSQL (a schema
// of ENI_TEST_PG_URL) and on SQLite (two processes on one WAL file).
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import pg from 'pg'
import { runReplicaScenario } from './support/replica-scenario.js'

const PG_URL = process.env['ENI_TEST_PG_URL']
const LOAD_MS = 4000

describe('replicas under kill -9', () => {
  test('SQLite: two processes on one file', { timeout: 240_000 }, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'eniplane-replicas-sqlite-'))
    try {
      const report = await runReplicaScenario({
        db: join(dir, 'shared.db'),
        dataDir: dir,
        loadMs: LOAD_MS,
      })
      t.diagnostic(JSON.stringify(report))
      assert.equal(report.duplicates, 0)
      assert.ok(report.acknowledgedAssigns > 0)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test(
    'PostgreSQL: two replicas on one database',
    {
      timeout: 240_000,
      skip:
        PG_URL === undefined && process.env['CI'] !== 'true' ? 'ENI_TEST_PG_URL is not set' : false,
    },
    async (t) => {
      assert.ok(PG_URL, 'ENI_TEST_PG_URL is required under CI=true')
      const schema = `replicas_${process.pid}_${Date.now()}`
      const admin = new pg.Client({ connectionString: PG_URL })
      await admin.connect()
      await admin.query(`CREATE SCHEMA ${schema}`)
      const dir = mkdtempSync(join(tmpdir(), 'eniplane-replicas-pg-'))
      let passed = false
      try {
        const url = new URL(PG_URL)
        url.searchParams.set('options', `-c search_path=${schema}`)
        const report = await runReplicaScenario({
          db: url.toString(),
          dataDir: dir,
          loadMs: LOAD_MS,
        })
        t.diagnostic(JSON.stringify(report))
        assert.equal(report.duplicates, 0)
        assert.ok(report.acknowledgedAssigns > 0)
        passed = true
      } finally {
        if (passed) await admin.query(`DROP SCHEMA ${schema} CASCADE`)
        await admin.end()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  )
})
