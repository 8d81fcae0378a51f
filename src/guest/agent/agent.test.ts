// The agent's I/O shell against the real metadata listener (127.0.0.1:0) and an in-memory `ip`:
// token flow, add, debounced removal, policy routing, failed reads, state file and --persist.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { RunningMetadataServer } from '../../metadata/metadata-server.js'
import { startMetadataServer } from '../../metadata/metadata-server.js'
import type { InstanceMetadata } from '../../service/instance-metadata.js'
import { anInstanceMetadata, anInterfaceMetadata } from '../../testing/metadata-builders.js'
import { FakeKernel } from '../../testing/fake-ip-kernel.js'
import { EMPTY_LEDGER } from './ledger.js'
import { MetadataClient } from './metadata-client.js'
import { readMetadata, parseMacList, parsePrivateIpv4s } from './read-metadata.js'
import { reconcilePass } from './reconcile.js'
import type { AgentOptions } from './run-agent.js'
import { runOnce } from './run-agent.js'
import { acquireLock, loadLedger } from './state-file.js'

const MAC0 = '00:16:3e:00:00:01'
const MAC1 = '00:16:3e:00:00:02'
const eth0 = anInterfaceMetadata({ eniId: 'eni-0', mac: MAC0 })
const eth1 = anInterfaceMetadata({
  eniId: 'eni-1',
  mac: MAC1,
  deviceIndex: 1,
  primaryIp: '192.168.0.20',
  privateIps: ['192.168.0.20'],
})

let view: InstanceMetadata
let failing = false
const setIps = (ips0: string[], ips1?: string[]) => {
  const a = { ...eth0, privateIps: ['192.168.0.10', ...ips0] }
  const b = ips1 && { ...eth1, privateIps: ['192.168.0.20', ...ips1] }
  view = { ...view, primary: a, interfaces: b ? [a, b] : [a] }
}

describe('parsers', () => {
  it('private-ipv4s: JSON or stripped list; any bad element rejects the whole body', () => {
    assert.deepEqual(parsePrivateIpv4s('["10.0.0.1","10.0.0.2"]'), ['10.0.0.1', '10.0.0.2'])
    assert.deepEqual(parsePrivateIpv4s('[10.0.0.1, 10.0.0.2]'), ['10.0.0.1', '10.0.0.2'])
    assert.equal(parsePrivateIpv4s('["10.0.0.1","10.0.0.256"]'), null)
    assert.equal(parsePrivateIpv4s('{"a":1}'), null)
    assert.equal(parsePrivateIpv4s('[1]'), null)
  })
  it('macs/: one per line with trailing slash, normalised', () => {
    assert.deepEqual(parseMacList('00:16:3E:00:00:01/\n00-16-3e-00-00-02/\n'), [MAC0, MAC1])
    assert.equal(parseMacList('nonsense/'), null)
  })
})

