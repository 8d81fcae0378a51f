import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError, loadServerConfig } from './load.js'

test('regions: the default is cn-hangzhou with zones h, i, j', () => {
  const config = loadServerConfig({ env: {} })
  assert.deepEqual(config.regions, [
    {
      regionId: 'cn-hangzhou',
      localName: 'China (Hangzhou)',
      zones: ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'],
    },
  ])
})

test('regions: the compact form from a flag or ENI_REGIONS, with known display names', () => {
  const fromEnv = loadServerConfig({
    env: { ENI_REGIONS: 'cn-hangzhou:cn-hangzhou-h; cn-beijing:cn-beijing-a,cn-beijing-b' },
  })
  assert.deepEqual(fromEnv.regions, [
    { regionId: 'cn-hangzhou', localName: 'China (Hangzhou)', zones: ['cn-hangzhou-h'] },
    {
      regionId: 'cn-beijing',
      localName: 'China (Beijing)',
      zones: ['cn-beijing-a', 'cn-beijing-b'],
    },
  ])
  const fromFlag = loadServerConfig({ env: {}, flags: { regions: 'lab-east-1:lab-east-1a' } })
  assert.deepEqual(fromFlag.regions, [
    { regionId: 'lab-east-1', localName: 'lab-east-1', zones: ['lab-east-1a'] },
  ])
})

test('regions: a list of objects (JSON config file) keeps its localName', () => {
  const config = loadServerConfig({
    env: {},
    flags: { regions: [{ regionId: 'eu-lab-1', localName: 'Lab', zones: ['eu-lab-1a'] }] },
  })
  assert.deepEqual(config.regions, [
    { regionId: 'eu-lab-1', localName: 'Lab', zones: ['eu-lab-1a'] },
  ])
})

test('regions: every problem is reported at once', () => {
  assert.throws(
    () =>
      loadServerConfig({
        env: {},
        flags: { regions: 'cn-a:z1;cn-a:z2;BAD:z3;cn-b:;cn-c:z1', port: 'x' },
      }),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.message.includes('cn-a is listed twice') &&
      e.message.includes('invalid regionId "BAD"') &&
      e.message.includes('cn-b needs at least one zone') &&
      e.message.includes('repeated zone "z1"') &&
      e.message.includes('port must be'),
  )
  assert.throws(() => loadServerConfig({ env: {}, flags: { regions: [] } }), ConfigError)
})
