// DescribeEndpoints' host rule: the host the client reached, or Alibaba's regional name of each
// product when the client came through an Alibaba name mapped to this server.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startHarness, type Harness } from '../../testing/action-harness.js'

type Endpoints = { Success: boolean; Endpoints: { Endpoint: Array<{ Endpoint: string }> } }

let h: Harness
before(async () => {
  h = await startHarness()
})
after(() => h.close())

async function endpointsVia(host: string, code: string): Promise<string[]> {
  const res = await h.app.inject({
    method: 'GET',
    url: `/?Action=DescribeEndpoints&Version=2015-06-12&Id=cn-hangzhou&ServiceCode=${code}`,
    headers: { host },
  })
  assert.equal(res.statusCode, 200)
  return res.json<Endpoints>().Endpoints.Endpoint.map((e) => e.Endpoint)
}

test('a client that reached 127.0.0.1:8443 is told 127.0.0.1:8443 for every product', async () => {
  assert.deepEqual(await endpointsVia('127.0.0.1:8443', 'ecs'), ['127.0.0.1:8443'])
  assert.deepEqual(await endpointsVia('127.0.0.1:8443', 'sts'), ['127.0.0.1:8443'])
})

test('a client that came through an Alibaba name is told each product’s Alibaba name', async () => {
  assert.deepEqual(await endpointsVia('location-readonly.aliyuncs.com', 'vpc'), [
    'vpc.cn-hangzhou.aliyuncs.com',
  ])
  assert.deepEqual(await endpointsVia('location.aliyuncs.com:443', 'ecs'), [
    'ecs.cn-hangzhou.aliyuncs.com',
  ])
})
