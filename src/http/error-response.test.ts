import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { FastifyBaseLogger } from 'fastify'
import { errors } from '../domain/errors.js'
import { productOf, recommendUrl, toErrorResponse } from './error-response.js'

function recordingLogger(): { log: FastifyBaseLogger; lines: Array<[string, unknown]> } {
  const lines: Array<[string, unknown]> = []
  const record = (level: string) => (obj: unknown) => {
    lines.push([level, obj])
  }
  const log = {
    level: 'info',
    fatal: record('fatal'),
    error: record('error'),
    warn: record('warn'),
    info: record('info'),
    debug: record('debug'),
    trace: record('trace'),
    silent: () => {},
    child: () => log,
  } as unknown as FastifyBaseLogger
  return { log, lines }
}

const REQUEST_ID = '7A7B6B42-6C0B-4C4A-9E3A-0D7E2F1A9B01'

describe('toErrorResponse', () => {
  test('an ApiError keeps its code and status; 4xx is not logged', () => {
    const { log, lines } = recordingLogger()
    const { status, envelope } = toErrorResponse(errors.invalidParameter('PrivateIpAddress.1'), {
      requestId: REQUEST_ID,
      hostId: 'ecs.example',
      product: 'Ecs',
      log,
    })
    assert.equal(status, 400)
    assert.deepEqual(Object.keys(envelope), ['RequestId', 'HostId', 'Code', 'Message', 'Recommend'])
    assert.equal(envelope.Code, 'InvalidParameter')
    assert.equal(envelope.RequestId, REQUEST_ID)
    assert.equal(envelope.HostId, 'ecs.example')
    assert.equal(envelope.Recommend, recommendUrl('InvalidParameter', 'Ecs', REQUEST_ID))
    assert.deepEqual(lines, [])
  })

  test('anything else is a 500 InternalError whose message reveals nothing; logged at error', () => {
    const { log, lines } = recordingLogger()
    const bug = new TypeError('secret internals')
    const { status, envelope } = toErrorResponse(bug, {
      requestId: REQUEST_ID,
      hostId: 'h',
      product: 'Vpc',
      log,
    })
    assert.equal(status, 500)
    assert.equal(envelope.Code, 'InternalError')
    assert.ok(!envelope.Message.includes('secret'))
    assert.ok(envelope.Recommend.includes('product=Vpc'))
    assert.equal(lines.length, 1)
    assert.equal(lines[0]?.[0], 'error')
    assert.equal((lines[0]?.[1] as { err: unknown }).err, bug)
  })

  test('Fastify client errors are translated; body too large → 413', () => {
    const { log } = recordingLogger()
    const ctx = { requestId: REQUEST_ID, hostId: 'h', product: 'Ecs' as const, log }
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      statusCode: 413,
    })
    const r1 = toErrorResponse(tooLarge, ctx)
    assert.equal(r1.status, 413)
    assert.equal(r1.envelope.Code, 'InvalidParameter.RequestTooLarge')
    const badLength = Object.assign(new Error('x'), {
      code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH',
      statusCode: 400,
    })
    assert.equal(toErrorResponse(badLength, ctx).envelope.Code, 'InvalidParameter')
  })
})

test('productOf', () => {
  assert.equal(productOf('2016-04-28'), 'Vpc')
  assert.equal(productOf('2014-05-26'), 'Ecs')
  assert.equal(productOf(undefined), 'Ecs')
})
