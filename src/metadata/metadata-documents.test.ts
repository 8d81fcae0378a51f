// The metadata documents real guest software reads (spec/extensions.md §9), over real HTTP against
// the listener backed by the real store on both engines: the identity document (answered without
// a token, read by the real OpenTelemetry Alibaba detector), `meta-data/all`, the `/latest/`
// listing, hostname and the top-level items, and answers for a request from ANY address of the
// instance (every attached ENI, primary or secondary IP).
import assert from 'node:assert/strict'
import type { RequestOptions } from 'node:http'

import { alibabaCloudEcsDetector } from '@opentelemetry/resource-detector-alibaba-cloud'
import { assignPrivateIpAddresses } from '../service/assign-private-ip-addresses.js'
import { instanceMetadataByIp } from '../service/instance-metadata.js'
import { describeOnEngines, REGION } from '../testing/service-harness.js'
import type { RunningMetadataServer } from './metadata-server.js'
import { startMetadataServer } from './metadata-server.js'
import { serialNumberOf } from './metadata-tree.js'

type Headers = Record<string, string>

async function get(server: RunningMetadataServer, path: string, headers: Headers = {}) {
  const res = await fetch(server.url + path, { headers, signal: AbortSignal.timeout(5000) })
  return { status: res.status, body: await res.text() }
}

/**
 * The real detector, unchanged except for where it connects: it always asks
 * 100.100.100.200:80, which a unit test cannot listen on, so its one transport method gets the
 * listener's port and the caller header (test/e2e runs it unmodified inside a namespace).
 */
async function detect(server: RunningMetadataServer, headers: Headers) {
  const port = Number(new URL(server.url).port)
  const detector = Object.create(alibabaCloudEcsDetector) as {
    _fetchString(options: RequestOptions): Promise<string>
  }
  const original = detector._fetchString.bind(detector)
  detector._fetchString = (options) =>
    original({ ...options, host: '127.0.0.1', port, headers: { ...options.headers, ...headers } })
  const resource = alibabaCloudEcsDetector.detect.call(detector)
  const attributes = resource.attributes ?? {}
  const entries = await Promise.all(
    Object.entries(attributes).map(async ([k, v]) => [k, await v] as const),
  )
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined))
}

