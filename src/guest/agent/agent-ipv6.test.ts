// The agent with IPv6 addresses and delegated prefixes, against the real metadata listener
// (127.0.0.1:0) and the in-memory `ip`: nodad adds, debounced removal of only what it added,
// prefixes as local ranges, IPv6 policy routing on a secondary ENI, malformed items skip the ENI.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { RunningMetadataServer } from '../../metadata/metadata-server.js'
import { startMetadataServer } from '../../metadata/metadata-server.js'
import type { InstanceMetadata, InterfaceMetadata } from '../../service/instance-metadata.js'
import { anInstanceMetadata, anInterfaceMetadata } from '../../testing/metadata-builders.js'
import { FakeKernel } from '../../testing/fake-ip-kernel.js'
import { MetadataClient } from './metadata-client.js'
import { parseIpv4Prefixes, parseIpv6List, readMetadata } from './read-metadata.js'
import type { AgentOptions } from './run-agent.js'
import { runOnce } from './run-agent.js'
import { loadLedger } from './state-file.js'

const MAC0 = '00:16:3e:00:00:01'
const MAC1 = '00:16:3e:00:00:02'
const V6 = {
  vswitchIpv6Cidr: '2408:4000:0:6a01::/64',
  ipv6Gateway: '2408:4000:0:6a01::1',
  vpcIpv6Cidrs: ['2408:4000:0:6a00::/56'],
}
const A = '2408:4000:0:6a01::10'
const B = '2408:4000:0:6a01::1a2b'
const P4 = '192.168.0.32/28'
const P6 = '2408:4000:0:6a01:1a2b::/80'

describe('IPv6 list parsers', () => {
  it('ipv6s: bracketed or JSON, canonical; any bad element rejects the body', () => {
    assert.deepEqual(parseIpv6List('[2408:4000:0:6A01:0:0:0:10,2408:4000:0:6a01::1a2b]'), [A, B])
    assert.deepEqual(parseIpv6List('["2408:4000:0:6a01::10"]'), [A])
    assert.deepEqual(parseIpv6List('[]'), [])
    assert.equal(parseIpv6List('[2408::1,nope]'), null)
    assert.deepEqual(parseIpv6List(`[${P6}]`, true), [P6])
    assert.equal(parseIpv6List('[2408:4000:0:6a01:1a2b::1/80]', true), null)
    assert.deepEqual(parseIpv4Prefixes(`["${P4}"]`), [P4])
    assert.equal(parseIpv4Prefixes('["192.168.0.33/28"]'), null)
  })
})

