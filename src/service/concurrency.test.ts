// Many clients hammering one vSwitch never get one address twice (DESIGN.md "Tests that mean
// something"). On PostgreSQL the calls go through two stores with their own pools, as two
// replicas would; on SQLite through two service contexts (each with its own address pools).
import assert from 'node:assert/strict'

import { isUsable, parseCidr } from '../allocator/cidr.js'
import { parseIpv4 } from '../allocator/ipv4.js'
import { isApiError } from '../domain/errors.js'
import type { EniView } from '../domain/resources.js'
import type { Harness, World } from '../testing/service-harness.js'
import { describeOnEngines, REGION } from '../testing/service-harness.js'
import { assignPrivateIpAddresses } from './assign-private-ip-addresses.js'
import type { ServiceContext } from './context.js'
import { unassignPrivateIpAddresses } from './unassign-private-ip-addresses.js'

const regionId = REGION
const CALLS = 64

type Outcome = { eniId: string; assigned: string[] } | { eniId: string; code: string }

/** 64 concurrent count-based assigns (1 or 2 addresses) spread over `enis` and `contexts`. */
async function hammer(
  h: Harness,
  contexts: readonly ServiceContext[],
  enis: readonly EniView[],
): Promise<Outcome[]> {
  const calls = Array.from({ length: CALLS }, async (_, i): Promise<Outcome> => {
    const ctx = contexts[i % contexts.length]!
    const eniId = enis[i % enis.length]!.id
    try {
      const r = await assignPrivateIpAddresses(ctx, h.caller, {
        regionId,
        networkInterfaceId: eniId,
        secondaryPrivateIpAddressCount: 1 + (i % 2),
      })
      return { eniId, assigned: r.assigned }
    } catch (e: unknown) {
      if (!isApiError(e)) throw e
      return { eniId, code: e.code }
    }
  })
  return Promise.all(calls)
}

/** The store agrees with the acknowledged results, exactly. */
async function checkConsistent(
  h: Harness,
  w: World,
  enis: readonly EniView[],
  outcomes: readonly Outcome[],
): Promise<number> {
  const cidr = parseCidr(w.vswitch.cidrBlock)!
  const acknowledged = outcomes.flatMap((o) => ('assigned' in o ? o.assigned : []))
  assert.equal(new Set(acknowledged).size, acknowledged.length, 'no address acknowledged twice')
  const everywhere: string[] = []
  for (const eni of enis) {
    const now = await h.getEni(eni.id)
    const secondaries = now.privateIps.filter((p) => !p.primary).map((p) => p.address)
    const mine = outcomes.flatMap((o) => (o.eniId === eni.id && 'assigned' in o ? o.assigned : []))
    assert.deepEqual([...secondaries].sort(), [...mine].sort(), `ENI ${eni.id} holds its results`)
    everywhere.push(...now.privateIps.map((p) => p.address))
  }
  assert.equal(new Set(everywhere).size, everywhere.length, 'no address held twice')
  for (const a of everywhere) assert.ok(isUsable(cidr, parseIpv4(a)!), `${a} is usable`)
  const usable = cidr.size - 4
  assert.equal(await h.available(w.vswitch.id), usable - everywhere.length)
  return acknowledged.length
}

async function setUp(
  h: Harness,
  vswitchCidr: string,
  eniCount: number,
  ownGroups: boolean,
): Promise<{ w: World; enis: EniView[]; contexts: ServiceContext[] }> {
  const w = await h.world({ vswitchCidr })
  const enis: EniView[] = []
  for (let i = 0; i < eniCount; i++) {
    const sg = ownGroups ? await h.securityGroup(w.vpc) : w.sg
    enis.push(await h.eni(w, { securityGroupIds: [sg.id] }))
  }
  return { w, enis, contexts: [h.ctx, await h.replica(2)] }
}

describeOnEngines('concurrent assigns on one vSwitch', (t) => {
  for (const [ownGroups, allocation] of [
    [false, 'random'],
    [true, 'random'],
    [true, 'sequential'],
  ] as const) {
    const groups = ownGroups ? 'a security group per ENI' : 'one shared security group'
    t.it(
      `64 assigns over 8 ENIs of a /24, two replicas, ${groups}, ${allocation}: no duplicate`,
      { profile: 'current', allocation },
      async (h) => {
        const { w, enis, contexts } = await setUp(h, '192.168.1.0/24', 8, ownGroups)
        const outcomes = await hammer(h, contexts, enis)
        const failures = outcomes.filter((o) => 'code' in o)
        assert.deepEqual(failures, [], 'a /24 has room for every call')
        const total = await checkConsistent(h, w, enis, outcomes)
        assert.equal(total, 32 * 1 + 32 * 2)
      },
    )
  }

  t.it(
    '64 assigns over 4 ENIs of a /28: contention, IpNotEnough only, exact counts',
    { profile: 'current' },
    async (h) => {
      const { w, enis, contexts } = await setUp(h, '192.168.1.0/28', 4, true)
      assert.equal(await h.available(w.vswitch.id), 8)
      const outcomes = await hammer(h, contexts, enis)
      const codes = new Set(outcomes.flatMap((o) => ('code' in o ? [o.code] : [])))
      assert.ok(codes.size > 0, 'the /28 runs out')
      assert.deepEqual([...codes], ['InvalidVSwitchId.IpNotEnough'])
      const total = await checkConsistent(h, w, enis, outcomes)
      assert.ok(total >= 7 && total <= 8, `assigned ${total} of 8`)
    },
  )

  t.it('assigns racing unassigns keep the pool exact', { profile: 'current' }, async (h) => {
    const { w, enis, contexts } = await setUp(h, '192.168.1.0/26', 4, true)
    const first = await hammer(h, contexts, enis)
    // Free every odd acknowledged result while a second wave assigns.
    const freeing = first.flatMap((o, i) =>
      'assigned' in o && i % 2 === 1
        ? [
            unassignPrivateIpAddresses(contexts[i % 2]!, h.caller, {
              regionId,
              networkInterfaceId: o.eniId,
              privateIpAddresses: o.assigned,
            }).then(() => ({ eniId: o.eniId, freed: o.assigned })),
          ]
        : [],
    )
    const [second] = await Promise.all([hammer(h, contexts, enis), Promise.all(freeing)])
    // What each ENI should hold: the first wave minus what was freed, plus the second wave.
    const kept = [
      ...first.map((o, i) => ('assigned' in o && i % 2 === 1 ? { ...o, assigned: [] } : o)),
      ...second,
    ]
    const allowed = new Set(['InvalidVSwitchId.IpNotEnough', 'InvalidOperation.Ipv4CountExceeded'])
    for (const o of [...first, ...second]) {
      if ('code' in o) assert.ok(allowed.has(o.code), o.code)
    }
    await checkConsistent(h, w, enis, kept)
  })
})
