// Real SDK traffic verifies: each official SDK sends one request to a capture server on
// 127.0.0.1, and the captured bytes go through verifySignature.
import assert from 'node:assert/strict'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import Ecs, * as $Ecs from '@alicloud/ecs20140526'
import OpenApi, * as $OpenApi from '@alicloud/openapi-client'
import { $OpenApiUtil } from '@alicloud/openapi-core'
import RPCClient from '@alicloud/pop-core'
import * as $Util from '@alicloud/tea-util'
import Vpc, * as $Vpc from '@alicloud/vpc20160428'
import { parseQuery } from '../../api/signing/index.js'
import { MemoryNonceCache } from './nonce-cache.js'
import { verifySignature, type SignedRequest } from './verify-request.js'

const AK = 'sdkTestAccessKeyId'
const SECRET = 'sdkTestAccessKeySecret'
const TRICKY = "a b*c~d!e'f(g)h+i/j=k&l中"

interface Captured {
  request: SignedRequest
  rawHeaders: string[]
}

let server: Server
let port = 0
const captured: Captured[] = []

function toSignedRequest(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): SignedRequest {
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  const rawQuery = q < 0 ? '' : url.slice(q + 1)
  const params: Record<string, string> = {}
  const form = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
  for (const [name, value] of [
    ...parseQuery(rawQuery),
    ...(form ? parseQuery(body.toString('utf8')) : []),
  ]) {
    params[name] = value
  }
  return { method, path, rawQuery, headers, body, params }
}

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      captured.push({
        request: toSignedRequest(
          req.method ?? '',
          req.url ?? '/',
          req.headers,
          Buffer.concat(chunks),
        ),
        rawHeaders: req.rawHeaders,
      })
      res.setHeader('content-type', 'application/json;charset=utf-8')
      res.end('{"RequestId":"X"}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

after(() => {
  server.closeAllConnections()
  server.close()
})

async function captureOne(send: () => Promise<unknown>): Promise<Captured> {
  const start = captured.length
  await send()
  assert.equal(captured.length, start + 1, 'exactly one request was sent')
  return captured[start]!
}

async function verify(c: Captured) {
  return verifySignature(
    c.request,
    async (id) => (id === AK ? SECRET : undefined),
    new Date(),
    new MemoryNonceCache(),
  )
}

const popClient = () =>
  new RPCClient({
    endpoint: `http://127.0.0.1:${port}`,
    apiVersion: '2014-05-26',
    accessKeyId: AK,
    accessKeySecret: SECRET,
  })

function coreConfig(extra: Record<string, unknown> = {}) {
  return new $OpenApiUtil.Config({
    accessKeyId: AK,
    accessKeySecret: SECRET,
    endpoint: `127.0.0.1:${port}`,
    protocol: 'http',
    ...extra,
  })
}

function teaClient(extra: Record<string, unknown> = {}) {
  return new OpenApi.default(
    new $OpenApi.Config({
      accessKeyId: AK,
      accessKeySecret: SECRET,
      endpoint: `127.0.0.1:${port}`,
      protocol: 'http',
      ...extra,
    }),
  )
}

const teaParams = new $OpenApi.Params({
  action: 'AssignPrivateIpAddresses',
  version: '2014-05-26',
  protocol: 'HTTP',
  pathname: '/',
  method: 'POST',
  authType: 'AK',
  style: 'RPC',
  reqBodyType: 'formData',
  bodyType: 'json',
})

const createEniRequest = () =>
  new $Ecs.CreateNetworkInterfaceRequest({
    regionId: 'cn-hangzhou',
    vSwitchId: 'vsw-1',
    securityGroupIds: ['sg-1', 'sg-2'],
    description: TRICKY,
    tag: [new $Ecs.CreateNetworkInterfaceRequestTag({ key: 'env', value: '' })],
  })

describe('SDK traffic verifies', () => {
  test('pop-core GET (V1, everything in the query)', async () => {
    const c = await captureOne(() =>
      popClient().request('AssignPrivateIpAddresses', {
        RegionId: 'cn-hangzhou',
        NetworkInterfaceId: 'eni-1',
        PrivateIpAddress: ['10.0.0.10', '10.0.0.11'],
        Description: TRICKY,
      }),
    )
    assert.equal(c.request.method, 'GET')
    const caller = await verify(c)
    assert.deepEqual(
      [caller.scheme, caller.accessKeyId, caller.action, caller.version],
      ['V1', AK, 'AssignPrivateIpAddresses', '2014-05-26'],
    )
    assert.equal(c.request.params['PrivateIpAddress.2'], '10.0.0.11')
    assert.equal(c.request.params['Description'], TRICKY)
  })

  test('pop-core POST (V1, everything in a form body)', async () => {
    const c = await captureOne(() =>
      popClient().request(
        'AssignPrivateIpAddresses',
        { RegionId: 'cn-hangzhou', PrivateIpAddress: ['10.0.0.10'], Description: TRICKY },
        { method: 'POST' },
      ),
    )
    assert.equal(c.request.method, 'POST')
    assert.equal(c.request.rawQuery, '')
    const caller = await verify(c)
    assert.equal(caller.scheme, 'V1')
    assert.equal(c.request.params['Description'], TRICKY)
  })

  test('ecs20140526 7.x default (V3, parameters in the query, empty body)', async () => {
    const c = await captureOne(() =>
      new Ecs.default(coreConfig()).assignPrivateIpAddresses(
        new $Ecs.AssignPrivateIpAddressesRequest({
          regionId: 'cn-hangzhou',
          networkInterfaceId: 'eni-1',
          privateIpAddress: Array.from({ length: 11 }, (_, i) => `10.0.1.${i + 1}`),
        }),
      ),
    )
    const caller = await verify(c)
    assert.deepEqual(
      [caller.scheme, caller.accessKeyId, caller.action, caller.version],
      ['V3', AK, 'AssignPrivateIpAddresses', '2014-05-26'],
    )
    assert.equal(c.request.params['PrivateIpAddress.11'], '10.0.1.11')
  })

  test('ecs20140526 7.x default (V3) with tricky characters, lists and an empty tag value', async () => {
    const c = await captureOne(() =>
      new Ecs.default(coreConfig()).createNetworkInterface(createEniRequest()),
    )
    assert.equal((await verify(c)).scheme, 'V3')
    assert.equal(c.request.params['Description'], TRICKY)
    assert.equal(c.request.params['SecurityGroupIds.2'], 'sg-2')
    assert.equal(c.request.params['Tag.1.Value'], '')
  })

  test('ecs20140526 7.x with STS credentials (V3, token headers signed)', async () => {
    const c = await captureOne(() =>
      new Ecs.default(coreConfig({ securityToken: 'sts-token' })).attachNetworkInterface(
        new $Ecs.AttachNetworkInterfaceRequest({
          regionId: 'cn-hangzhou',
          networkInterfaceId: 'eni-1',
          instanceId: 'i-1',
        }),
      ),
    )
    const caller = await verify(c)
    assert.equal(caller.scheme, 'V3')
    assert.equal(caller.securityToken, 'sts-token')
  })

  test('ecs20140526 7.x with signatureAlgorithm v2 (V1 POST, query, empty body)', async () => {
    const c = await captureOne(() =>
      new Ecs.default(coreConfig({ signatureAlgorithm: 'v2' })).createNetworkInterface(
        createEniRequest(),
      ),
    )
    assert.equal(c.request.method, 'POST')
    assert.equal(c.request.body.length, 0)
    const caller = await verify(c)
    assert.deepEqual([caller.scheme, caller.action], ['V1', 'CreateNetworkInterface'])
    assert.equal(c.request.params['Format'], 'json')
    assert.equal(c.request.params['Description'], TRICKY)
  })

  test('vpc20160428 7.x default (V3, version 2016-04-28)', async () => {
    const c = await captureOne(() =>
      new Vpc.default(coreConfig()).createVpc(
        new $Vpc.CreateVpcRequest({ regionId: 'cn-hangzhou', cidrBlock: '10.0.0.0/8' }),
      ),
    )
    const caller = await verify(c)
    assert.deepEqual(
      [caller.scheme, caller.action, caller.version],
      ['V3', 'CreateVpc', '2016-04-28'],
    )
  })

  test('openapi-client 0.4 callApi (V3, query only)', async () => {
    const c = await captureOne(() =>
      teaClient().callApi(
        teaParams,
        new $OpenApi.OpenApiRequest({ query: { RegionId: 'cn-hangzhou', Description: TRICKY } }),
        new $Util.RuntimeOptions({}),
      ),
    )
    assert.equal((await verify(c)).scheme, 'V3')
    assert.equal(c.request.params['Description'], TRICKY)
  })

  test('openapi-client 0.4 callApi with a chunked form body (V3, content-type signed)', async () => {
    const c = await captureOne(() =>
      teaClient().callApi(
        teaParams,
        new $OpenApi.OpenApiRequest({
          query: { RegionId: 'cn-hangzhou' },
          body: { NetworkInterfaceId: 'eni-1', Description: TRICKY },
        }),
        new $Util.RuntimeOptions({}),
      ),
    )
    assert.equal(c.request.headers['transfer-encoding'], 'chunked')
    assert.match(String(c.request.headers['authorization']), /SignedHeaders=content-type;/)
    assert.equal((await verify(c)).scheme, 'V3')
    assert.equal(c.request.params['Description'], TRICKY)
  })

  test('openapi-client 0.4 with signatureAlgorithm v2 (V1)', async () => {
    const c = await captureOne(() =>
      teaClient({ signatureAlgorithm: 'v2' }).callApi(
        teaParams,
        new $OpenApi.OpenApiRequest({ query: { RegionId: 'cn-hangzhou', Description: TRICKY } }),
        new $Util.RuntimeOptions({}),
      ),
    )
    assert.equal((await verify(c)).scheme, 'V1')
  })

  test('a captured SDK request replayed against the same cache is refused', async () => {
    const c = await captureOne(() =>
      new Ecs.default(coreConfig()).assignPrivateIpAddresses(
        new $Ecs.AssignPrivateIpAddressesRequest({
          regionId: 'cn-hangzhou',
          networkInterfaceId: 'eni-1',
        }),
      ),
    )
    const nonces = new MemoryNonceCache()
    const lookup = async () => SECRET
    await verifySignature(c.request, lookup, new Date(), nonces)
    await assert.rejects(verifySignature(c.request, lookup, new Date(), nonces), {
      code: 'SignatureNonceUsed',
    })
  })
})
