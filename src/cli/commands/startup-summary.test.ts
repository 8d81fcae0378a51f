import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { startupSummary } from './startup-summary.js'

describe('startupSummary', () => {
  const base = {
    url: 'http://127.0.0.1:8080',
    metadataUrl: 'http://127.0.0.1:8100',
    quotaProfile: 'seed',
    db: '.eniplane/eniplane.db',
    dataDir: '.eniplane',
    credentialsFileExists: true,
    cwd: '/work/x',
  }

  test('names the console URL, the metadata address and the credentials file', () => {
    const text = startupSummary(base)
    assert.match(text, /^eniplane listening on http:\/\/127\.0\.0\.1:8080 \(profile seed/)
    assert.match(text, /^ {2}Console {3}http:\/\/127\.0\.0\.1:8080\/console\/ /m)
    assert.match(text, /^ {2}Metadata {2}http:\/\/127\.0\.0\.1:8100\/latest\/meta-data\/$/m)
    assert.match(text, /^ {2}AccessKey \.\/\.eniplane\/credentials /m)
  })

  test('without a metadata port or a credentials file it says so', () => {
    const text = startupSummary({ ...base, metadataUrl: undefined, credentialsFileExists: false })
    assert.match(text, /Metadata {2}off \(serve --metadata-port P turns it on\)/)
    assert.match(text, /AccessKey the pair in ENIPLANE_ACCESS_KEY_ID/)
  })
})
