// Terraform's bootstrap on the same endpoint (extensions.md §5): STS GetCallerIdentity through the
// official @alicloud/sts20150401 (V3) and pop-core (V1), Location DescribeEndpoints through
// pop-core (no npm SDK exists for Location; the Go SDK's resolver sends the same V1 request), and
// SecurityToken handling with the SDKs' own credential options.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import * as $Ecs from '@alicloud/ecs20140526'
import Ecs from '@alicloud/ecs20140526'
import { $OpenApiUtil } from '@alicloud/openapi-core'
import RPCClient from '@alicloud/pop-core'
import Sts from '@alicloud/sts20150401'
import type { RunningServer } from '../../main.js'
import { AK, SECRET, sdkError, startCompatServer } from '../../testing/sdk-harness.js'

type Endpoints = {
  Success: boolean
  Endpoints: {
    Endpoint: Array<{
      Endpoint: string
      Id: string
      Namespace: string
      SerivceCode: string
      Type: string
      Protocols: { Protocols: string[] }
    }>
  }
}

function pop(url: string, apiVersion: string, extra: Record<string, string> = {}): RPCClient {
  return new RPCClient({
    endpoint: url,
    apiVersion,
    accessKeyId: AK,
    accessKeySecret: SECRET,
    ...extra,
  })
}

function teaConfig(url: string, extra: Record<string, string> = {}) {
  return new $OpenApiUtil.Config({
    accessKeyId: AK,
    accessKeySecret: SECRET,
    endpoint: url.replace(/^http:\/\//, ''),
    protocol: 'http',
    regionId: 'cn-hangzhou',
    ...extra,
  })
}

describe('STS and Location on the same endpoint', () => {
  let server: RunningServer
  let accountId = ''
  before(async () => {
    server = await startCompatServer()
    const key = await server.ctx.store.transaction((tx) => tx.getAccessKey(AK))
    accountId = key?.accountId ?? ''
    assert.match(accountId, /^\d{16}$/)
  })
  after(async () => {
    await server.close()
  })

  test('@alicloud/sts20150401 GetCallerIdentity answers the account of the key', async () => {
    const sts = new Sts.default(teaConfig(server.url))
    const res = await sts.getCallerIdentity()
    assert.equal(res.statusCode, 200)
    assert.equal(res.body?.accountId, accountId)
    assert.equal(res.body?.userId, accountId)
    assert.equal(res.body?.principalId, accountId)
    assert.equal(res.body?.identityType, 'Account')
    assert.equal(res.body?.arn, `acs:ram::${accountId}:root`)
    assert.match(res.body?.requestId ?? '', /^[0-9A-F-]{36}$/)
  })

  test('pop-core (V1, POST as the Go SDK sends it) GetCallerIdentity', async () => {
    const res = await pop(server.url, '2015-04-01').request<Record<string, string>>(
      'GetCallerIdentity',
      {},
      { method: 'POST' },
    )
    assert.equal(res['AccountId'], accountId)
    assert.equal(res['IdentityType'], 'Account')
  })

  test('DescribeEndpoints answers this server for each served product of a region', async () => {
    const location = pop(server.url, '2015-06-12')
    const host = server.url.replace(/^http:\/\//, '')
    for (const code of ['ecs', 'vpc', 'sts']) {
      const res = await location.request<Endpoints>('DescribeEndpoints', {
        Id: 'cn-hangzhou',
        ServiceCode: code,
        Type: 'openAPI',
      })
      assert.equal(res.Success, true)
      assert.deepEqual(JSON.parse(JSON.stringify(res.Endpoints.Endpoint)), [
        {
          Endpoint: host,
          Id: 'cn-hangzhou',
          Namespace: '',
          SerivceCode: code,
          Type: 'openAPI',
          Protocols: { Protocols: ['HTTP', 'HTTPS'] },
        },
      ])
    }
    const all = await location.request<Endpoints>('DescribeEndpoints', { Id: 'cn-hangzhou' })
    assert.deepEqual(
      all.Endpoints.Endpoint.map((e) => e.SerivceCode),
      ['ecs', 'vpc', 'sts'],
    )
  })

  test('DescribeEndpoints: an unknown region or product is an empty list; no Id is refused', async () => {
    const location = pop(server.url, '2015-06-12')
    for (const params of [
      { Id: 'cn-nowhere', ServiceCode: 'ecs' },
      { Id: 'cn-hangzhou', ServiceCode: 'rds' },
      { Id: 'cn-hangzhou', ServiceCode: 'ecs', Type: 'innerAPI' },
    ]) {
      const res = await location.request<Endpoints>('DescribeEndpoints', params)
      assert.equal(res.Success, true)
      assert.deepEqual(JSON.parse(JSON.stringify(res.Endpoints.Endpoint)), [])
    }
    const e = await sdkError(location.request('DescribeEndpoints', { ServiceCode: 'ecs' }))
    assert.equal(e.code, 'MissingParameter')
  })
})

describe('SecurityToken (extensions.md §5.3)', () => {
  let server: RunningServer
  before(async () => {
    server = await startCompatServer()
  })
  after(async () => {
    await server.close()
  })

  test('pop-core (V1) with a securityToken eniplane did not issue → InvalidSecurityToken.Malformed', async () => {
    const client = pop(server.url, '2014-05-26', { securityToken: 'CAISnotissuedhere' })
    const e = await sdkError(client.request('DescribeRegions', {}))
    assert.equal(e.code, 'InvalidSecurityToken.Malformed') // pop-core reports no HTTP status
  })

  test('@alicloud/ecs20140526 (V3, x-acs-security-token) with a foreign token → Malformed', async () => {
    const ecs = new Ecs.default(teaConfig(server.url, { securityToken: 'CAISnotissuedhere' }))
    const e = await sdkError(ecs.describeRegions(new $Ecs.DescribeRegionsRequest({})))
    assert.equal(e.code, 'InvalidSecurityToken.Malformed')
    assert.equal(e.statusCode, 400)
  })

  test('an STS. AccessKeyId without a token → MissingSecurityToken (V1 and V3)', async () => {
    const v1 = new RPCClient({
      endpoint: server.url,
      apiVersion: '2014-05-26',
      accessKeyId: 'STS.NUtemporarykey',
      accessKeySecret: SECRET,
    })
    const e1 = await sdkError(v1.request('DescribeRegions', {}))
    assert.equal(e1.code, 'MissingSecurityToken')
    const v3 = new Ecs.default(
      new $OpenApiUtil.Config({
        accessKeyId: 'STS.NUtemporarykey',
        accessKeySecret: SECRET,
        endpoint: server.url.replace(/^http:\/\//, ''),
        protocol: 'http',
        regionId: 'cn-hangzhou',
      }),
    )
    const e3 = await sdkError(v3.describeRegions(new $Ecs.DescribeRegionsRequest({})))
    assert.deepEqual([e3.code, e3.statusCode], ['MissingSecurityToken', 400])
  })
})
