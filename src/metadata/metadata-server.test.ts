// The metadata listener on 127.0.0.1:0: Alibaba's paths and formats, the token flow, caller
// identification by source address or (trusted) header, 404 for unknown paths.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { InstanceMetadata } from '../service/instance-metadata.js'
import { anInstanceMetadata, anInterfaceMetadata } from '../testing/metadata-builders.js'
import type { RunningMetadataServer } from './metadata-server.js'
import { startMetadataServer } from './metadata-server.js'

const eth0 = anInterfaceMetadata({
  privateIps: ['192.168.0.10', '192.168.0.11', '192.168.0.12'],
})
const eth1 = anInterfaceMetadata({
  eniId: 'eni-example0002',
  mac: '00:16:3e:00:00:02',
  deviceIndex: 1,
  primaryIp: '192.168.0.20',
  privateIps: ['192.168.0.20', '192.168.0.21'],
})
const VIEW = anInstanceMetadata({ primary: eth0, interfaces: [eth0, eth1] })
const OTHER: InstanceMetadata = {
  ...VIEW,
  instanceId: 'i-other',
  primary: eth1,
  interfaces: [eth1],
}

let now = 1_000_000
let n = 0
const byIp: Record<string, InstanceMetadata> = { '192.168.0.10': VIEW, '192.168.0.20': OTHER }

async function start(trustHeader: boolean, self?: InstanceMetadata) {
  return startMetadataServer({
    host: '127.0.0.1',
    port: 0,
    trustHeader,
    now: () => now,
    newToken: () => `token-${++n}`,
    lookup: async (address) => (address === '127.0.0.1' ? self : byIp[address]),
  })
}

async function get(server: RunningMetadataServer, path: string, headers: Record<string, string>) {
  const res = await fetch(server.url + path, { headers, signal: AbortSignal.timeout(5000) })
  return { status: res.status, body: await res.text() }
}

async function token(server: RunningMetadataServer, headers: Record<string, string>, ttl = '60') {
  const res = await fetch(server.url + '/latest/api/token', {
    method: 'PUT',
    headers: { ...headers, 'X-aliyun-ecs-metadata-token-ttl-seconds': ttl },
    signal: AbortSignal.timeout(5000),
  })
  return { status: res.status, body: await res.text() }
}

describe('metadata service (trusted header)', () => {
  let server: RunningMetadataServer
  const me = { 'X-Eniplane-Instance-Ip': '192.168.0.10' }
  before(async () => (server = await start(true)))
  after(async () => server.close())

  const cases: [string, string][] = [
    ['/latest/meta-data/instance-id', 'i-example'],
    ['/latest/meta-data/instance/instance-type', 'ecs.g7.large'],
    ['/latest/meta-data/region-id', 'cn-hangzhou'],
    ['/latest/meta-data/zone-id', 'cn-hangzhou-h'],
    ['/latest/meta-data/vpc-id', 'vpc-1'],
    ['/latest/meta-data/vswitch-id', 'vsw-1'],
    ['/latest/meta-data/vpc-cidr-block', '192.168.0.0/16'],
    ['/latest/meta-data/vswitch-cidr-block', '192.168.0.0/24'],
    ['/latest/meta-data/private-ipv4', '192.168.0.10'],
    ['/latest/meta-data/mac', '00:16:3e:00:00:01'],
    ['/latest/meta-data/dns-conf/nameservers', '100.100.2.136\n100.100.2.138'],
    ['/latest/meta-data/network/interfaces/macs/', '00:16:3e:00:00:01/\n00:16:3e:00:00:02/'],
    ['/2016-01-01/meta-data/network/interfaces/macs', '00:16:3e:00:00:01/\n00:16:3e:00:00:02/'],
    [
      '/latest/meta-data/network/interfaces/macs/00:16:3e:00:00:01/private-ipv4s',
      '["192.168.0.10","192.168.0.11","192.168.0.12"]',
    ],
    ['/latest/meta-data/network/interfaces/macs/00:16:3e:00:00:02/gateway', '192.168.0.253'],
    ['/latest/meta-data/network/interfaces/macs/00-16-3E-00-00-02/netmask', '255.255.255.0'],
    [
      '/latest/meta-data/network/interfaces/macs/00:16:3e:00:00:02/network-interface-id',
      'eni-example0002',
    ],
    [
      '/latest/meta-data/network/interfaces/macs/00:16:3e:00:00:02/primary-ip-address',
      '192.168.0.20',
    ],
  ]
  for (const [path, body] of cases) {
    test(`GET ${path}`, async () => {
      assert.deepEqual(await get(server, path, me), { status: 200, body })
    })
  }

  test('the meta-data/ listing names directories with a trailing slash', async () => {
    const { status, body } = await get(server, '/latest/meta-data/', me)
    assert.equal(status, 200)
    const entries = body.split('\n')
    for (const e of ['instance-id', 'mac', 'network/', 'instance/', 'dns-conf/', 'zone-id']) {
      assert.ok(entries.includes(e), e)
    }
  })

  test('per-MAC listing; no IPv6 items for an ENI without IPv6', async () => {
    const { body } = await get(
      server,
      '/latest/meta-data/network/interfaces/macs/00:16:3e:00:00:01/',
      me,
    )
    assert.ok(body.split('\n').includes('vswitch-cidr-block'))
    const ipv6 = '/latest/meta-data/network/interfaces/macs/00:16:3e:00:00:01/ipv6s'
    assert.equal((await get(server, ipv6, me)).status, 404)
  })

  test('unknown paths are 404', async () => {
    for (const path of [
      '/latest/meta-data/nope',
      '/latest/meta-data/instance-id/',
      '/latest/meta-data/network/interfaces/macs/00:16:3e:00:00:09/gateway',
      '/latest/user-data',
      '/2099-01-01/meta-data/',
    ]) {
      assert.equal((await get(server, path, me)).status, 404, path)
    }
  })

  test('an unknown caller is refused', async () => {
    const unknown = { 'X-Eniplane-Instance-Ip': '10.9.9.9' }
    assert.equal((await get(server, '/latest/meta-data/instance-id', unknown)).status, 403)
    assert.equal((await get(server, '/latest/meta-data/instance-id', {})).status, 403)
  })

  test('token flow: mint, use, expire, bound to its instance', async () => {
    const minted = await token(server, me)
    assert.equal(minted.status, 200)
    const withToken = { ...me, 'X-aliyun-ecs-metadata-token': minted.body }
    assert.equal((await get(server, '/latest/meta-data/instance-id', withToken)).status, 200)
    const stolen = {
      'X-Eniplane-Instance-Ip': '192.168.0.20',
      'X-aliyun-ecs-metadata-token': minted.body,
    }
    assert.equal((await get(server, '/latest/meta-data/instance-id', stolen)).status, 401)
    const bogus = { ...me, 'X-aliyun-ecs-metadata-token': 'bogus' }
    assert.equal((await get(server, '/latest/meta-data/instance-id', bogus)).status, 401)
    now += 61_000
    assert.equal((await get(server, '/latest/meta-data/instance-id', withToken)).status, 401)
  })

  test('token TTL must be 1..21600 seconds', async () => {
    for (const ttl of ['0', '21601', 'abc', '']) {
      assert.equal((await token(server, me, ttl)).status, 400, ttl)
    }
    assert.equal((await token(server, me, '21600')).status, 200)
    assert.equal((await token(server, me, '1')).status, 200)
  })

  test('other methods are refused', async () => {
    const res = await fetch(server.url + '/latest/meta-data/instance-id', {
      method: 'POST',
      headers: me,
      body: 'x',
    })
    assert.equal(res.status, 405)
  })
})

