// The relay: TCP in, Unix socket out, the caller named by the source address it saw (a header
// the guest sends itself is dropped). No namespaces needed: both ends run on this host.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { RunningMetadataServer } from '../metadata/metadata-server.js'
import { startMetadataServer } from '../metadata/metadata-server.js'
import { anInstanceMetadata, anInterfaceMetadata } from '../testing/metadata-builders.js'
import { startRelay } from './metadata-relay.js'

const eth0 = anInterfaceMetadata({
  eniId: 'eni-1',
  primaryIp: '127.0.0.1',
  privateIps: ['127.0.0.1'],
  prefixLength: 8,
  netmask: '255.0.0.0',
  gateway: '127.255.255.253',
  vswitchCidr: '127.0.0.0/8',
  vpcCidr: '127.0.0.0/8',
})
const VIEW = anInstanceMetadata({ instanceId: 'i-relayed', primary: eth0, interfaces: [eth0] })

describe('metadata relay', () => {
  let dir: string
  let metadata: RunningMetadataServer
  let relay: Server
  let url: string
  const seen: string[] = []

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'enp-relay-'))
    const socketPath = join(dir, 'md.sock')
    metadata = await startMetadataServer({
      socketPath,
      trustHeader: true,
      lookup: async (address) => {
        seen.push(address)
        return address === '127.0.0.1' ? VIEW : undefined
      },
    })
    relay = await startRelay({ socketPath, host: '127.0.0.1', port: 0 })
    url = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`
  })
  after(async () => {
    relay.closeAllConnections()
    await new Promise((r) => relay.close(r))
    await metadata.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('forwards with the source address, not the guest-supplied header', async () => {
    const res = await fetch(`${url}/latest/meta-data/instance-id`, {
      headers: { 'X-Eniplane-Instance-Ip': '10.9.9.9' },
    })
    assert.equal(res.status, 200)
    assert.equal(await res.text(), 'i-relayed')
    assert.deepEqual(seen, ['127.0.0.1'])
  })

  it('passes the token flow through (PUT with headers, GET with token)', async () => {
    const put = await fetch(`${url}/latest/api/token`, {
      method: 'PUT',
      headers: { 'X-aliyun-ecs-metadata-token-ttl-seconds': '60' },
    })
    assert.equal(put.status, 200)
    const token = await put.text()
    const ok = await fetch(`${url}/latest/meta-data/mac`, {
      headers: { 'X-aliyun-ecs-metadata-token': token },
    })
    assert.equal(ok.status, 200)
    const bad = await fetch(`${url}/latest/meta-data/mac`, {
      headers: { 'X-aliyun-ecs-metadata-token': 'forged' },
    })
    assert.equal(bad.status, 401)
    assert.equal((await fetch(`${url}/latest/meta-data/nope`)).status, 404)
  })

  it('answers 502 when the control plane is gone', async () => {
    const orphan = await startRelay({
      socketPath: join(dir, 'none.sock'),
      host: '127.0.0.1',
      port: 0,
    })
    try {
      const port = (orphan.address() as AddressInfo).port
      assert.equal((await fetch(`http://127.0.0.1:${port}/latest/meta-data/`)).status, 502)
    } finally {
      orphan.closeAllConnections()
      await new Promise((r) => orphan.close(r))
    }
  })
})
