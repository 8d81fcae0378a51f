import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MemoryNonceCache, TIMESTAMP_WINDOW_MS } from './nonce-cache.js'

const t0 = new Date('2024-05-26T12:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)

test('a nonce is refused when reused by the same AccessKey inside the window', () => {
  const cache = new MemoryNonceCache()
  cache.use('ak', 'n1', t0, t0)
  assert.throws(() => cache.use('ak', 'n1', t0, at(1000)), {
    code: 'SignatureNonceUsed',
    httpStatus: 400,
  })
  cache.use('other-ak', 'n1', t0, t0)
  cache.use('ak', 'n2', t0, t0)
})

test('a nonce is forgotten once its timestamp has left the window', () => {
  const cache = new MemoryNonceCache()
  cache.use('ak', 'n1', t0, t0)
  cache.use('ak', 'n1', t0, at(TIMESTAMP_WINDOW_MS + 1))
  assert.equal(cache.size, 1)
})

test('a request signed ahead of the server clock is remembered until its own window ends', () => {
  const cache = new MemoryNonceCache()
  const signedAt = at(TIMESTAMP_WINDOW_MS)
  cache.use('ak', 'n1', signedAt, t0)
  assert.throws(() => cache.use('ak', 'n1', signedAt, at(2 * TIMESTAMP_WINDOW_MS - 1)), {
    code: 'SignatureNonceUsed',
  })
})

test('memory stays bounded: expired entries are swept, the oldest dropped when full', () => {
  const cache = new MemoryNonceCache({ maxEntries: 100 })
  for (let i = 0; i < 1000; i++) cache.use('ak', `n${i}`, t0, t0)
  assert.equal(cache.size, 100)
  assert.throws(() => cache.use('ak', 'n999', t0, t0), { code: 'SignatureNonceUsed' })
  for (let i = 0; i < 10; i++)
    cache.use('ak', `late${i}`, at(TIMESTAMP_WINDOW_MS + 1), at(TIMESTAMP_WINDOW_MS + 1))
  assert.equal(cache.size, 10)
})
