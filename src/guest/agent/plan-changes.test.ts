// The reconcile decision, table-driven: desired (metadata) × observed (kernel) × owned (ledger).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ipArgs } from './ip-commands.js'
import type { EniLedger, Ledger } from './ledger.js'
import { EMPTY_LEDGER } from './ledger.js'
import type { Observation, ObservedLink } from './observe.js'
import type { Plan } from './plan-changes.js'
import { planChanges, settleLedger } from './plan-changes.js'
import type { EniMetadata, MetadataRead } from './read-metadata.js'

const MAC0 = '00:16:3e:00:00:01'
const MAC1 = '00:16:3e:00:00:02'

const eth0Meta = (privateIps: string[]): EniMetadata => ({
  mac: MAC0,
  eniId: 'eni-0',
  isPrimaryEni: true,
  primaryIp: '192.168.0.10',
  privateIps,
  netmask: '255.255.255.0',
  prefixLength: 24,
  gateway: '192.168.0.253',
  subnetCidr: '192.168.0.0/24',
})
const eth1Meta = (privateIps: string[]): EniMetadata => ({
  ...eth0Meta(privateIps),
  mac: MAC1,
  eniId: 'eni-1',
  isPrimaryEni: false,
  primaryIp: '192.168.0.20',
})
const read = (...enis: EniMetadata[]): MetadataRead => ({
  ok: true,
  primaryMac: MAC0,
  enis,
  skipped: [],
})
const link = (ifname: string, mac: string, ips: string[], labels: string[] = []): ObservedLink => ({
  ifname,
  mac,
  addresses: ips.map((ip, i) => ({ ip, prefixLength: 24, label: labels[i] })),
})
const seen = (links: ObservedLink[], more: Partial<Observation> = {}): Observation => ({
  links,
  rules: [],
  routes: [],
  ...more,
})
const owning = (eniId: string, entry: Partial<EniLedger> & Pick<EniLedger, 'mac'>): Ledger => ({
  version: 1,
  enis: {
    [eniId]: { ifname: 'eth0', owned: [], aliases: {}, absent: {}, missing: 0, ...entry },
  },
})
/** The plan as `ip` command lines, for readable expectations. */
const commands = (plan: Plan) => plan.actions.map((a) => ipArgs(a).join(' '))

