// End to end in Linux network namespaces: the API assigns addresses, the lab dataplane plugs the
// ENIs into instance namespaces, the real agent (inside the namespace, reading the metadata
// service at 100.100.100.200) configures them, and another namespace reaches them — then stops
// reaching them after unassign, and reaches a secondary ENI's addresses on the instance it fails
// over to. The vSwitch is dual-stack: an assigned IPv6 address answers ping -6 the same way.
// Needs root, `ip netns`, `ping` and `curl`: skips locally without them, fails under CI=true
// saying which is missing.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { NetnsDataplane } from '../../src/dataplane/netns-dataplane.js'
import { ipRun, listNamespaces, netnsUnavailable } from '../../src/dataplane/run-ip.js'
import type { RunningServer } from '../../src/main.js'
import { GuestWorld, startGuestServer, until } from './support/guest-world.js'
import {
  addresses6In,
  answers6,
  addressesIn,
  agentOnce,
  answers,
  linkMac,
  metadataFrom,
  otelDetect,
  probeToolsMissing,
  rulesIn,
} from './support/netns-probe.js'

const unavailable = (await netnsUnavailable()) ?? (await probeToolsMissing())
const PREFIX = `enp-${process.pid}-`

describe(
  'guest agent in network namespaces',
  { skip: unavailable !== undefined && process.env['CI'] !== 'true' ? unavailable : false },
  () => {
    let dir: string | undefined
    let server: RunningServer | undefined
    let dataplane: NetnsDataplane | undefined
    let world: GuestWorld
    let net: { vpcId: string; vswitchId: string; sgId: string; ipv6Cidr: string }
    let a: string
    let b: string
    let eniA: string
    const ns = (id: string) => `${PREFIX}${id}`
    const state = (name: string) => join(dir ?? '', `${name}.json`)
    const replug = async () => dataplane?.reconcileNow()
    const agent = async (instanceId: string, name: string) => {
      const r = await agentOnce(ns(instanceId), state(name))
      assert.equal(r.code, 0, `agent in ${instanceId}:\n${r.stdout}\n${r.stderr}`)
      return r.stdout
    }
    const eventually = (what: string, check: () => Promise<boolean>) =>
      until(what, async () => ((await check()) ? true : undefined), 15_000, 100)

    before(async () => {
      if (unavailable !== undefined) {
        throw new Error(`this test needs root, ip netns and ping under CI: ${unavailable}`)
      }
      dir = await mkdtemp(join(tmpdir(), 'enp-e2e-'))
      server = await startGuestServer({ db: join(dir, 'eniplane.db') })
      dataplane = await NetnsDataplane.start(server.ctx, { prefix: PREFIX, intervalMs: 200 })
      world = GuestWorld.at(server.url)
      net = await world.network('10.77.0.0/16', '10.77.1.0/24', 1)
      a = await world.runInstance(net, undefined, '10.77.1.10')
      b = await world.runInstance(net, undefined, '10.77.1.11')
      eniA = await world.primaryEniOf(a)
      const macA = (await world.eni(eniA)).mac.toLowerCase()
      await replug()
      await eventually('eth0 of A', async () => (await linkMac(ns(a), 'eth0')) === macA)
      await eventually('eth0 of B', async () => (await addressesIn(ns(b), 'eth0')).length === 1)
    })

    after(async () => {
      await dataplane?.close()
      await server?.close()
      const ip = ipRun(5000)
      for (const name of await listNamespaces(ip).catch(() => [])) {
        if (name.startsWith(PREFIX)) await ip(['netns', 'del', name]).catch(() => undefined)
      }
      if (dir !== undefined) await rm(dir, { recursive: true, force: true })
    })

    it('the instances reach each other on their primary addresses', async () => {
      assert.equal(await answers(ns(b), '10.77.1.10'), true)
      assert.equal(await answers(ns(a), '10.77.1.11'), true)
    })

    it('assigned addresses appear after an agent run and answer from B', async () => {
      await world.assign(eniA, ['10.77.1.50', '10.77.1.51'])
      assert.equal(await answers(ns(b), '10.77.1.50'), false)
      await agent(a, 'a')
      assert.deepEqual(await addressesIn(ns(a), 'eth0'), ['10.77.1.10', '10.77.1.50', '10.77.1.51'])
      // B's neighbour entry for .50 failed a moment ago: the first answer may need a retry
      await eventually('10.77.1.50 answers B', () => answers(ns(b), '10.77.1.50'))
      assert.equal(await answers(ns(b), '10.77.1.51'), true)
    })

    it('metadata answers any address of the instance; the OpenTelemetry detector reads it', async () => {
      // from the secondary address the agent configured, not only from the primary
      const fromSecondary = await metadataFrom(ns(a), '10.77.1.50', '/latest/meta-data/instance-id')
      assert.deepEqual(fromSecondary, { status: 200, body: a })
      const doc = await metadataFrom(
        ns(a),
        '10.77.1.51',
        '/latest/dynamic/instance-identity/document',
      )
      assert.equal(doc.status, 200)
      assert.equal((JSON.parse(doc.body) as Record<string, string>)['instance-id'], a)
      const detected = await otelDetect(ns(b))
      assert.equal(detected['cloud.provider'], 'alibaba_cloud')
      assert.equal(detected['cloud.platform'], 'alibaba_cloud_ecs')
      assert.equal(detected['host.id'], b)
      assert.equal(detected['host.name'], `iZ${b.slice(2)}Z`)
      assert.equal(detected['host.type'], 'ecs.g7.large')
      assert.equal(detected['cloud.region'], 'cn-hangzhou')
    })

    it('an unassigned address is removed and stops answering; the rest stay', async () => {
      await world.unassign(eniA, ['10.77.1.51'])
      await agent(a, 'a')
      assert.deepEqual(await addressesIn(ns(a), 'eth0'), ['10.77.1.10', '10.77.1.50'])
      assert.equal(await answers(ns(b), '10.77.1.51'), false)
      assert.equal(await answers(ns(b), '10.77.1.50'), true)
    })

    it('an assigned IPv6 address answers ping -6 from B, and stops after unassign', async () => {
      assert.match(net.ipv6Cidr, /::\/64$/)
      const base = net.ipv6Cidr.replace(/::\/64$/, '')
      const [a6, a6b, b6] = [`${base}::a:10`, `${base}::a:11`, `${base}::b:10`]
      const eniB = await world.primaryEniOf(b)
      await world.assignIpv6(eniA, [a6, a6b])
      await world.assignIpv6(eniB, [b6])
      assert.equal(await answers6(ns(b), a6), false)
      await agent(a, 'a')
      await agent(b, 'b')
      assert.deepEqual((await addresses6In(ns(a), 'eth0')).sort(), [a6, a6b].sort())
      assert.deepEqual(await addresses6In(ns(b), 'eth0'), [b6])
      assert.equal(await answers6(ns(b), a6), true)
      assert.equal(await answers6(ns(b), a6b), true)
      assert.equal(await answers6(ns(a), b6), true)
      // the IPv6 gateway of the vSwitch answers too
      assert.equal(await answers6(ns(a), `${base}::1`), true)

      await world.unassignIpv6(eniA, [a6b])
      await agent(a, 'a')
      assert.deepEqual(await addresses6In(ns(a), 'eth0'), [a6])
      assert.equal(await answers6(ns(b), a6b), false)
      assert.equal(await answers6(ns(b), a6), true)
      // IPv4 is untouched by the IPv6 changes
      assert.deepEqual(await addressesIn(ns(a), 'eth0'), ['10.77.1.10', '10.77.1.50'])
    })

    it('a secondary ENI fails over from A to B with its addresses', async () => {
      const eni = await world.createEni(net, '10.77.1.20')
      await world.assign(eni, ['10.77.1.60', '10.77.1.61'])
      await world.attach(eni, a)
      await replug()
      await eventually('eth1 of A', async () => (await addressesIn(ns(a), 'eth1')).length === 1)
      await agent(a, 'a')
      assert.deepEqual(await addressesIn(ns(a), 'eth1'), ['10.77.1.20', '10.77.1.60', '10.77.1.61'])
      assert.deepEqual((await rulesIn(ns(a), 1001)).sort(), [
        '10.77.1.20',
        '10.77.1.60',
        '10.77.1.61',
      ])
      assert.equal(await answers(ns(b), '10.77.1.61'), true)

      await world.detach(eni, a)
      await replug()
      await eventually('eth1 gone from A', async () => (await linkMac(ns(a), 'eth1')) === undefined)
      assert.equal(await answers(ns(b), '10.77.1.60'), false)
      await world.attach(eni, b)
      await replug()
      await eventually('eth1 of B', async () => (await addressesIn(ns(b), 'eth1')).length === 1)
      await agent(b, 'b')
      assert.deepEqual(await addressesIn(ns(b), 'eth1'), ['10.77.1.20', '10.77.1.60', '10.77.1.61'])
      assert.equal(await answers(ns(a), '10.77.1.60'), true)
      assert.equal(await answers(ns(a), '10.77.1.61'), true)
      // A's agent forgets the departed ENI: its policy rules go
      await agent(a, 'a')
      assert.deepEqual(await rulesIn(ns(a), 1001), [])
      assert.deepEqual(await addressesIn(ns(a), 'eth0'), ['10.77.1.10', '10.77.1.50'])
    })
  },
)
