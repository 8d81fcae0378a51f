// DescribeNetworkInterfaces from the read workers of a SQLite file (`serve --read-workers`): the
// real server on a real file, the world built through pop-core. The workers answer what the
// server's own thread answers, byte for byte (JSON and XML, pages by number and by NextToken,
// filters, and refusals), and a client reads its own writes through them. Every call here asks
// for a long page (LONG_PAGE), as only those go to a worker.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'

import { formatQuery, percentEncode, signV1, sortPairs } from './api/signing/index.js'
import { DEFAULT_SERVER_CONFIG } from './config/server-config.js'
import { LONG_PAGE, OFFLOADED_READS } from './http/actions/offloaded-reads.js'
import { nodeCrypto } from './http/auth/node-crypto.js'
import { Params } from './http/params.js'
import { startServer, type RunningServer } from './main.js'
import { buildCompatWorld, REGION, type CompatWorld } from './testing/compat-world.js'
import { AK, SECRET, popClient } from './testing/sdk-harness.js'

const dir = mkdtempSync(join(tmpdir(), 'eniplane-read-workers-'))
const db = join(dir, 'reads.db')

/** A server on the test's file with `readWorkers`, closed after `fn`. */
async function withServer<T>(
  readWorkers: number,
  fn: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const server = await startServer(
    {
      ...DEFAULT_SERVER_CONFIG,
      db,
      dataDir: dir,
      port: 0,
      asyncDelayMs: 0,
      logLevel: 'silent',
      readWorkers,
      enisPerRegion: 1000,
    },
    { ENIPLANE_ACCESS_KEY_ID: AK, ENIPLANE_ACCESS_KEY_SECRET: SECRET },
    () => undefined,
  )
  try {
    return await fn(server)
  } finally {
    await server.close()
  }
}

interface Answer {
  readonly status: number
  readonly contentType: string | null
  readonly body: string
}

/** A V1-signed GET of DescribeNetworkInterfaces, its RequestId and HostId made neutral. */
async function describeRaw(
  url: string,
  params: Record<string, string>,
  format = 'JSON',
): Promise<Answer> {
  const pairs = sortPairs(
    Object.entries({
      Action: 'DescribeNetworkInterfaces',
      Version: '2014-05-26',
      Format: format,
      AccessKeyId: AK,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: randomUUID(),
      Timestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      RegionId: REGION,
      ...params,
    }),
  )
  const signature = signV1(nodeCrypto, 'GET', pairs, SECRET)
  const res = await fetch(`${url}/?${formatQuery(pairs)}&Signature=${percentEncode(signature)}`)
  const body = (await res.text())
    .replaceAll(/[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}/g, 'REQUEST-ID')
    .replaceAll(/127\.0\.0\.1:\d+/g, 'HOST')
  return { status: res.status, contentType: res.headers.get('content-type'), body }
}

