// `eniplane faults add|list|clear` and `eniplane events` as a user runs them against a server:
// an added rule fires on the next call, list shows its counters, events show the refusal.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { DEFAULT_SERVER_CONFIG } from '../../config/server-config.js'
import type { RunningServer } from '../../main.js'
import { startServer } from '../../main.js'
import { sinceOf } from './events.js'

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'eniplane.js')
const KEY = {
  ENIPLANE_ACCESS_KEY_ID: 'LTAIfaultscli0000001',
  ENIPLANE_ACCESS_KEY_SECRET: 'faults-cli-secret',
}

function cli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (e, stdout, stderr) => resolve({ code: e ? Number(e.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

test('events --since takes a duration back from now or an ISO time', () => {
  const now = new Date('2026-01-01T01:00:00Z')
  assert.equal(sinceOf('15m', now), '2026-01-01T00:45:00.000Z')
  assert.equal(sinceOf('2h', now), '2025-12-31T23:00:00.000Z')
  assert.equal(sinceOf('2026-01-01T00:00:00Z', now), '2026-01-01T00:00:00Z')
})

describe('eniplane faults and events', () => {
  let server: RunningServer
  let dir: string
  let env: Record<string, string>
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eniplane-faults-cli-'))
    server = await startServer(
      {
        ...DEFAULT_SERVER_CONFIG,
        db: join(dir, 'cli.db'),
        dataDir: dir,
        port: 0,
        logLevel: 'silent',
      },
      KEY,
      () => undefined,
    )
    env = { ...KEY, ENIPLANE_ENDPOINT: server.url }
  })
  after(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test('add a rule, see it fire, list its counters, read the event, clear', async () => {
    const rule = '{"action":"CreateVpc","code":"InternalError","httpStatus":500,"times":1}'
    const added = await cli(['faults', 'add', rule], env)
    assert.equal(added.code, 0, added.stderr)
    assert.match(added.stdout, /"id": "fr-1"/)
    const refused = await cli(['call', 'CreateVpc', '--CidrBlock', '10.0.0.0/8'], env)
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /^InternalError: /)
    const listed = await cli(['faults', 'list'], env)
    assert.equal(listed.code, 0, listed.stderr)
    const rules = JSON.parse(listed.stdout) as { Rule: { fired: number; spent: boolean }[] }
    assert.deepEqual(
      rules.Rule.map((r) => [r.fired, r.spent]),
      [[1, true]],
    )
    const events = await cli(['events', '--action', 'CreateVpc', '--since', '5m'], env)
    assert.equal(events.code, 0, events.stderr)
    const lines = events.stdout.trim().split('\n')
    assert.equal(lines.length, 1, events.stdout)
    assert.deepEqual(lines[0]?.split('\t').slice(1, 6), [
      'CreateVpc',
      'InternalError',
      'injected',
      KEY.ENIPLANE_ACCESS_KEY_ID,
      '127.0.0.1',
    ])
    const all = await cli(['events', '--json'], env)
    const actions = (JSON.parse(all.stdout) as { Action: string }[]).map((e) => e.Action)
    assert.deepEqual(actions, ['EniplaneAddFaultRules', 'CreateVpc'])
    const cleared = await cli(['faults', 'clear'], env)
    assert.equal(cleared.code, 0, cleared.stderr)
    assert.match(cleared.stdout, /cleared 1 rule/)
  })
})
