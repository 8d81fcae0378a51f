import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { errors } from '../domain/errors.js'
import { ActionRegistry, ECS_VERSION, VPC_VERSION, type ActionContext } from './action-registry.js'
import { eniplaneNoOpAction } from './actions/no-op.js'
import { wrap } from './list-wrapper.js'
import { createHttpServer, type RawRpcRequest } from './server.js'

const ACCOUNT = 'acc-test-0001'
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/
const XML_PROLOG = '<?xml version="1.0" encoding="UTF-8"?>'

// Test double for the signature verifier (src/http/auth, built by another helper): it accepts
// every request as one fixed account and records what the server handed it.
const seen: RawRpcRequest[] = []
async function authenticate(req: RawRpcRequest): Promise<{ accountId: string }> {
  seen.push(req)
  if (req.params['Signature'] === 'bad') throw errors.signatureDoesNotMatch()
  return { accountId: ACCOUNT }
}

/** Returns what the handler saw, so the transports can be compared. */
async function echo(ctx: ActionContext): Promise<Record<string, unknown>> {
  const { params } = ctx
  return {
    AccountId: ctx.accountId,
    RegionId: ctx.regionId ?? null,
    HandlerSawRequestId: ctx.requestId,
    Count: params.int('Count', { min: 0, max: 100 }) ?? null,
    DryRun: params.bool('DryRun') ?? null,
    ...wrap('PrivateIpSet', 'PrivateIpAddress', params.list('PrivateIpAddress')),
    ...wrap('Tags', 'Tag', params.structList('Tag', ['Key', 'Value'])),
    Api: Object.fromEntries(params.apiParams()),
  }
}

const registry = new ActionRegistry()
  .registerAction(eniplaneNoOpAction())
  .registerAction({ version: ECS_VERSION, action: 'Echo', handler: echo })
  .registerAction({ version: VPC_VERSION, action: 'DescribeVSwitches', handler: echo })
  .registerAction({
    version: ECS_VERSION,
    action: 'Boom',
    handler: async () => {
      throw new Error('an unexpected bug')
    },
  })
  .registerAction({ version: ECS_VERSION, action: 'BadCode', handler: async () => ({ Code: 'x' }) })
  .registerAction({
    version: VPC_VERSION,
    action: 'NotFoundVpc',
    handler: async () => {
      throw errors.invalidVpcIdNotFound('vpc-x')
    },
  })

const app = createHttpServer({ registry, authenticate, bodyLimitBytes: 1024 })
after(() => app.close())

const HOST = { host: 'ecs.test.local:8080' }
const ECHO_QUERY =
  'Action=Echo&Version=2014-05-26&Format=JSON&RegionId=cn-hangzhou&Count=7&DryRun=false' +
  '&PrivateIpAddress.2=10.0.0.11&PrivateIpAddress.1=10.0.0.10&Tag.1.Key=env&Tag.1.Value=' +
  '&Signature=sig%2B%2F%3D&AccessKeyId=ak'

async function call(opts: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject({ ...opts, headers: { ...HOST, ...opts.headers } })
}

function json(res: LightMyRequestResponse): Record<string, unknown> {
  return res.json<Record<string, unknown>>()
}

function assertError(res: LightMyRequestResponse, status: number, code: string): void {
  assert.equal(res.statusCode, status)
  assert.equal(res.headers['content-type'], 'application/json;charset=utf-8')
  const body = json(res)
  assert.deepEqual(Object.keys(body), ['RequestId', 'HostId', 'Code', 'Message', 'Recommend'])
  assert.equal(body['Code'], code)
  assert.match(String(body['RequestId']), UUID)
  assert.equal(res.headers['x-acs-request-id'], body['RequestId'])
}

