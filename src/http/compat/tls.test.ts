// `serve --tls` (DESIGN.md): the official SDKs reach the server over HTTPS and verify its
// certificate against the local CA's ca.pem — no insecure flag anywhere. A client that trusts
// another CA (or only the system roots) is refused by its own TLS stack. `--tls-cert/--tls-key`
// serve a certificate of your own.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import https from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import * as $Ecs from '@alicloud/ecs20140526'
import Ecs from '@alicloud/ecs20140526'
import { $OpenApiUtil } from '@alicloud/openapi-core'
import RPCClient from '@alicloud/pop-core'
import Sts from '@alicloud/sts20150401'
import { DEFAULT_SERVER_CONFIG } from '../../config/server-config.js'
import { startServer, type RunningServer } from '../../main.js'
import { AK, SECRET } from '../../testing/sdk-harness.js'
import { ensureLocalTls } from '../../tls/local-ca.js'

const dataDir = mkdtempSync(join(tmpdir(), 'eniplane-tls-serve-'))
const otherDir = mkdtempSync(join(tmpdir(), 'eniplane-tls-other-'))

async function serve(extra: Partial<typeof DEFAULT_SERVER_CONFIG>): Promise<RunningServer> {
  return startServer(
    {
      ...DEFAULT_SERVER_CONFIG,
      db: ':memory:',
      port: 0,
      asyncDelayMs: 20,
      logLevel: 'silent',
      dataDir,
      ...extra,
    },
    { ENIPLANE_ACCESS_KEY_ID: AK, ENIPLANE_ACCESS_KEY_SECRET: SECRET },
    () => undefined,
  )
}

function ecs(url: string, ca: string | undefined): Ecs.default {
  return new Ecs.default(
    new $OpenApiUtil.Config({
      accessKeyId: AK,
      accessKeySecret: SECRET,
      endpoint: url.replace(/^https:\/\//, ''),
      protocol: 'https',
      regionId: 'cn-hangzhou',
      ...(ca !== undefined ? { ca } : {}),
    }),
  )
}

function pop(url: string, ca: string): RPCClient {
  // pop-core passes `opts` to every request: an agent that trusts ca.pem
  return new RPCClient({
    endpoint: url,
    apiVersion: '2014-05-26',
    accessKeyId: AK,
    accessKeySecret: SECRET,
    opts: { agent: new https.Agent({ ca }) },
  })
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e: unknown) {
    return String((e as { message?: string }).message ?? e)
  }
  throw new Error('expected the TLS handshake to be refused')
}

after(() => {
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(otherDir, { recursive: true, force: true })
})

describe('serve --tls', () => {
  let server: RunningServer
  let caPem = ''
  before(async () => {
    server = await serve({ tls: true })
    caPem = readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8')
  })
  after(async () => {
    await server.close()
  })

  test('the server URL is https and ca.pem was created under <dataDir>/tls/', () => {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/)
    assert.match(caPem, /^-----BEGIN CERTIFICATE-----/)
  })

  test('@alicloud/ecs20140526 (V3) verifying against ca.pem works', async () => {
    const res = await ecs(server.url, caPem).describeRegions(new $Ecs.DescribeRegionsRequest({}))
    assert.equal(res.statusCode, 200)
    assert.deepEqual(
      res.body?.regions?.region?.map((r) => r.regionId),
      ['cn-hangzhou'],
    )
  })

  test('@alicloud/sts20150401 over HTTPS verifying against ca.pem works', async () => {
    const sts = new Sts.default(
      new $OpenApiUtil.Config({
        accessKeyId: AK,
        accessKeySecret: SECRET,
        endpoint: server.url.replace(/^https:\/\//, ''),
        protocol: 'https',
        ca: caPem,
      }),
    )
    const res = await sts.getCallerIdentity()
    assert.equal(res.body?.identityType, 'Account')
  })

  test('pop-core (V1) over https:// with an agent trusting ca.pem works', async () => {
    const res = await pop(server.url, caPem).request<{ Regions: { Region: unknown[] } }>(
      'DescribeRegions',
      {},
    )
    assert.equal(res.Regions.Region.length, 1)
  })

  test('a client trusting another CA, or only the system roots, is refused', async () => {
    const otherCa = readFileSync(ensureLocalTls(otherDir, ['cn-hangzhou']).files.caCertPath, 'utf8')
    assert.notEqual(otherCa, caPem)
    const wrongCa = await refusal(
      ecs(server.url, otherCa).describeRegions(new $Ecs.DescribeRegionsRequest({})),
    )
    assert.match(wrongCa, /certificate|self.signed|verify/i)
    const systemRoots = await refusal(
      ecs(server.url, undefined).describeRegions(new $Ecs.DescribeRegionsRequest({})),
    )
    assert.match(systemRoots, /certificate|self.signed|verify/i)
  })

  test('the certificate verifies for Alibaba’s endpoint names resolved to this server', async () => {
    const port = Number(new URL(server.url).port)
    for (const host of ['ecs-vpc.cn-hangzhou.aliyuncs.com', 'sts.aliyuncs.com']) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = https.get(
          {
            host,
            port,
            path: '/healthz',
            ca: caPem,
            // what an /etc/hosts entry does: the name resolves to this server
            lookup: (_name, _opts, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]),
          },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          },
        )
        req.on('error', reject)
      })
      assert.equal(status, 200, host)
    }
  })
})

describe('serve --tls-cert/--tls-key', () => {
  test('serves the given certificate; clients trusting its CA connect', async () => {
    const own = ensureLocalTls(otherDir, ['cn-hangzhou'])
    const server = await serve({
      tls: true,
      tlsCert: own.files.certPath,
      tlsKey: own.files.keyPath,
    })
    try {
      const otherCa = readFileSync(own.files.caCertPath, 'utf8')
      const res = await ecs(server.url, otherCa).describeRegions(
        new $Ecs.DescribeRegionsRequest({}),
      )
      assert.equal(res.statusCode, 200)
      const dataDirCa = readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8')
      const refused = await refusal(
        ecs(server.url, dataDirCa).describeRegions(new $Ecs.DescribeRegionsRequest({})),
      )
      assert.match(refused, /certificate|self.signed|verify/i)
    } finally {
      await server.close()
    }
  })
})
