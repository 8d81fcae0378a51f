import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MemoryNonceCache, TIMESTAMP_WINDOW_MS } from './nonce-cache.js'

const t0 = new Date('2024-05-26T12:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)

test('a nonce is refused when reused by the same AccessKey inside the window', async () => {
  const cache = new MemoryNonceCache()
  await cache.use('ak', 'n1', t0, t0)
  await assert.rejects(cache.use('ak', 'n1', t0, at(1000)), {
    code: 'SignatureNonceUsed',
    httpStatus: 400,
  })
  await cache.use('other-ak', 'n1', t0, t0)
  await cache.use('ak', 'n2', t0, t0)
})

test('a nonce is forgotten once its timestamp has left the window', async () => {
  const cache = new MemoryNonceCache()
  await cache.use('ak', 'n1', t0, t0)
  await cache.use('ak', 'n1', t0, at(TIMESTAMP_WINDOW_MS + 1))
  assert.equal(cache.size, 1)
})

test('a request signed ahead of the server clock is remembered until its own window ends', async () => {
  const cache = new MemoryNonceCache()
  const signedAt = at(TIMESTAMP_WINDOW_MS)
  await cache.use('ak', 'n1', signedAt, t0)
  await assert.rejects(cache.use('ak', 'n1', signedAt, at(2 * TIMESTAMP_WINDOW_MS - 1)), {
    code: 'SignatureNonceUsed',
  })
})

test("memory stays bounded per AccessKey, and one key's traffic never evicts another's", async () => {
  const cache = new MemoryNonceCache({ maxEntriesPerKey: 100 })
  await cache.use('victim', 'kept', t0, t0)
  for (let i = 0; i < 1000; i++) await cache.use('noisy', `n${i}`, t0, t0)
  assert.equal(cache.size, 101)
  await assert.rejects(cache.use('noisy', 'n999', t0, t0), { code: 'SignatureNonceUsed' })
  await assert.rejects(cache.use('victim', 'kept', t0, t0), { code: 'SignatureNonceUsed' })
})