describe('agent with IPv6 and prefixes', () => {
  let server: RunningMetadataServer
  let dir: string
  let kernel: FakeKernel
  let view: InstanceMetadata
  const lines: string[] = []
  const set = (eth0: Partial<InterfaceMetadata>, eth1?: Partial<InterfaceMetadata>) => {
    const a = anInterfaceMetadata({ eniId: 'eni-0', mac: MAC0, ...V6, ...eth0 })
    const b =
      eth1 &&
      anInterfaceMetadata({
        eniId: 'eni-1',
        mac: MAC1,
        deviceIndex: 1,
        primaryIp: '192.168.0.20',
        privateIps: ['192.168.0.20'],
        ...V6,
        ...eth1,
      })
    view = anInstanceMetadata({ primary: a, interfaces: b ? [a, b] : [a] })
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'enp-agent6-'))
    server = await startMetadataServer({
      host: '127.0.0.1',
      port: 0,
      lookup: async (address) => (address === '127.0.0.1' ? view : undefined),
    })
  })
  after(async () => {
    await server.close()
    await rm(dir, { recursive: true, force: true })
  })
  beforeEach(() => {
    kernel = new FakeKernel().link('eth0', MAC0, '192.168.0.10').link('eth1', MAC1, '192.168.0.20')
    lines.length = 0
  })
  const options = (name: string, more: Partial<AgentOptions> = {}): AgentOptions => ({
    metadata: new MetadataClient({ baseUrl: server.url, timeoutMs: 2000 }),
    ip: kernel.run,
    statePath: join(dir, `${name}.json`),
    log: (line) => lines.push(line),
    confirmDelayMs: 0,
    ...more,
  })

  it('reads ipv6s, the /64, the gateway and prefixes; none for an IPv4-only ENI', async () => {
    set({ ipv6Addresses: [A], ipv4Prefixes: [P4], ipv6Prefixes: [P6] }, {})
    const read = await readMetadata(options('read').metadata)
    assert.ok(read.ok)
    const [eth0, eth1] = read.enis
    assert.deepEqual(eth0?.ipv6Addresses, [A])
    assert.equal(eth0?.ipv6Cidr, V6.vswitchIpv6Cidr)
    assert.equal(eth0?.ipv6Gateway, V6.ipv6Gateway)
    assert.deepEqual(eth0?.prefixes, [
      { cidr: P4, family: 4 },
      { cidr: P6, family: 6 },
    ])
    assert.deepEqual(eth1?.ipv6Addresses, [])
    assert.deepEqual(eth1?.prefixes, [])
  })

  it('an IPv6 address outside the /64 skips that ENI (and changes nothing)', async () => {
    set({ ipv6Addresses: ['2408:4000:0:6a02::10'] })
    assert.equal(await runOnce(options('outside')), true)
    assert.deepEqual(kernel.log, [])
    assert.ok(lines.some((l) => l.includes('ALERT')))
  })

  it('adds with nodad, removes only its own after confirming, leaves foreign ones', async () => {
    set({ ipv6Addresses: [A, B], ipv4Prefixes: [P4], ipv6Prefixes: [P6] })
    // someone else's address and range on the same link
    kernel.links[0]?.addresses6.push({ ip: '2408:4000:0:6a01::99', prefixLength: 64 })
    kernel.localRanges.push({ family: 4, dst: '192.168.0.64/28', dev: 'eth0' })
    assert.equal(await runOnce(options('own')), true)
    assert.deepEqual(kernel.addresses6('eth0').sort(), [A, B, '2408:4000:0:6a01::99'].sort())
    assert.ok(kernel.log.includes(`-6 addr add ${A}/64 dev eth0 nodad`))
    assert.deepEqual(
      kernel.localRanges.map((r) => r.dst),
      ['192.168.0.64/28', P4, P6],
    )
    const ledger = await loadLedger(join(dir, 'own.json'), () => undefined)
    assert.deepEqual(ledger.enis['eni-0']?.owned6, [A, B])
    assert.deepEqual(ledger.enis['eni-0']?.ownedPrefixes, [P4, P6].sort())

    // B and the IPv4 prefix are revoked; the foreign ones are never touched
    set({ ipv6Addresses: [A], ipv6Prefixes: [P6] })
    kernel.log.length = 0
    assert.equal(await runOnce(options('own')), true)
    assert.deepEqual(kernel.addresses6('eth0').sort(), [A, '2408:4000:0:6a01::99'].sort())
    assert.deepEqual(
      kernel.localRanges.map((r) => r.dst),
      ['192.168.0.64/28', P6],
    )
    assert.deepEqual(kernel.log, [`-6 addr del ${B}/64 dev eth0`, `route del local ${P4} dev eth0`])
  })

  it('secondary ENI: IPv6 table routes and rules, cleaned up when it departs', async () => {
    set({}, { ipv6Addresses: [A], ipv4Prefixes: [P4], ipv6Prefixes: [P6] })
    assert.equal(await runOnce(options('policy6')), true)
    assert.deepEqual(kernel.addresses6('eth1'), [A])
    assert.deepEqual(
      kernel.rules6.map((r) => `${r.from} ${r.table} ${r.priority}`),
      [`${A}/128 1001 20001`, `${P6} 1001 20001`],
    )
    assert.ok(kernel.rules.some((r) => r.from === P4 && r.table === '1001'))
    assert.deepEqual(
      kernel.routes6.map((r) => `${r.dst} ${r.gateway ?? '-'} ${r.dev}`),
      [`default ${V6.ipv6Gateway} eth1`, `${V6.vswitchIpv6Cidr} - eth1`],
    )
    // idempotent: a second run changes nothing
    kernel.log.length = 0
    assert.equal(await runOnce(options('policy6')), true)
    assert.deepEqual(kernel.log, [])
    // departed: the NIC goes with its addresses and routes; rules and ranges are cleaned
    set({})
    kernel.links = kernel.links.filter((l) => l.ifname !== 'eth1')
    kernel.routes = []
    kernel.routes6 = []
    assert.equal(await runOnce(options('policy6')), true)
    assert.deepEqual(kernel.rules6, [])
    assert.deepEqual(kernel.rules, [])
  })

  it('--persist renders IPv6 and prefixes into the OS files', async () => {
    const root = join(dir, 'root6')
    set({ ipv6Addresses: [A], ipv6Prefixes: [P6] })
    assert.equal(await runOnce(options('persist6', { persist: { os: 'networkd', root } })), true)
    const conf = await readFile(
      join(root, 'etc/systemd/network/10-eth0.network.d/60-secondary-ips.conf'),
      'utf8',
    )
    assert.match(conf, new RegExp(`Address=${A}/64\\nDuplicateAddressDetection=none`))
    assert.match(conf, new RegExp(`Destination=${P6.replaceAll('/', '\\/')}\\nType=local`))
  })
})
