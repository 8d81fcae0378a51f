// Loading the server configuration: `pgPreparedStatements` (`--pg-prepared-statements`,
// ENI_PG_PREPARED_STATEMENTS) defaults to on, takes on or off from each source (flags over the
// environment), and refuses anything else naming the option.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { ConfigError, loadServerConfig } from './load.js'

test('pgPreparedStatements: on by default, off from the environment or a flag', () => {
  assert.equal(loadServerConfig({ env: {} }).pgPreparedStatements, 'on')
  const env = { ENI_PG_PREPARED_STATEMENTS: 'off' }
  assert.equal(loadServerConfig({ env }).pgPreparedStatements, 'off')
  const flagged = loadServerConfig({ env, flags: { pgPreparedStatements: 'on' } })
  assert.equal(flagged.pgPreparedStatements, 'on', 'a flag overrides the environment')
})

test('pgPreparedStatements: anything but on or off is refused, naming the option', () => {
  assert.throws(
    () => loadServerConfig({ env: {}, flags: { pgPreparedStatements: 'false' } }),
    (e: unknown) => e instanceof ConfigError && /pgPreparedStatements/.test(e.message),
  )
})