describe('agent pass against the metadata service', () => {
  let server: RunningMetadataServer
  let dir: string
  let kernel: FakeKernel
  const lines: string[] = []
  const log = (line: string) => lines.push(line)

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'enp-agent-'))
    server = await startMetadataServer({
      host: '127.0.0.1',
      port: 0,
      lookup: async (address) => {
        if (failing) throw new Error('store down')
        return address === '127.0.0.1' ? view : undefined
      },
    })
  })
  after(async () => {
    await server.close()
    await rm(dir, { recursive: true, force: true })
  })
  beforeEach(() => {
    failing = false
    view = anInstanceMetadata({ instanceId: 'i-1', primary: eth0, interfaces: [eth0] })
    kernel = new FakeKernel().link('eth0', MAC0, '192.168.0.10').link('eth1', MAC1, '192.168.0.20')
    lines.length = 0
  })
  const client = () => new MetadataClient({ baseUrl: server.url, timeoutMs: 2000 })
  const options = (name: string, more: Partial<AgentOptions> = {}): AgentOptions => ({
    metadata: client(),
    ip: kernel.run,
    statePath: join(dir, `${name}.json`),
    log,
    confirmDelayMs: 0,
    ...more,
  })

  it('reads the ENIs with a token', async () => {
    setIps(['192.168.0.11'], ['192.168.0.21'])
    const read = await readMetadata(client())
    assert.ok(read.ok)
    assert.equal(read.primaryMac, MAC0)
    assert.deepEqual(
      read.enis.map((e) => [e.eniId, e.isPrimaryEni, e.privateIps.length]),
      [
        ['eni-0', true, 2],
        ['eni-1', false, 2],
      ],
    )
  })

  it('a failing metadata service is "unknown": nothing changes', async () => {
    failing = true
    const result = await reconcilePass({ metadata: client(), ip: kernel.run, log }, EMPTY_LEDGER)
    assert.equal(result.ok, false)
    assert.deepEqual(kernel.log, [])
  })

  it('--once: adds, then removes a revoked address after confirming it', async () => {
    setIps(['192.168.0.11', '192.168.0.12'])
    assert.equal(await runOnce(options('once')), true)
    assert.deepEqual(kernel.addresses('eth0'), ['192.168.0.10', '192.168.0.11', '192.168.0.12'])
    const ledger = await loadLedger(join(dir, 'once.json'), log)
    assert.deepEqual(ledger.enis['eni-0']?.owned, ['192.168.0.11', '192.168.0.12'])
    assert.equal((await stat(join(dir, 'once.json'))).mode & 0o777, 0o600)

    setIps(['192.168.0.11'])
    assert.equal(await runOnce(options('once')), true)
    assert.deepEqual(kernel.addresses('eth0'), ['192.168.0.10', '192.168.0.11'])
    assert.equal(lines.filter((l) => l.includes('addr del')).length, 1)
  })

  it('with one pass per run, a removal needs two runs', async () => {
    setIps(['192.168.0.11'])
    const one = options('two-runs', { confirmReads: 2 })
    const pass = () => reconcilePass({ ...one, confirmReads: 2 }, EMPTY_LEDGER)
    const first = await pass()
    setIps([])
    const second = await reconcilePass(one, first.ledger)
    assert.equal(second.pending, 1)
    assert.deepEqual(kernel.addresses('eth0'), ['192.168.0.10', '192.168.0.11'])
    const third = await reconcilePass(one, second.ledger)
    assert.equal(third.pending, 0)
    assert.deepEqual(kernel.addresses('eth0'), ['192.168.0.10'])
  })

  it('secondary ENI: addresses, table routes and rules; cleaned after it departs', async () => {
    setIps([], ['192.168.0.21'])
    assert.equal(await runOnce(options('policy')), true)
    assert.deepEqual(kernel.addresses('eth1'), ['192.168.0.20', '192.168.0.21'])
    assert.deepEqual(
      kernel.rules.map((r) => `${r.from} ${r.table} ${r.priority}`),
      ['192.168.0.20/32 1001 20001', '192.168.0.21/32 1001 20001'],
    )
    assert.equal(kernel.routes.filter((r) => r.table === '1001').length, 2)
    // idempotent
    kernel.log.length = 0
    assert.equal(await runOnce(options('policy')), true)
    assert.deepEqual(kernel.log, [])
    // detached: the NIC goes away with its routes, the rules stay until the agent cleans up
    setIps([])
    kernel.links = kernel.links.filter((l) => l.ifname !== 'eth1')
    kernel.routes = []
    assert.equal(await runOnce(options('policy')), true)
    assert.deepEqual(kernel.rules, [])
    const ledger = await loadLedger(join(dir, 'policy.json'), log)
    assert.equal(ledger.enis['eni-1'], undefined)
  })

  it('--persist writes the rendered files under the root, atomically', async () => {
    const root = join(dir, 'root')
    setIps(['192.168.0.11', '192.168.0.12'])
    assert.equal(await runOnce(options('persist', { persist: { os: 'rhel', root } })), true)
    const file = (n: number) => join(root, 'etc/sysconfig/network-scripts', `ifcfg-eth0:${n}`)
    assert.match(await readFile(file(0), 'utf8'), /IPADDR=192\.168\.0\.11/)
    assert.match(await readFile(file(1), 'utf8'), /IPADDR=192\.168\.0\.12/)
    setIps(['192.168.0.12'])
    assert.equal(await runOnce(options('persist', { persist: { os: 'rhel', root } })), true)
    await assert.rejects(stat(file(0)), { code: 'ENOENT' })
    assert.match(await readFile(file(1), 'utf8'), /IPADDR=192\.168\.0\.12/)
  })

  it('one run at a time: the lock refuses a second holder', async () => {
    const path = join(dir, 'locked.json')
    const release = await acquireLock(path)
    assert.ok(release)
    assert.equal(await acquireLock(path), undefined)
    assert.equal(await runOnce(options('locked')), false)
    await release()
    assert.equal(await runOnce(options('locked')), true)
  })
})

describe('MetadataClient', () => {
  it('drops its token on 401 and fetches a new one; reads without a token when refused', async () => {
    const calls: string[] = []
    let valid = 'token-1'
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      const u = url
      const headers = new Headers(init?.headers)
      calls.push(`${init?.method ?? 'GET'} ${u.replace(/^http:\/\/md/, '')}`)
      if (u.endsWith('/latest/api/token')) return new Response(valid, { status: 200 })
      if (headers.get('X-aliyun-ecs-metadata-token') !== valid) {
        return new Response('', { status: 401 })
      }
      return new Response('i-1', { status: 200 })
    }) as typeof fetch
    const client = new MetadataClient({ baseUrl: 'http://md', fetch: fakeFetch })
    assert.deepEqual(await client.get('instance-id'), { status: 'ok', text: 'i-1' })
    valid = 'token-2'
    assert.deepEqual(await client.get('instance-id'), { status: 'ok', text: 'i-1' })
    assert.deepEqual(calls, [
      'PUT /latest/api/token',
      'GET /latest/meta-data/instance-id',
      'GET /latest/meta-data/instance-id',
      'PUT /latest/api/token',
      'GET /latest/meta-data/instance-id',
    ])
  })

  it('a transport failure or a 5xx is a MetadataError, a 404 is "absent"', async () => {
    const fakeFetch = (async (url: string) => {
      const u = url
      if (u.endsWith('/latest/api/token')) return new Response('', { status: 405 })
      if (u.endsWith('/gone')) return new Response('', { status: 404 })
      if (u.endsWith('/boom')) return new Response('', { status: 500 })
      throw new TypeError('fetch failed')
    }) as typeof fetch
    const client = new MetadataClient({ baseUrl: 'http://md', fetch: fakeFetch })
    assert.deepEqual(await client.get('gone'), { status: 'absent' })
    await assert.rejects(client.get('boom'), { name: 'MetadataError' })
    await assert.rejects(client.get('other'), { name: 'MetadataError' })
  })
})