describe('dispatch and success shape', () => {
  test('GET query, POST form and POST query with an empty body reach the handler alike', async () => {
    const viaGet = await call({ method: 'GET', url: `/?${ECHO_QUERY}` })
    const viaForm = await call({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: ECHO_QUERY,
    })
    const viaQueryPost = await call({ method: 'POST', url: `/?${ECHO_QUERY}` })
    const bodies = [viaGet, viaForm, viaQueryPost].map((res) => {
      assert.equal(res.statusCode, 200)
      const { RequestId, HandlerSawRequestId, ...rest } = json(res)
      assert.equal(RequestId, HandlerSawRequestId)
      return rest
    })
    assert.deepEqual(bodies[1], bodies[0])
    assert.deepEqual(bodies[2], bodies[0])
    assert.deepEqual(bodies[0], {
      AccountId: ACCOUNT,
      RegionId: 'cn-hangzhou',
      Count: 7,
      DryRun: false,
      PrivateIpSet: { PrivateIpAddress: ['10.0.0.10', '10.0.0.11'] },
      Tags: { Tag: [{ Key: 'env', Value: '' }] },
      Api: {
        Count: '7',
        DryRun: 'false',
        'PrivateIpAddress.1': '10.0.0.10',
        'PrivateIpAddress.2': '10.0.0.11',
        RegionId: 'cn-hangzhou',
        'Tag.1.Key': 'env',
        'Tag.1.Value': '',
      },
    })
  })

  test('the verifier gets the raw query, raw body and merged params', async () => {
    seen.length = 0
    await call({
      method: 'POST',
      url: '/?A=1&Sig=a%2Bb',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Custom': 'v' },
      payload: 'Action=EniplaneNoOp&Version=2014-05-26&B=x+y',
    })
    const raw = seen[0]
    assert.ok(raw)
    assert.equal(raw.method, 'POST')
    assert.equal(raw.path, '/')
    assert.equal(raw.rawQuery, 'A=1&Sig=a%2Bb')
    assert.equal(raw.body, 'Action=EniplaneNoOp&Version=2014-05-26&B=x+y')
    assert.equal(raw.headers['x-custom'], 'v')
    assert.deepEqual(
      { ...raw.params },
      { A: '1', Sig: 'a+b', Action: 'EniplaneNoOp', Version: '2014-05-26', B: 'x y' },
    )
  })

  test('V3 style: Action and Version from x-acs-* headers, parameters in the query', async () => {
    const res = await call({
      method: 'POST',
      url: '/?RegionId=cn-hangzhou',
      headers: {
        authorization: 'ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host,Signature=00',
        'x-acs-action': 'DescribeVSwitches',
        'x-acs-version': '2016-04-28',
      },
    })
    assert.equal(res.statusCode, 200)
    assert.equal(json(res)['RegionId'], 'cn-hangzhou')
  })

  test('success: 200, exact JSON content-type, RequestId first and in x-acs-request-id', async () => {
    const a = await call({ method: 'GET', url: '/?Action=EniplaneNoOp&Version=2014-05-26' })
    const b = await call({ method: 'GET', url: '/?Action=EniplaneNoOp&Version=2014-05-26' })
    for (const res of [a, b]) {
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'application/json;charset=utf-8')
      const body = json(res)
      assert.deepEqual(Object.keys(body), ['RequestId'])
      assert.match(String(body['RequestId']), UUID)
      assert.equal(res.headers['x-acs-request-id'], body['RequestId'])
    }
    assert.notEqual(json(a)['RequestId'], json(b)['RequestId'])
  })

  test('healthz', async () => {
    const res = await call({ method: 'GET', url: '/healthz' })
    assert.equal(res.statusCode, 200)
    assert.deepEqual(json(res), { status: 'ok' })
  })
})

