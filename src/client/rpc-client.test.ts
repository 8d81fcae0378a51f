// Round trip: the client signs, a node:http server on 127.0.0.1 verifies with the server's
// own verifier and answers like the real API would.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, beforeEach, describe, test } from 'node:test'
import { parseQuery } from '../api/signing/index.js'
import { isApiError } from '../domain/errors.js'
import { MemoryNonceCache } from '../http/auth/nonce-cache.js'
import {
  verifySignature,
  type SignedRequest,
  type VerifiedCaller,
} from '../http/auth/verify-request.js'
import { flattenParams } from './flatten-params.js'
import { RpcClient } from './rpc-client.js'
import { RpcError } from './rpc-error.js'

const AK = 'clientTestAccessKeyId'
const SECRET = 'clientTestAccessKeySecret'
const TRICKY = "a b*c~d!e'f(g)h+i/j=k&l中"

interface Seen {
  request: SignedRequest
  caller: VerifiedCaller
}

let server: Server
let endpoint = ''
let seen: Seen[] = []
/** What the server answers after a successful verification; defaults to a RequestId. */
let reply: (res: { status: number; type: string; body: string }) => void = () => undefined
const nonces = new MemoryNonceCache()

function toSignedRequest(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): SignedRequest {
  const q = url.indexOf('?')
  const rawQuery = q < 0 ? '' : url.slice(q + 1)
  const form = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
  const params: Record<string, string> = {}
  for (const [k, v] of [...parseQuery(rawQuery), ...(form ? parseQuery(body.toString()) : [])]) {
    params[k] = v
  }
  return { method, path: q < 0 ? url : url.slice(0, q), rawQuery, headers, body, params }
}

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const request = toSignedRequest(
        req.method ?? '',
        req.url ?? '/',
        req.headers,
        Buffer.concat(chunks),
      )
      const send = (status: number, body: unknown, type = 'application/json;charset=utf-8') => {
        res.writeHead(status, { 'content-type': type })
        res.end(typeof body === 'string' ? body : JSON.stringify(body))
      }
      verifySignature(request, async (id) => (id === AK ? SECRET : undefined), new Date(), nonces)
        .then((caller) => {
          seen.push({ request, caller })
          const out = {
            status: 200,
            type: 'application/json;charset=utf-8',
            body: '{"RequestId":"R-1"}',
          }
          reply(out)
          send(out.status, out.body, out.type)
        })
        .catch((e: unknown) => {
          if (!isApiError(e)) throw e
          send(e.httpStatus, {
            RequestId: 'R-ERR',
            HostId: 'eniplane',
            Code: e.code,
            Message: e.message,
          })
        })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

beforeEach(() => {
  seen = []
  reply = () => undefined
})

after(() => {
  server.closeAllConnections()
  server.close()
})

const client = (secret = SECRET) =>
  new RpcClient({ endpoint, accessKeyId: AK, accessKeySecret: secret })

