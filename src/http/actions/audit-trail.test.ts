// Every state-changing Action hands its call's audit trail to the service operation it runs
// (`withAudit(deps.ctx, audit)`), so the call's event commits with the effect. A handler that
// passed the bare context would still answer correctly, with its event written afterwards in a
// transaction of its own: only this check notices.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { isReadOnlyAction } from '../chaos/call-pipeline.js'

const DIR = fileURLToPath(new URL('.', import.meta.url))

describe('Action handlers pass the audit trail', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  const stateChanging = files.flatMap((f) => {
    const text = readFileSync(join(DIR, f), 'utf8')
    const action = /action: '([A-Za-z0-9]+)'/.exec(text)?.[1]
    return action === undefined || isReadOnlyAction(action) ? [] : [{ f, action, text }]
  })

  it('finds the state-changing Actions', () => {
    const actions = stateChanging.map((s) => s.action)
    for (const a of ['AssignPrivateIpAddresses', 'UnassignPrivateIpAddresses', 'RunInstances']) {
      assert.ok(actions.includes(a), a)
    }
  })

  for (const { f, action, text } of stateChanging) {
    it(`${action} (${f})`, () => {
      const bare = text.replaceAll('withAudit(deps.ctx, audit)', '').match(/deps\.ctx\s*[,)]/g)
      assert.equal(bare, null, `${f} passes deps.ctx without its call's audit trail`)
    })
  }
})
