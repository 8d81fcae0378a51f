// The read pool's own mechanics, with real worker threads running a fixture worker
// (testing/fixture-read-worker.ts): answers and errors cross intact, a slow read does not hold
// the others, a worker that dies fails only its own calls and is replaced, and a pool whose
// workers cannot start hands nothing off (the server then runs the reads itself).
import assert from 'node:assert/strict'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'

import { isApiError } from '../domain/errors.js'
import { Params } from './params.js'
import { ReadPool, type ReadCall } from './read-pool.js'

const FIXTURE = new URL(
  `../testing/fixture-read-worker${extname(fileURLToPath(import.meta.url))}`,
  import.meta.url,
)

const NO_PARAMS = new Params({})

/** A started pool of `size` fixture workers, closed after `fn`. */
async function withPool(
  size: number,
  fn: (p: ReadPool) => Promise<void>,
  more: { workerData?: unknown; onError?: (e: unknown) => void } = {},
): Promise<void> {
  const p = new ReadPool({
    file: FIXTURE,
    workerData: more.workerData ?? {},
    size,
    offload: (action) => action !== 'Local',
    ...(more.onError !== undefined ? { onError: more.onError } : {}),
  })
  assert.equal(p.handles('Echo', NO_PARAMS), false, 'nothing is handed off before start')
  p.start()
  try {
    await fn(p)
  } finally {
    await p.close()
  }
}

function call(action: string, requestId = 'R1'): ReadCall {
  return {
    action,
    version: '2014-05-26',
    params: [['RegionId', 'cn-hangzhou']],
    accountId: '1234567890123456',
    requestId,
    format: 'JSON',
  }
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; status: number }> {
  try {
    await p
  } catch (e: unknown) {
    assert.ok(isApiError(e), String(e))
    return { code: e.code, status: e.httpStatus }
  }
  assert.fail('expected a refusal')
}

describe('read pool', () => {
  it('hands a call to a worker and brings back its bytes, or its error as an ApiError', () =>
    withPool(1, async (p) => {
      await p.ready()
      assert.equal(p.handles('Echo', NO_PARAMS), true)
      assert.equal(p.handles('Local', NO_PARAMS), false)
      // text outside ASCII and outside the BMP crosses as its UTF-8 bytes
      const params: [string, string][] = [
        ['RegionId', 'cn-hangzhou'],
        ['NetworkInterfaceName', 'eni 名称 🚀'],
      ]
      const answer = await p.run({ ...call('Echo'), params, regionId: 'cn-hangzhou', host: 'h:1' })
      assert.equal(answer.contentType, 'application/json')
      assert.ok(Buffer.isBuffer(answer.payload))
      const echoed = JSON.parse(answer.payload.toString()) as Record<string, unknown>
      assert.equal(echoed['threadOf'], 'fixture')
      assert.deepEqual(echoed['params'], params)
      assert.equal(echoed['host'], 'h:1')
      assert.deepEqual(await refusal(p.run(call('Refuse'))), {
        code: 'InvalidParameter',
        status: 400,
      })
    }))

  it('a read that takes long holds no other: the next goes to the worker with none waiting', () =>
    withPool(2, async (p) => {
      await p.ready()
      void p.run(call('Hang')).catch(() => undefined)
      const answer = await p.run(call('Echo', 'R2'))
      assert.equal(JSON.parse(answer.payload.toString()).requestId, 'R2')
    }))

  it('a worker that dies fails its waiting calls with ServiceUnavailable and is replaced', () =>
    withPool(1, async (p) => {
      await p.ready()
      const hung = p.run(call('Hang'))
      const exiting = p.run(call('Exit'))
      assert.deepEqual(await refusal(hung), { code: 'ServiceUnavailable', status: 503 })
      assert.deepEqual(await refusal(exiting), { code: 'ServiceUnavailable', status: 503 })
      assert.equal(p.size, 1, 'a new worker took its place')
      const answer = await p.run(call('Echo', 'R3'))
      assert.equal(JSON.parse(answer.payload.toString()).requestId, 'R3')
    }))

  it('workers that cannot start are not restarted, and the pool then hands nothing off', async () => {
    const failures: unknown[] = []
    await withPool(
      2,
      async (p) => {
        await assert.rejects(p.ready(), /cannot open the database/)
        assert.equal(p.size, 0)
        assert.equal(p.handles('Echo', NO_PARAMS), false)
        assert.equal(failures.length, 2)
      },
      { workerData: { failAtStart: true }, onError: (e) => failures.push(e) },
    )
  })
})