describe('metadata service (source address)', () => {
  let server: RunningMetadataServer
  before(async () => (server = await start(false, VIEW)))
  after(async () => server.close())

  test('the source address identifies the caller; the header is ignored', async () => {
    const claims = { 'X-Eniplane-Instance-Ip': '192.168.0.20' }
    assert.deepEqual(await get(server, '/latest/meta-data/instance-id', claims), {
      status: 200,
      body: 'i-example',
    })
  })
})

describe('metadata service (IPv6 and prefixes)', () => {
  let server: RunningMetadataServer
  const dual = anInterfaceMetadata({
    ipv6Addresses: ['2408:4000:0:6a01::10', '2408:4000:0:6a01::1a2b'],
    vswitchIpv6Cidr: '2408:4000:0:6a01::/64',
    ipv6Gateway: '2408:4000:0:6a01::1',
    vpcIpv6Cidrs: ['2408:4000:0:6a00::/56'],
    ipv4Prefixes: ['192.168.0.32/28', '192.168.0.48/28'],
    ipv6Prefixes: ['2408:4000:0:6a01:1a2b::/80'],
  })
  const v4only = anInterfaceMetadata({
    eniId: 'eni-example0002',
    mac: '00:16:3e:00:00:02',
    deviceIndex: 1,
    primaryIp: '192.168.0.20',
    privateIps: ['192.168.0.20'],
  })
  const view = anInstanceMetadata({ primary: dual, interfaces: [dual, v4only] })
  before(
    async () =>
      (server = await startMetadataServer({
        host: '127.0.0.1',
        port: 0,
        lookup: async (address) => (address === '127.0.0.1' ? view : undefined),
      })),
  )
  after(async () => server.close())

  const mac = '/latest/meta-data/network/interfaces/macs/00:16:3e:00:00:01/'
  const cases: [string, string][] = [
    ['ipv6s', '[2408:4000:0:6a01::10,2408:4000:0:6a01::1a2b]'],
    ['ipv6-gateway', '2408:4000:0:6a01::1'],
    ['vswitch-ipv6-cidr-block', '2408:4000:0:6a01::/64'],
    ['vpc-ipv6-cidr-blocks', '2408:4000:0:6a00::/56'],
    ['ipv4-prefixes', '["192.168.0.32/28","192.168.0.48/28"]'],
    ['ipv6-prefixes', '[2408:4000:0:6a01:1a2b::/80]'],
  ]
  for (const [item, body] of cases) {
    test(`GET …/${item}`, async () => {
      assert.deepEqual(await get(server, mac + item, {}), { status: 200, body })
    })
  }

  test('an IPv4-only ENI has no IPv6 or prefix items (404, not empty)', async () => {
    const other = '/latest/meta-data/network/interfaces/macs/00:16:3e:00:00:02/'
    for (const [item] of cases) {
      assert.equal((await get(server, other + item, {})).status, 404, item)
    }
    const listing = (await get(server, other, {})).body.split('\n')
    assert.ok(!listing.some((e) => e.startsWith('ipv6') || e.endsWith('prefixes')))
    assert.ok((await get(server, mac, {})).body.split('\n').includes('ipv6s'))
  })

  test('meta-data/all carries them as strings', async () => {
    const all = JSON.parse((await get(server, '/latest/meta-data/all', {})).body) as {
      network: { interfaces: { macs: Record<string, Record<string, string>> } }
    }
    const eth0 = all.network.interfaces.macs['00:16:3e:00:00:01']
    assert.equal(eth0?.['ipv6s'], cases[0]?.[1])
    assert.equal(all.network.interfaces.macs['00:16:3e:00:00:02']?.['ipv6s'], undefined)
  })
})