describe('DescribeNetworkInterfaces on read workers', () => {
  let world: CompatWorld
  let enis: string[]
  before(() =>
    withServer(0, async (server) => {
      const ecs = popClient(server.url)
      world = await buildCompatWorld(ecs, popClient(server.url, undefined, '2016-04-28'))
      enis = [world.eniId]
      // more than one long page (LONG_PAGE: shorter pages stay on the server's thread)
      for (let i = 0; i < LONG_PAGE + 20; i++) {
        const r = await ecs.request<{ NetworkInterfaceId: string }>(
          'CreateNetworkInterface',
          { RegionId: REGION, VSwitchId: world.vswitchId, SecurityGroupId: world.sgId },
          { method: 'POST' },
        )
        enis.push(r.NetworkInterfaceId)
      }
      await ecs.request(
        'AssignPrivateIpAddresses',
        { RegionId: REGION, NetworkInterfaceId: enis[3], SecondaryPrivateIpAddressCount: 3 },
        { method: 'POST' },
      )
    }),
  )
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('answers byte for byte what the server thread answers', async () => {
    const long = String(LONG_PAGE)
    const cases: [Record<string, string>, string][] = [
      [{ MaxResults: long }, 'JSON'],
      [{ PageSize: long, PageNumber: '2' }, 'JSON'],
      [{ PageSize: long, PageNumber: '2' }, 'XML'],
      [{ VSwitchId: world.vswitchId, Type: 'Secondary', PageSize: long, PageNumber: '2' }, 'JSON'],
      [{ VSwitchId: world.vswitchId, Status: 'Available', MaxResults: '500' }, 'XML'],
      [{ MaxResults: '501' }, 'JSON'],
      [{ MaxResults: '501' }, 'XML'],
      [{ NextToken: 'not-a-token', MaxResults: long }, 'JSON'],
      [{ RegionId: 'cn-nowhere', MaxResults: long }, 'JSON'],
      [{ Type: 'Trunk', PageSize: long }, 'JSON'],
    ]
    const answers = async (url: string): Promise<Answer[]> => {
      const out: Answer[] = []
      for (const [params, format] of cases) out.push(await describeRaw(url, params, format))
      // the page after a NextToken from the first page
      const first = JSON.parse(out[0]!.body) as { NextToken: string }
      out.push(await describeRaw(url, { MaxResults: long, NextToken: first.NextToken }))
      return out
    }
    const onThread = await withServer(0, (s) => answers(s.url))
    const onWorkers = await withServer(2, (s) => answers(s.url))
    assert.deepEqual(
      onThread.map((a) => a.status),
      [200, 200, 200, 200, 200, 400, 400, 400, 404, 200, 200],
    )
    assert.match(onThread[2]!.contentType ?? '', /^text\/xml/)
    assert.match(onThread[2]!.body, /^<\?xml .*<DescribeNetworkInterfacesResponse>/)
    const firstPage = JSON.parse(onThread[0]!.body) as {
      NextToken: string
      NetworkInterfaceSets: { NetworkInterfaceSet: unknown[] }
    }
    assert.equal(firstPage.NetworkInterfaceSets.NetworkInterfaceSet.length, LONG_PAGE)
    assert.notEqual(firstPage.NextToken, '')
    for (const [i, a] of onWorkers.entries()) assert.deepEqual(a, onThread[i], `case ${i}`)
  })

  it('a client reads its own writes through the workers', () =>
    withServer(2, async (server) => {
      // the vSwitch's whole listing, as Cilium's resync reads it (a worker's call)
      const addressesOf = async (eni: string): Promise<string[]> => {
        const page = await describeRaw(server.url, {
          VSwitchId: world.vswitchId,
          MaxResults: '500',
        })
        assert.equal(page.status, 200)
        const body = JSON.parse(page.body) as {
          NetworkInterfaceSets: {
            NetworkInterfaceSet: {
              NetworkInterfaceId: string
              PrivateIpSets: { PrivateIpSet: { PrivateIpAddress: string }[] }
            }[]
          }
        }
        const item = body.NetworkInterfaceSets.NetworkInterfaceSet.find(
          (e) => e.NetworkInterfaceId === eni,
        )
        return item?.PrivateIpSets.PrivateIpSet.map((p) => p.PrivateIpAddress) ?? []
      }
      const ecs = popClient(server.url)
      for (let i = 0; i < 15; i++) {
        const eni = enis[i % enis.length]!
        const r = await ecs.request<{
          AssignedPrivateIpAddressesSet: { PrivateIpSet: { PrivateIpAddress: string[] } }
        }>(
          'AssignPrivateIpAddresses',
          { RegionId: REGION, NetworkInterfaceId: eni, SecondaryPrivateIpAddressCount: 1 },
          { method: 'POST' },
        )
        const ip = r.AssignedPrivateIpAddressesSet.PrivateIpSet.PrivateIpAddress[0]!
        assert.ok((await addressesOf(eni)).includes(ip), `assign ${i}`)
        await ecs.request(
          'UnassignPrivateIpAddresses',
          { RegionId: REGION, NetworkInterfaceId: eni, 'PrivateIpAddress.1': ip },
          { method: 'POST' },
        )
        assert.ok(!(await addressesOf(eni)).includes(ip), `unassign ${i}`)
      }
    }))

  it('only a call whose answer can be long goes to a worker', () => {
    const worthIt = (p: Record<string, string>) => OFFLOADED_READS[0]!.worthIt(new Params(p))
    assert.equal(worthIt({ MaxResults: '500' }), true, "Cilium's resync")
    assert.equal(worthIt({ PageSize: String(LONG_PAGE), VpcId: 'vpc-1' }), true)
    assert.equal(worthIt({ MaxResults: String(LONG_PAGE - 1) }), false)
    assert.equal(worthIt({ 'PrivateIpAddress.1': '10.0.0.1' }), false, 'default page: 10')
    assert.equal(worthIt({ MaxResults: 'many' }), false)
    // filters that hold the answer to a few ENIs, whatever the page
    assert.equal(worthIt({ InstanceId: 'i-1', MaxResults: '500' }), false, "Terway's")
    assert.equal(worthIt({ 'NetworkInterfaceId.1': 'eni-1', MaxResults: '100' }), false)
    assert.equal(worthIt({ 'PrivateIpAddress.1': '10.0.0.1', MaxResults: '500' }), false)
  })
})
