// The server on a real socket (127.0.0.1:0): chunked bodies, keep-alive settings, logs,
// graceful close.
import assert from 'node:assert/strict'
import { request as httpRequest } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { ActionRegistry, ECS_VERSION } from './action-registry.js'
import { eniplaneNoOpAction } from './actions/no-op.js'
import { closeGracefully, createHttpServer, type HttpServerOptions } from './server.js'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One request on its own connection; `chunked` sends the body without a Content-Length. */
function send(
  port: number,
  opts: {
    method: string
    path: string
    headers?: Record<string, string>
    body?: string
    chunked?: boolean
  },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: opts.method,
        path: opts.path,
        headers: opts.headers,
        agent: false,
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    if (opts.body !== undefined && opts.chunked === true) {
      const half = Math.floor(opts.body.length / 2)
      req.write(opts.body.slice(0, half))
      req.write(opts.body.slice(half))
    } else if (opts.body !== undefined) {
      req.setHeader('content-length', Buffer.byteLength(opts.body))
      req.write(opts.body)
    }
    req.end()
  })
}

/** Resolves when a request has entered the Slow handler; `release()` lets it return. */
function slowGate() {
  let entered = (): void => {}
  let release = (): void => {}
  const inside = new Promise<void>((resolve) => (entered = resolve))
  const released = new Promise<void>((resolve) => (release = resolve))
  return { inside, release, wait: async () => (entered(), released) }
}

async function start(
  overrides: Partial<HttpServerOptions> = {},
): Promise<{ app: FastifyInstance; port: number; gate: ReturnType<typeof slowGate> }> {
  const gate = slowGate()
  const registry = new ActionRegistry().registerAction(eniplaneNoOpAction()).registerAction({
    version: ECS_VERSION,
    action: 'Slow',
    handler: async ({ params }) => {
      await gate.wait()
      return { Region: params.str('RegionId') ?? null }
    },
  })
  // Test double for the signature verifier (built separately): one fixed account.
  const app = createHttpServer({
    registry,
    authenticate: async () => ({ accountId: 'acc-1' }),
    ...overrides,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  return { app, port: (app.server.address() as AddressInfo).port, gate }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}

describe('on a real socket', () => {
  test('a chunked form body (no Content-Length) is read', async () => {
    const { app, port } = await start()
    try {
      const res = await send(port, {
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=EniplaneNoOp&Version=2014-05-26&RegionId=cn-hangzhou',
        chunked: true,
      })
      assert.equal(res.status, 200)
      assert.deepEqual(Object.keys(JSON.parse(res.body) as object), ['RequestId'])
    } finally {
      await app.close()
    }
  })

  test('keep-alive timeout is long enough for SDK connection reuse', async () => {
    const { app } = await start()
    try {
      assert.ok(app.server.keepAliveTimeout >= 60_000)
    } finally {
      await app.close()
    }
  })

  test('logs carry the RequestId, Action and status, never the Signature or query', async () => {
    const lines: string[] = []
    const { app, port } = await start({
      logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } },
    })
    try {
      const res = await send(port, {
        method: 'GET',
        path: '/?Action=EniplaneNoOp&Version=2014-05-26&AccessKeyId=AKID-VISIBLE&Signature=TOPSECRETSIG%3D',
      })
      assert.equal(res.status, 200)
      const requestId = (JSON.parse(res.body) as { RequestId: string }).RequestId
      await until(() => lines.some((l) => l.includes('request completed')))
      const done = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l['msg'] === 'request completed')
      assert.ok(done)
      assert.equal(done['reqId'], requestId)
      assert.equal(done['action'], 'EniplaneNoOp')
      assert.equal(done['status'], 200)
      assert.equal(typeof done['durationMs'], 'number')
      assert.ok(!lines.join('').includes('TOPSECRETSIG'))
    } finally {
      await app.close()
    }
  })

  test('graceful close lets an in-flight request finish, then refuses connections', async () => {
    const { app, port, gate } = await start()
    const inFlight = send(port, {
      method: 'GET',
      path: '/?Action=Slow&Version=2014-05-26&RegionId=cn-hangzhou',
    })
    await gate.inside
    const closed = closeGracefully(app)
    await until(() => !app.server.listening)
    await assert.rejects(send(port, { method: 'GET', path: '/healthz' }), { code: 'ECONNREFUSED' })
    gate.release()
    const res = await inFlight
    assert.equal(res.status, 200)
    assert.equal(res.headers['connection'], 'close')
    assert.equal((JSON.parse(res.body) as { Region: string }).Region, 'cn-hangzhou')
    await closed
  })

  test('while closing, a request pipelined on a busy socket is shed as ServiceUnavailable', async () => {
    const lines: string[] = []
    const { app, port, gate } = await start({
      logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } },
    })
    const socket = connect(port, '127.0.0.1')
    let received = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (received += chunk))
    const socketClosed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
    socket.write('GET /?Action=Slow&Version=2014-05-26 HTTP/1.1\r\nHost: x\r\n\r\n')
    await gate.inside
    const closed = closeGracefully(app)
    await until(() => !app.server.listening)
    socket.write('GET /?Action=EniplaneNoOp&Version=2014-05-26 HTTP/1.1\r\nHost: x\r\n\r\n')
    await until(() => lines.some((l) => l.includes('"code":"ServiceUnavailable"')))
    gate.release()
    await socketClosed
    await closed
    // The in-flight answer tells the client to drop the socket; Node then discards the queued 503.
    assert.match(received, /^HTTP\/1\.1 200 OK\r\n/)
    assert.match(received, /\r\nconnection: close\r\n/i)
  })

  test('closeGracefully cuts connections that outlive the timeout', async () => {
    const { app, port, gate } = await start()
    const stuck = send(port, { method: 'GET', path: '/?Action=Slow&Version=2014-05-26' })
    await gate.inside
    await closeGracefully(app, 50)
    await assert.rejects(stuck)
    gate.release()
  })
})
