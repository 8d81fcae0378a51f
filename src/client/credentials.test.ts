import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { DEFAULT_ENDPOINT, resolveClientConfig } from './credentials.js'

const dirs: string[] = []
function tempDir(credentials?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'eniplane-cred-'))
  dirs.push(dir)
  if (credentials !== undefined) {
    mkdirSync(join(dir, '.eniplane'))
    writeFileSync(join(dir, '.eniplane', 'credentials'), credentials)
  }
  return dir
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const envKeys = { ENIPLANE_ACCESS_KEY_ID: 'envId', ENIPLANE_ACCESS_KEY_SECRET: 'envSecret' }
const fileJson = JSON.stringify({ AccessKeyId: 'fileId', AccessKeySecret: 'fileSecret' })

describe('resolveClientConfig', () => {
  test('endpoint: flag, then ENIPLANE_ENDPOINT, then the default', () => {
    const cwd = tempDir()
    const env = { ...envKeys, ENIPLANE_ENDPOINT: 'http://env:1' }
    assert.equal(
      resolveClientConfig(env, { endpoint: 'http://flag:2' }, cwd).endpoint,
      'http://flag:2',
    )
    assert.equal(resolveClientConfig(env, {}, cwd).endpoint, 'http://env:1')
    assert.equal(resolveClientConfig(envKeys, {}, cwd).endpoint, DEFAULT_ENDPOINT)
    assert.equal(DEFAULT_ENDPOINT, 'http://127.0.0.1:8080')
  })

  test('credentials from the environment win over the file', () => {
    const cfg = resolveClientConfig(envKeys, {}, tempDir(fileJson))
    assert.deepEqual(cfg, {
      endpoint: DEFAULT_ENDPOINT,
      accessKeyId: 'envId',
      accessKeySecret: 'envSecret',
    })
  })

  test('credentials from <cwd>/.eniplane/credentials', () => {
    const cfg = resolveClientConfig({}, {}, tempDir(fileJson))
    assert.deepEqual([cfg.accessKeyId, cfg.accessKeySecret], ['fileId', 'fileSecret'])
  })

  test('no credentials anywhere, half an env pair, or a bad file throw', () => {
    assert.throws(() => resolveClientConfig({}, {}, tempDir()), Error)
    assert.throws(
      () => resolveClientConfig({ ENIPLANE_ACCESS_KEY_ID: 'x' }, {}, tempDir(fileJson)),
      Error,
    )
    assert.throws(() => resolveClientConfig({}, {}, tempDir('not json')), Error)
    assert.throws(() => resolveClientConfig({}, {}, tempDir('{"AccessKeyId":"x"}')), Error)
  })
})
