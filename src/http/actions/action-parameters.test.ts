// The CLI's parameter catalogue (src/api/action-parameters.ts) against the handlers: every
// Action served has an entry, and every parameter name a handler reads is listed for it. The
// names are read from the handlers' source, where they are written as `params.x('Name')`,
// `helper(params, 'Name')` or `helper(params, ['A', 'B'])`, plus the shared helpers' names.
import assert from 'node:assert/strict'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { ACTION_PARAMETERS } from '../../api/action-parameters.js'

const DIR = fileURLToPath(new URL('.', import.meta.url))

const HELPER_NAMES: Readonly<Record<string, readonly string[]>> = {
  regionOf: ['RegionId'],
  securityGroupIdsOf: ['SecurityGroupId', 'SecurityGroupIds'],
  pageOf: ['PageNumber', 'PageSize'],
}

function namesRead(source: string, launch: readonly string[]): Set<string> {
  const names = new Set<string>()
  for (const m of source.matchAll(/params\.\w+\(\s*'([A-Z][A-Za-z0-9]*)'/g)) names.add(m[1] ?? '')
  for (const m of source.matchAll(/\(\s*params,\s*'([A-Z][A-Za-z0-9]*)'/g)) names.add(m[1] ?? '')
  for (const m of source.matchAll(/\(\s*params,\s*\[([^\]]*)\]/g)) {
    for (const q of (m[1] ?? '').matchAll(/'([A-Z][A-Za-z0-9]*)'/g)) names.add(q[1] ?? '')
  }
  for (const [helper, read] of Object.entries(HELPER_NAMES)) {
    if (source.includes(`${helper}(params`)) read.forEach((n) => names.add(n))
  }
  if (/pageOf\(params, \{[^}]*maxResults/.test(source)) {
    names.add('NextToken')
    names.add('MaxResults')
  }
  if (source.includes('launchInputOf(params')) launch.forEach((n) => names.add(n))
  return names
}

describe('action parameter catalogue', () => {
  test('lists every parameter each handler reads', async () => {
    const launchSource = await readFile(join(DIR, 'shared', 'launch-params.ts'), 'utf8')
    const launch = [
      ...namesRead(launchSource, []),
      ...[...launchSource.matchAll(/^\s+'([A-Z][A-Za-z0-9]*)',$/gm)].map((m) => m[1] ?? ''),
    ]
    const files = (await readdir(DIR)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    const seen: string[] = []
    for (const file of files) {
      const source = await readFile(join(DIR, file), 'utf8')
      const action = /action: '([A-Za-z0-9]+)'/.exec(source)?.[1]
      if (action === undefined || action === 'EniplaneNoOp') continue
      seen.push(action)
      const listed = new Set((ACTION_PARAMETERS[action] ?? []).map((p) => p.name))
      assert.ok(ACTION_PARAMETERS[action] !== undefined, `${action} is in the catalogue`)
      for (const name of namesRead(source, launch)) {
        assert.ok(
          listed.has(name),
          `${action} reads ${name}; add it to src/api/action-parameters.ts`,
        )
      }
    }
    assert.deepEqual([...new Set(seen)].sort(), Object.keys(ACTION_PARAMETERS).sort())
  })
})