describe('errors', () => {
  test('unknown Action → 404 InvalidAction.NotFound; HostId is the Host header', async () => {
    const res = await call({ method: 'GET', url: '/?Action=Nope&Version=2014-05-26' })
    assertError(res, 404, 'InvalidAction.NotFound')
    assert.equal(json(res)['HostId'], HOST.host)
  })

  test('Action under the other product → 404; missing Action → 400 MissingParameter', async () => {
    assertError(
      await call({ method: 'GET', url: '/?Action=Echo&Version=2016-04-28' }),
      404,
      'InvalidAction.NotFound',
    )
    assertError(await call({ method: 'GET', url: '/?Version=2014-05-26' }), 400, 'MissingParameter')
  })

  test('bad int / bool → 400 InvalidParameter; list gap → 400 InvalidParameter', async () => {
    for (const q of ['Count=abc', 'Count=101', 'DryRun=yes', 'PrivateIpAddress.2=1.1.1.1']) {
      assertError(
        await call({ method: 'GET', url: `/?Action=Echo&Version=2014-05-26&${q}` }),
        400,
        'InvalidParameter',
      )
    }
  })

  test('a parameter sent in both query and body → 400 InvalidParameter', async () => {
    const res = await call({
      method: 'POST',
      url: '/?Action=EniplaneNoOp&Version=2014-05-26',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'Action=EniplaneNoOp&Version=2014-05-26',
    })
    assertError(res, 400, 'InvalidParameter')
  })

  test('authentication errors reach the mapper and stop dispatch', async () => {
    const res = await call({ method: 'GET', url: '/?Action=Boom&Version=2014-05-26&Signature=bad' })
    assertError(res, 400, 'SignatureDoesNotMatch')
  })

  test('a catalogue error from a handler keeps its status; VPC errors recommend product=Vpc', async () => {
    const res = await call({ method: 'GET', url: '/?Action=NotFoundVpc&Version=2016-04-28' })
    assertError(res, 404, 'InvalidVpcId.NotFound')
    assert.match(String(json(res)['Recommend']), /product=Vpc/)
  })

  test('an unexpected exception → 500 InternalError, and the server keeps serving', async () => {
    assertError(
      await call({ method: 'GET', url: '/?Action=Boom&Version=2014-05-26' }),
      500,
      'InternalError',
    )
    assertError(
      await call({ method: 'GET', url: '/?Action=BadCode&Version=2014-05-26' }),
      500,
      'InternalError',
    )
    const ok = await call({ method: 'GET', url: '/?Action=EniplaneNoOp&Version=2014-05-26' })
    assert.equal(ok.statusCode, 200)
  })

  test('a body over the limit → 413 with the envelope', async () => {
    const res = await call({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `Action=EniplaneNoOp&Version=2014-05-26&Pad=${'x'.repeat(2048)}`,
    })
    assertError(res, 413, 'InvalidParameter.RequestTooLarge')
  })

  test('other paths → 404 envelope', async () => {
    assertError(await call({ method: 'GET', url: '/nope?x=1' }), 404, 'InvalidAction.NotFound')
    assertError(await call({ method: 'PUT', url: '/' }), 404, 'InvalidAction.NotFound')
    const head = await call({ method: 'HEAD', url: '/?Action=Boom&Version=2014-05-26' })
    assert.equal(head.statusCode, 404)
  })

  test('bodies of any content-type are accepted; only forms add parameters', async () => {
    for (const type of ['application/json', 'application/octet-stream', 'text/plain']) {
      const res = await call({
        method: 'POST',
        url: '/?Action=Echo&Version=2014-05-26',
        headers: { 'content-type': type },
        payload: 'Count=abc',
      })
      assert.equal(res.statusCode, 200, type)
      assert.equal(json(res)['Count'], null)
    }
  })

  test('hostId option overrides the Host header', async () => {
    const other = createHttpServer({ registry, authenticate, hostId: 'ecs.aliyuncs.com' })
    try {
      const res = await other.inject({ method: 'GET', url: '/?Action=Nope&Version=2014-05-26' })
      assert.equal(json(res)['HostId'], 'ecs.aliyuncs.com')
    } finally {
      await other.close()
    }
  })
})

describe('Format=XML', () => {
  test('success: text/xml, root <ActionResponse>, lists as repeated elements', async () => {
    const res = await call({
      method: 'GET',
      url: '/?Action=Echo&Version=2014-05-26&Format=XML&PrivateIpAddress.1=10.0.0.10&PrivateIpAddress.2=10.0.0.11',
    })
    assert.equal(res.statusCode, 200)
    assert.equal(res.headers['content-type'], 'text/xml;charset=utf-8')
    const id = String(res.headers['x-acs-request-id'])
    assert.ok(res.body.startsWith(`${XML_PROLOG}<EchoResponse><RequestId>${id}</RequestId>`))
    assert.ok(
      res.body.includes(
        '<PrivateIpSet><PrivateIpAddress>10.0.0.10</PrivateIpAddress>' +
          '<PrivateIpAddress>10.0.0.11</PrivateIpAddress></PrivateIpSet>',
      ),
    )
    assert.ok(res.body.endsWith('</EchoResponse>'))
  })

  test('errors: text/xml with root <Error> and the same status', async () => {
    for (const opts of [
      { method: 'GET', url: '/?Action=Nope&Version=2014-05-26&Format=xml' },
      {
        method: 'POST',
        url: '/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'Action=Echo&Version=2014-05-26&Format=XML&Count=-1',
      },
      { method: 'GET', url: '/?Format=XML&A=1&A=2' },
    ] as const) {
      const res = await call(opts)
      assert.ok(res.statusCode === 404 || res.statusCode === 400)
      assert.equal(res.headers['content-type'], 'text/xml;charset=utf-8')
      assert.match(res.body, /^<\?xml version="1\.0" encoding="UTF-8"\?><Error><RequestId>/)
      assert.match(res.body, /<Code>(InvalidAction\.NotFound|InvalidParameter)<\/Code>/)
    }
  })
})