describe('RpcClient round trip through the server verifier', () => {
  for (const method of ['POST', 'GET'] as const) {
    test(`${method}: signs, flattens lists and verifies`, async () => {
      const out = await client().call(
        'AssignPrivateIpAddresses',
        {
          RegionId: 'cn-hangzhou',
          NetworkInterfaceId: 'eni-1',
          PrivateIpAddress: Array.from({ length: 11 }, (_, i) => `10.0.0.${i + 1}`),
          SecondaryPrivateIpAddressCount: undefined,
          Description: TRICKY,
          DryRun: false,
          PageSize: 10,
        },
        { method },
      )
      assert.deepEqual(out, { RequestId: 'R-1' })
      assert.equal(seen.length, 1)
      const { request, caller } = seen[0]!
      assert.deepEqual(
        [caller.scheme, caller.accessKeyId, caller.action, caller.version],
        ['V1', AK, 'AssignPrivateIpAddresses', '2014-05-26'],
      )
      assert.equal(request.method, method)
      const p = request.params
      assert.equal(p['Format'], 'JSON')
      assert.equal(p['PrivateIpAddress.11'], '10.0.0.11')
      assert.equal(p['Description'], TRICKY)
      assert.equal(p['DryRun'], 'false')
      assert.equal(p['PageSize'], '10')
      assert.equal('SecondaryPrivateIpAddressCount' in p, false)
      assert.match(p['Timestamp'] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      if (method === 'POST') {
        assert.equal(request.rawQuery, '')
        assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded')
      } else {
        assert.equal(request.body.length, 0)
      }
    })
  }

  test('each call gets a fresh nonce', async () => {
    await client().call('DescribeNetworkInterfaces', { RegionId: 'cn-hangzhou' })
    await client().call('DescribeNetworkInterfaces', { RegionId: 'cn-hangzhou' })
    assert.equal(seen.length, 2)
    assert.notEqual(
      seen[0]!.request.params['SignatureNonce'],
      seen[1]!.request.params['SignatureNonce'],
    )
  })

  test('VPC actions use 2016-04-28, others 2014-05-26, and opts.version wins', async () => {
    await client().call('CreateVpc', { RegionId: 'cn-hangzhou' })
    await client().call('DescribeVSwitchAttributes', { VSwitchId: 'vsw-1' })
    await client().call('CreateNetworkInterface', {})
    await client().call('DescribeVpcs', {}, { version: '2099-01-01' })
    assert.deepEqual(
      seen.map((s) => s.caller.version),
      ['2016-04-28', '2016-04-28', '2014-05-26', '2099-01-01'],
    )
  })

  test('an Alibaba error body becomes an RpcError', async () => {
    await assert.rejects(client('wrong-secret').call('DescribeVpcs', {}), (e: unknown) => {
      assert.ok(e instanceof RpcError)
      assert.equal(e.code, 'SignatureDoesNotMatch')
      assert.equal(e.httpStatus, 400)
      assert.equal(e.requestId, 'R-ERR')
      assert.equal(e.hostId, 'eniplane')
      return true
    })
  })

  test('a non-JSON or non-2xx body without Code is UnexpectedResponse', async () => {
    reply = (r) =>
      Object.assign(r, { status: 502, type: 'text/html', body: '<html>bad gateway</html>' })
    await assert.rejects(client().call('DescribeVpcs', {}), {
      code: 'UnexpectedResponse',
      httpStatus: 502,
    })
    reply = (r) => Object.assign(r, { status: 200, body: '' })
    await assert.rejects(client().call('DescribeVpcs', {}), {
      code: 'UnexpectedResponse',
      httpStatus: 200,
    })
    reply = (r) => Object.assign(r, { status: 500, body: '{"RequestId":"R-9"}' })
    await assert.rejects(client().call('DescribeVpcs', {}), {
      code: 'UnexpectedResponse',
      httpStatus: 500,
      requestId: 'R-9',
    })
  })

  test('the endpoint may carry a trailing slash or no scheme', async () => {
    const bare = endpoint.replace('http://', '') + '/'
    await new RpcClient({ endpoint: bare, accessKeyId: AK, accessKeySecret: SECRET }).call(
      'DescribeVpcs',
      {},
    )
    assert.equal(seen.length, 1)
  })
})

describe('RpcClient wire bytes', () => {
  const vectors = (
    JSON.parse(
      readFileSync(
        new URL('../http/auth/testdata/signature-vectors.json', import.meta.url),
        'utf8',
      ),
    ) as { vectors: { id: string; request: { rawQuery: string; rawBody: string } }[] }
  ).vectors
  const wire = (id: string) => vectors.find((v) => v.id === id)!.request

  // With pop-core's fixed nonce and clock, our bytes equal pop-core's captured bytes exactly.
  const fixed = new RpcClient({
    endpoint: 'http://127.0.0.1:18080',
    accessKeyId: 'testAccessKeyId',
    accessKeySecret: 'testAccessKeySecret',
    clock: () => new Date('2024-05-26T12:00:00.000Z'),
    nonce: () => '3f1c2a9e-5b7d-4c8e-9a0b-1d2e3f4a5b6c',
  })
  const params = {
    RegionId: 'cn-hangzhou',
    NetworkInterfaceId: 'eni-bp1test0000000001',
    PrivateIpAddress: ['10.0.0.10', '10.0.0.11'],
  }

  test('GET query equals pop-core (v1-pop-get-assign-list)', () => {
    assert.equal(
      fixed.signedQuery('AssignPrivateIpAddresses', params, 'GET'),
      wire('v1-pop-get-assign-list').rawQuery,
    )
  })

  test('POST body equals pop-core (v1-pop-post-form-assign-list)', () => {
    assert.equal(
      fixed.signedQuery('AssignPrivateIpAddresses', params, 'POST'),
      wire('v1-pop-post-form-assign-list').rawBody,
    )
  })

  test('tricky characters equal pop-core (v1-pop-get-create-tricky-encoding)', () => {
    assert.equal(
      fixed.signedQuery(
        'CreateNetworkInterface',
        {
          RegionId: 'cn-hangzhou',
          VSwitchId: 'vsw-bp1test0001',
          SecurityGroupIds: ['sg-bp1test0001'],
          Description: TRICKY,
        },
        'GET',
      ),
      wire('v1-pop-get-create-tricky-encoding').rawQuery,
    )
  })
})

test('flattenParams', () => {
  assert.deepEqual(
    flattenParams({
      A: 'x',
      B: ['1', '2'],
      C: [],
      D: undefined,
      E: true,
      F: 0,
      G: '',
    }),
    [
      ['A', 'x'],
      ['B.1', '1'],
      ['B.2', '2'],
      ['E', 'true'],
      ['F', '0'],
      ['G', ''],
    ],
  )
})