describeOnEngines('metadata documents over HTTP', (t) => {
  t.it('identity document, all, hostname and top-level items', async (h) => {
    const w = await h.world()
    const instanceId = await h.instance(w)
    const primary = await h.primaryEniOf(instanceId)
    const server = await startMetadataServer({
      host: '127.0.0.1',
      port: 0,
      trustHeader: true,
      lookup: (address) => instanceMetadataByIp(h.ctx, address),
    })
    try {
      const me = { 'X-Eniplane-Instance-Ip': primary.primaryIp }
      const mac = primary.macAddress.toLowerCase()
      const hostname = `iZ${instanceId.slice(2)}Z`

      assert.deepEqual(await get(server, '/latest/', me), {
        status: 200,
        body: 'dynamic/\nmeta-data/',
      })
      assert.deepEqual(await get(server, '/latest/dynamic/', me), {
        status: 200,
        body: 'instance-identity/',
      })
      assert.deepEqual(await get(server, '/latest/dynamic/instance-identity/', me), {
        status: 200,
        body: 'document',
      })

      const doc = await get(server, '/latest/dynamic/instance-identity/document', me)
      assert.equal(doc.status, 200)
      assert.deepEqual(JSON.parse(doc.body), {
        'zone-id': w.vswitch.zoneId,
        'serial-number': serialNumberOf(instanceId),
        'instance-id': instanceId,
        'region-id': REGION,
        'private-ipv4': primary.primaryIp,
        'owner-account-id': h.caller.accountId,
        mac,
        'image-id': 'aliyun_3_x64_20G_alibase_20240819.vhd',
        'instance-type': 'ecs.g7.large',
      })
      assert.match(
        serialNumberOf(instanceId),
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      )

      const items: [string, string][] = [
        ['hostname', hostname],
        ['owner-account-id', h.caller.accountId],
        ['region-id', REGION],
        ['zone-id', w.vswitch.zoneId],
        ['instance-id', instanceId],
        ['instance/instance-type', 'ecs.g7.large'],
        ['image-id', 'aliyun_3_x64_20G_alibase_20240819.vhd'],
        ['serial-number', serialNumberOf(instanceId)],
      ]
      for (const [item, body] of items) {
        for (const version of ['latest', '2016-01-01']) {
          const path = `/${version}/meta-data/${item}`
          assert.deepEqual(await get(server, path, me), { status: 200, body }, path)
        }
      }

      // meta-data/all mirrors the tree; every leaf is a string equal to the item's answer
      const all = await get(server, '/2016-01-01/meta-data/all', me)
      assert.equal(all.status, 200)
      const tree = JSON.parse(all.body) as Record<string, unknown>
      const leaves: [string, string][] = []
      const walk = (node: unknown, path: string) => {
        if (typeof node === 'string') return void leaves.push([path, node])
        assert.ok(typeof node === 'object' && node !== null, path)
        for (const [k, v] of Object.entries(node)) walk(v, path === '' ? k : `${path}/${k}`)
      }
      walk(tree, '')
      assert.ok(leaves.length >= 25, `only ${leaves.length} leaves`)
      for (const [path, value] of leaves) {
        assert.deepEqual(await get(server, `/latest/meta-data/${path}`, me), {
          status: 200,
          body: value,
        })
      }
      const macs = (tree['network'] as { interfaces: { macs: Record<string, unknown> } }).interfaces
        .macs
      assert.deepEqual(Object.keys(macs), [mac])
      assert.equal(
        tree['dns-conf'] && (tree['dns-conf'] as Headers)['nameservers'],
        '100.100.2.136\n100.100.2.138',
      )
      const listing = (await get(server, '/latest/meta-data/', me)).body.split('\n')
      assert.ok(!listing.includes('all'))
      assert.ok(listing.includes('serial-number') && listing.includes('hostname'))

      // no token needed; an invalid one is still refused
      const bogus = { ...me, 'X-aliyun-ecs-metadata-token': 'bogus' }
      assert.equal(
        (await get(server, '/latest/dynamic/instance-identity/document', bogus)).status,
        401,
      )
      assert.equal((await get(server, '/latest/dynamic/nope', me)).status, 404)
      assert.equal(
        (await get(server, '/latest/dynamic/instance-identity/document/', me)).status,
        404,
      )

      assert.deepEqual(await detect(server, me), {
        'cloud.provider': 'alibaba_cloud',
        'cloud.platform': 'alibaba_cloud_ecs',
        'cloud.account.id': h.caller.accountId,
        'cloud.region': REGION,
        'cloud.availability_zone': w.vswitch.zoneId,
        'host.id': instanceId,
        'host.type': 'ecs.g7.large',
        'host.name': hostname,
      })
      // an address that is nobody's: 403, and the detector reports nothing
      assert.deepEqual(await detect(server, { 'X-Eniplane-Instance-Ip': '192.168.1.250' }), {})
    } finally {
      await server.close()
    }
  })

  t.it('a HostName given at launch is the hostname', async (h) => {
    const w = await h.world()
    const instanceId = await h.instance(w, 'ecs.g7.large', { hostName: 'web-01' })
    const primary = await h.primaryEniOf(instanceId)
    const view = await instanceMetadataByIp(h.ctx, primary.primaryIp)
    assert.equal(view?.hostName, 'web-01')
  })

  t.it('answers a request from any address of the instance', async (h) => {
    const w = await h.world()
    const instanceId = await h.instance(w)
    const other = await h.instance(w)
    const primary = await h.primaryEniOf(instanceId)
    await assignPrivateIpAddresses(h.ctx, h.caller, {
      regionId: REGION,
      networkInterfaceId: primary.id,
      secondaryPrivateIpAddressCount: 1,
    })
    const eth1 = await h.eni(w, { secondaryPrivateIpAddressCount: 1 })
    await h.attach(eth1.id, instanceId)
    const loose = await h.eni(w)
    const server = await startMetadataServer({
      host: '127.0.0.1',
      port: 0,
      trustHeader: true,
      lookup: (address) => instanceMetadataByIp(h.ctx, address),
    })
    try {
      const addresses = [...(await h.addressesOf(primary.id)), ...(await h.addressesOf(eth1.id))]
      assert.equal(addresses.length, 4)
      for (const address of addresses) {
        const me = { 'X-Eniplane-Instance-Ip': address }
        assert.deepEqual(
          await get(server, '/latest/meta-data/instance-id', me),
          { status: 200, body: instanceId },
          address,
        )
        const doc = await get(server, '/latest/dynamic/instance-identity/document', me)
        assert.equal((JSON.parse(doc.body) as Headers)['private-ipv4'], primary.primaryIp)
      }
      const otherPrimary = await h.primaryEniOf(other)
      assert.equal(
        (
          await get(server, '/latest/meta-data/instance-id', {
            'X-Eniplane-Instance-Ip': otherPrimary.primaryIp,
          })
        ).body,
        other,
      )
      // an ENI attached to nothing identifies nobody
      const nobody = { 'X-Eniplane-Instance-Ip': loose.primaryIp }
      assert.equal((await get(server, '/latest/meta-data/instance-id', nobody)).status, 403)
    } finally {
      await server.close()
    }
  })
})