describe('planChanges', () => {
  const cases: {
    name: string
    read: MetadataRead
    observed: Observation
    ledger?: Ledger
    expect: string[]
    pending?: number
  }[] = [
    {
      name: 'adds missing secondaries with stable labels',
      read: read(eth0Meta(['192.168.0.10', '192.168.0.12', '192.168.0.11'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10'])]),
      expect: [
        '-4 addr add 192.168.0.11/24 brd + dev eth0 label eth0:0',
        '-4 addr add 192.168.0.12/24 brd + dev eth0 label eth0:1',
      ],
    },
    {
      name: 'nothing to do when every address is there',
      read: read(eth0Meta(['192.168.0.10', '192.168.0.11'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10', '192.168.0.11'])]),
      expect: [],
    },
    {
      name: 'a failed read plans nothing',
      read: { ok: false, reason: 'timeout' },
      observed: seen([link('eth0', MAC0, ['192.168.0.10', '192.168.0.11'])]),
      ledger: owning('eni-0', { mac: MAC0, owned: ['192.168.0.11'] }),
      expect: [],
    },
    {
      name: 'skips an ENI whose primary is not on the interface yet',
      read: read(eth0Meta(['192.168.0.10', '192.168.0.11'])),
      observed: seen([link('eth0', MAC0, [])]),
      expect: [],
    },
    {
      name: 'skips an ENI without an interface',
      read: read(eth0Meta(['192.168.0.10', '192.168.0.11'])),
      observed: seen([link('eth0', '00:16:3e:99:99:99', ['192.168.0.10'])]),
      expect: [],
    },
    {
      name: 'skips an ENI listing an address outside the vSwitch',
      read: read(eth0Meta(['192.168.0.10', '192.168.0.11', '10.0.0.5'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10'])]),
      expect: [],
    },
    {
      name: 'a revoked owned address waits for a second read',
      read: read(eth0Meta(['192.168.0.10'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10', '192.168.0.11'])]),
      ledger: owning('eni-0', {
        mac: MAC0,
        owned: ['192.168.0.11'],
        aliases: { '192.168.0.11': 0 },
      }),
      expect: [],
      pending: 1,
    },
    {
      name: 'a revoked owned address goes on the second read, with its observed prefix',
      read: read(eth0Meta(['192.168.0.10'])),
      observed: seen([
        {
          ifname: 'eth0',
          mac: MAC0,
          addresses: [
            { ip: '192.168.0.10', prefixLength: 24, label: 'eth0' },
            { ip: '192.168.0.11', prefixLength: 32, label: 'eth0:0' },
          ],
        },
      ]),
      ledger: owning('eni-0', {
        mac: MAC0,
        owned: ['192.168.0.11'],
        aliases: { '192.168.0.11': 0 },
        absent: { '192.168.0.11': 1 },
      }),
      expect: ['-4 addr del 192.168.0.11/32 dev eth0'],
    },
    {
      name: 'never removes an address it did not add (a VIP)',
      read: read(eth0Meta(['192.168.0.10'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10', '192.168.0.99'])]),
      ledger: owning('eni-0', { mac: MAC0, absent: { '192.168.0.99': 5 } }),
      expect: [],
    },
    {
      name: 'never touches the primary, even when private-ipv4s omits it',
      read: read(eth0Meta(['192.168.0.11'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10'])]),
      expect: ['-4 addr add 192.168.0.11/24 brd + dev eth0 label eth0:0'],
    },
    {
      name: 'new labels skip suffixes in use on the link',
      read: read(eth0Meta(['192.168.0.10', '192.168.0.11', '192.168.0.30'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10', '192.168.0.11'], ['eth0', 'eth0:0'])]),
      expect: ['-4 addr add 192.168.0.30/24 brd + dev eth0 label eth0:1'],
    },
    {
      name: 'no label when it would exceed 15 characters',
      read: read(eth0Meta(['192.168.0.10', '192.168.0.11'])),
      observed: seen([link('enx001122334455', MAC0, ['192.168.0.10'])]),
      expect: ['-4 addr add 192.168.0.11/24 brd + dev enx001122334455'],
    },
    {
      name: 'secondary ENI: table routes, address, one rule per address',
      read: read(eth1Meta(['192.168.0.20', '192.168.0.21'])),
      observed: seen([link('eth1', MAC1, ['192.168.0.20'])]),
      expect: [
        '-4 route replace default via 192.168.0.253 dev eth1 table 1001',
        '-4 route replace 192.168.0.0/24 dev eth1 src 192.168.0.20 table 1001',
        '-4 addr add 192.168.0.21/24 brd + dev eth1 label eth1:0',
        '-4 rule add from 192.168.0.20/32 lookup 1001 priority 20001',
        '-4 rule add from 192.168.0.21/32 lookup 1001 priority 20001',
      ],
    },
    {
      name: 'secondary ENI in place: nothing to do',
      read: read(eth1Meta(['192.168.0.20', '192.168.0.21'])),
      observed: seen([link('eth1', MAC1, ['192.168.0.20', '192.168.0.21'])], {
        rules: [
          { priority: 20001, from: '192.168.0.20/32', table: '1001' },
          { priority: 20001, from: '192.168.0.21/32', table: '1001' },
        ],
        routes: [
          {
            table: '1001',
            dst: 'default',
            gateway: '192.168.0.253',
            dev: 'eth1',
            prefsrc: undefined,
          },
          {
            table: '1001',
            dst: '192.168.0.0/24',
            gateway: undefined,
            dev: 'eth1',
            prefsrc: '192.168.0.20',
          },
        ],
      }),
      expect: [],
    },
    {
      name: 'secondary ENI revoke: its rule goes before the address',
      read: read(eth1Meta(['192.168.0.20'])),
      observed: seen([link('eth1', MAC1, ['192.168.0.20', '192.168.0.21'])], {
        rules: [
          { priority: 20001, from: '192.168.0.20/32', table: '1001' },
          { priority: 20001, from: '192.168.0.21/32', table: '1001' },
          { priority: 20001, from: '192.168.0.77/32', table: '1001' },
          { priority: 100, from: '192.168.0.21/32', table: '77' },
        ],
        routes: [
          {
            table: '1001',
            dst: 'default',
            gateway: '192.168.0.253',
            dev: 'eth1',
            prefsrc: undefined,
          },
          {
            table: '1001',
            dst: '192.168.0.0/24',
            gateway: undefined,
            dev: 'eth1',
            prefsrc: '192.168.0.20',
          },
        ],
      }),
      ledger: owning('eni-1', {
        mac: MAC1,
        ifname: 'eth1',
        owned: ['192.168.0.21'],
        aliases: { '192.168.0.21': 0 },
        absent: { '192.168.0.21': 1 },
        slot: 1,
      }),
      expect: [
        '-4 rule del from 192.168.0.21/32 lookup 1001 priority 20001',
        '-4 rule del from 192.168.0.77/32 lookup 1001 priority 20001',
        '-4 addr del 192.168.0.21/24 dev eth1',
      ],
    },
    {
      name: 'a departed secondary ENI waits one read, then loses its rules',
      read: read(eth0Meta(['192.168.0.10'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10'])], {
        rules: [{ priority: 20001, from: '192.168.0.21/32', table: '1001' }],
      }),
      ledger: {
        version: 1,
        enis: {
          'eni-1': {
            mac: MAC1,
            ifname: 'eth1',
            owned: ['192.168.0.21'],
            aliases: {},
            absent: {},
            missing: 1,
            slot: 1,
          },
        },
      },
      expect: ['-4 rule del from 192.168.0.21/32 lookup 1001 priority 20001'],
    },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const plan = planChanges({
        read: c.read,
        observed: c.observed,
        ledger: c.ledger ?? EMPTY_LEDGER,
      })
      assert.deepEqual(commands(plan), c.expect)
      assert.equal(plan.pending, c.pending ?? 0)
    })
  }

  it('the ledger records what was added, and forgets a removed address', () => {
    const added = planChanges({
      read: read(eth0Meta(['192.168.0.10', '192.168.0.11'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10'])]),
      ledger: EMPTY_LEDGER,
    })
    assert.deepEqual(added.ledger.enis['eni-0']?.owned, ['192.168.0.11'])
    assert.deepEqual(added.ledger.enis['eni-0']?.aliases, { '192.168.0.11': 0 })
    const revokedOnce = planChanges({
      read: read(eth0Meta(['192.168.0.10'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10', '192.168.0.11'])]),
      ledger: added.ledger,
    })
    assert.deepEqual(revokedOnce.ledger.enis['eni-0']?.absent, { '192.168.0.11': 1 })
    const relisted = planChanges({
      read: read(eth0Meta(['192.168.0.10', '192.168.0.11'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10', '192.168.0.11'])]),
      ledger: revokedOnce.ledger,
    })
    assert.deepEqual(relisted.ledger.enis['eni-0']?.absent, {})
    const removed = planChanges({
      read: read(eth0Meta(['192.168.0.10'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10', '192.168.0.11'])]),
      ledger: revokedOnce.ledger,
    })
    assert.equal(removed.actions.length, 1)
    assert.deepEqual(removed.ledger.enis['eni-0']?.owned, [])
  })

  it('a failed read keeps the ledger as it was', () => {
    const ledger = owning('eni-0', {
      mac: MAC0,
      owned: ['192.168.0.11'],
      absent: { '192.168.0.11': 1 },
    })
    const plan = planChanges({ read: { ok: false, reason: 'x' }, observed: seen([]), ledger })
    assert.equal(plan.ledger, ledger)
  })

  it('settleLedger: a failed add is not owned, a failed delete still is', () => {
    const plan = planChanges({
      read: read(eth0Meta(['192.168.0.10', '192.168.0.12'])),
      observed: seen([link('eth0', MAC0, ['192.168.0.10', '192.168.0.11'], ['eth0', 'eth0:0'])]),
      ledger: owning('eni-0', {
        mac: MAC0,
        owned: ['192.168.0.11'],
        absent: { '192.168.0.11': 1 },
      }),
    })
    assert.deepEqual(commands(plan), [
      '-4 addr del 192.168.0.11/24 dev eth0',
      '-4 addr add 192.168.0.12/24 brd + dev eth0 label eth0:1',
    ])
    const settled = settleLedger(plan, plan.actions, EMPTY_LEDGER)
    assert.deepEqual(settled.enis['eni-0']?.owned, ['192.168.0.11'])
  })
})
