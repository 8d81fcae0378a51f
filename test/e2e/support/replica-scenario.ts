// The replica scenario of issue 13, shared by the PostgreSQL and SQLite tests: two real `serve`
// processes on one database, concurrent load on one ENI, one security group and one vSwitch
// through both, a replay across replicas, then `kill -9` of one mid-load; the survivor carries
// on and finishes the dead one's pending async operations, and a restarted replica still refuses
// the replay. Every acknowledged change must be present, no address held twice, caps exact.
import assert from 'node:assert/strict'
import { isRpcError } from '../../../src/client/rpc-error.js'
import type { RpcClient } from '../../../src/client/rpc-client.js'
import { REPLICA_KEY, startServe, startServes, type ServeProcess } from './serve-process.js'

const REGION = 'cn-hangzhou'
/** seed profile: secondary IPs on an Available ENI */
const ENI_CAP = 10

export interface ScenarioReport {
  acknowledgedAssigns: number
  duplicates: number
  unknownOutcomes: number
  pendingFinishedBySurvivor: number
}

type Params = Record<string, string | number | string[]>

async function call(
  api: RpcClient,
  action: string,
  params: Params,
): Promise<Record<string, unknown>> {
  return api.call(action, { RegionId: REGION, ...params })
}

/**
 * As Terway does: a call refused with `Operation.Conflict` (another mutation of the same ENI is
 * running in that replica) is retried with back-off, at most 100 times.
 */
async function callRetryingConflicts(
  api: RpcClient,
  action: string,
  params: Params,
): Promise<Record<string, unknown>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(api, action, params)
    } catch (e: unknown) {
      if (!isRpcError(e) || e.code !== 'Operation.Conflict' || attempt >= 100) throw e
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 20))
    }
  }
}

async function until(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

function assignedOf(r: Record<string, unknown>): string[] {
  const set = r['AssignedPrivateIpAddressesSet'] as { PrivateIpSet: { PrivateIpAddress: string[] } }
  return set.PrivateIpSet.PrivateIpAddress
}

interface EniRow {
  NetworkInterfaceId: string
  Status: string
  PrivateIpSets: { PrivateIpSet: { PrivateIpAddress: string; Primary: boolean }[] }
}

async function allEnis(api: RpcClient): Promise<EniRow[]> {
  const r = await call(api, 'DescribeNetworkInterfaces', { MaxResults: 500 })
  return (r['NetworkInterfaceSets'] as { NetworkInterfaceSet: EniRow[] }).NetworkInterfaceSet
}

/** Sends exactly these signed bytes (a replay sends them again). */
async function sendRaw(
  url: string,
  body: string,
): Promise<{ status: number; code: string | undefined }> {
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  })
  const json = (await res.json()) as { Code?: string }
  return { status: res.status, code: json.Code }
}

export async function runReplicaScenario(opts: {
  db: string
  dataDir: string
  loadMs: number
}): Promise<ScenarioReport> {
  const started: ServeProcess[] = []
  try {
    started.push(
      ...(await startServes([
        ['A', { db: opts.db, dataDir: opts.dataDir, asyncDelayMs: 5000 }],
        ['B', { db: opts.db, dataDir: opts.dataDir }],
      ])),
    )
    const [a, b] = started as [ServeProcess, ServeProcess]

    // --- the world, through A; B sees it -------------------------------------------------
    // A's transitions take 5 s: B (300 ms) completes them all, A's included, over PostgreSQL's
    // NOTIFY or SQLite's poll; what A scheduled just before it dies is left to B.
    const vpcId = String((await call(a.api, 'CreateVpc', { CidrBlock: '192.168.0.0/16' }))['VpcId'])
    await until(
      async () =>
        JSON.stringify(await call(b.api, 'DescribeVpcs', { VpcId: vpcId })).includes('"Available"'),
      'VPC',
    )
    const vswitchId = String(
      (
        await call(b.api, 'CreateVSwitch', {
          VpcId: vpcId,
          ZoneId: 'cn-hangzhou-h',
          // Room for every ENI the load creates while deletes are still pending (a /24 ran out
          // once the server got faster).
          CidrBlock: '192.168.16.0/20',
        })
      )['VSwitchId'],
    )
    await until(
      async () =>
        JSON.stringify(await call(a.api, 'DescribeVSwitches', { VSwitchId: vswitchId })).includes(
          '"Available"',
        ),
      'vSwitch',
    )
    const sgId = String(
      (await call(a.api, 'CreateSecurityGroup', { VpcId: vpcId }))['SecurityGroupId'],
    )
    const newEni = async (api: RpcClient, extra: Params = {}) =>
      String(
        (
          await call(api, 'CreateNetworkInterface', {
            VSwitchId: vswitchId,
            SecurityGroupId: sgId,
            ...extra,
          })
        )['NetworkInterfaceId'],
      )
    const target = await newEni(a.api)
    const capEni = await newEni(b.api)

    // --- a replay across replicas is refused, and allocates nothing -----------------------
    const signed = a.api.signedQuery(
      'AssignPrivateIpAddresses',
      { RegionId: REGION, NetworkInterfaceId: capEni, SecondaryPrivateIpAddressCount: 1 },
      'POST',
    )
    assert.deepEqual(await sendRaw(a.url, signed), { status: 200, code: undefined })
    assert.deepEqual(await sendRaw(b.url, signed), { status: 400, code: 'SignatureNonceUsed' })

    // --- caps exact: 16 concurrent single assigns through both replicas on one ENI ----------
    const outcomes = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) =>
        callRetryingConflicts(i % 2 === 0 ? a.api : b.api, 'AssignPrivateIpAddresses', {
          NetworkInterfaceId: capEni,
          SecondaryPrivateIpAddressCount: 1,
        }),
      ),
    )
    const capOk = outcomes.filter((o) => o.status === 'fulfilled').length
    for (const o of outcomes) {
      if (o.status === 'rejected') {
        assert.ok(isRpcError(o.reason), String(o.reason))
        assert.ok(
          ['InvalidOperation.Ipv4CountExceeded', 'OperationConflict'].includes(o.reason.code),
          o.reason.code,
        )
      }
    }
    const capHeld = (await allEnis(a.api)).find((e) => e.NetworkInterfaceId === capEni)!
    assert.equal(capHeld.PrivateIpSets.PrivateIpSet.filter((p) => !p.Primary).length, ENI_CAP)
    assert.equal(capOk, ENI_CAP - 1, 'exactly the cap (one was taken by the replayed request)')

    // --- load through both replicas; kill -9 A half-way ------------------------------------
    const held = new Map<string, string>() // address → lane: acknowledged on `target`, not yet released
    const everAcked = new Set<string>()
    let acknowledgedAssigns = 0
    let duplicates = 0
    const unknownAssigns = new Set<string>() // lanes' in-flight assigns whose outcome we cannot know
    const maybeReleased = new Set<string>() // held addresses whose unassign was cut off by the kill
    let unknownOutcomes = 0
    const created = new Map<string, 'live' | 'deleting'>()
    const unknownEnis = new Set<string>()
    let aDead = false
    const t0 = Date.now()
    const lanes = Array.from({ length: 8 }, async (_, lane) => {
      let i = 0
      while (Date.now() - t0 < opts.loadMs) {
        i++
        const replica = lane % 2 === 0 && !aDead ? a : b
        const mine = [...held].filter(([, l]) => l === String(lane)).map(([ip]) => ip)
        let unassigning: string | undefined
        try {
          if (i % 7 === 0) {
            const id = await newEni(replica.api, { SecondaryPrivateIpAddressCount: 1 })
            created.set(id, 'live')
            try {
              await call(replica.api, 'DeleteNetworkInterface', { NetworkInterfaceId: id })
              created.set(id, 'deleting')
            } catch (e: unknown) {
              if (isRpcError(e)) throw e
              unknownEnis.add(id)
            }
          } else if (mine.length >= 2 || (mine.length > 0 && i % 3 === 0)) {
            const ip = mine[0]!
            unassigning = ip
            await call(replica.api, 'UnassignPrivateIpAddresses', {
              NetworkInterfaceId: target,
              PrivateIpAddress: [ip],
            })
            held.delete(ip)
          } else {
            const got = assignedOf(
              await call(replica.api, 'AssignPrivateIpAddresses', {
                NetworkInterfaceId: target,
                SecondaryPrivateIpAddressCount: 1,
              }),
            )
            for (const ip of got) {
              if (held.has(ip)) duplicates++
              held.set(ip, String(lane))
              everAcked.add(ip)
            }
            acknowledgedAssigns++
          }
        } catch (e: unknown) {
          if (isRpcError(e)) {
            assert.ok(
              e.httpStatus < 500 || e.code === 'ServiceUnavailable',
              `${e.code} ${e.message}`,
            )
            if (e.code === 'ServiceUnavailable') unknownOutcomes++
          } else {
            // The connection to the killed replica broke: the outcome of this call is unknown.
            unknownOutcomes++
            unknownAssigns.add(String(lane))
            // An unassign cut off so may have happened: its address may or may not remain.
            if (unassigning !== undefined) {
              held.delete(unassigning)
              maybeReleased.add(unassigning)
            }
          }
        }
      }
    })
    const leftByA: string[] = []
    const killer = (async () => {
      await new Promise((r) => setTimeout(r, opts.loadMs / 2))
      // A's async delay is long: the deletes it acknowledges now are still pending when it dies.
      for (let k = 0; k < 3; k++) {
        const id = await newEni(a.api)
        await call(a.api, 'DeleteNetworkInterface', { NetworkInterfaceId: id })
        leftByA.push(id)
      }
      await a.kill9()
      aDead = true
    })()
    await Promise.all([...lanes, killer])

    // --- the survivor finishes every pending async operation (A's included) ----------------
    const pendingOps = (await call(b.api, 'DescribeEniplaneOperations', {}))['Operations'] as {
      Operation: { ResourceId: string }[]
    }
    const pending = pendingOps.Operation.filter((o) => leftByA.includes(o.ResourceId)).length
    await until(
      async () => Number((await call(b.api, 'DescribeEniplaneOperations', {}))['TotalCount']) === 0,
      'pending operations to finish',
    )

    // --- what the store holds --------------------------------------------------------------
    const enis = await allEnis(b.api)
    const addresses = enis.flatMap((e) =>
      e.PrivateIpSets.PrivateIpSet.map((p) => p.PrivateIpAddress),
    )
    assert.equal(new Set(addresses).size, addresses.length, 'no address held twice')
    const onTarget = enis
      .find((e) => e.NetworkInterfaceId === target)!
      .PrivateIpSets.PrivateIpSet.filter((p) => !p.Primary)
      .map((p) => p.PrivateIpAddress)
    for (const ip of held.keys())
      assert.ok(onTarget.includes(ip), `acknowledged ${ip} is on the ENI`)
    const extra = onTarget.filter((ip) => !held.has(ip) && !maybeReleased.has(ip))
    // An address not acknowledged as held is either one whose unassign was cut off by the kill
    // or one whose assign was: at most one per lane that saw a broken connection.
    assert.ok(
      extra.length <= unknownOutcomes,
      `unexpected addresses on the ENI: ${extra.join(', ')}`,
    )
    assert.ok(onTarget.length <= ENI_CAP, 'the cap held under load')
    for (const id of leftByA) {
      assert.ok(!enis.some((e) => e.NetworkInterfaceId === id), `${id}, deleted through A, is gone`)
    }
    for (const [id, state] of created) {
      const present = enis.some((e) => e.NetworkInterfaceId === id)
      if (state === 'deleting') assert.equal(present, false, `${id} was deleted`)
      else if (!unknownEnis.has(id)) assert.ok(present || state === 'live', id)
    }
    const vsw = await call(b.api, 'DescribeVSwitches', { VSwitchId: vswitchId })
    const available = (vsw['VSwitches'] as { VSwitch: { AvailableIpAddressCount: number }[] })
      .VSwitch[0]!.AvailableIpAddressCount
    assert.equal(available, 4092 - addresses.length, 'the vSwitch count matches the addresses held')

    // --- a restarted replica still refuses the replay ----------------------------------------
    const a2 = await startServe('A2', { db: opts.db, dataDir: opts.dataDir })
    started.push(a2)
    assert.deepEqual(await sendRaw(a2.url, signed), { status: 400, code: 'SignatureNonceUsed' })
    assert.equal(REPLICA_KEY.id.length > 0, true)
    assert.equal(pending, leftByA.length, "A's acknowledged deletes were pending when it died")
    return { acknowledgedAssigns, duplicates, unknownOutcomes, pendingFinishedBySurvivor: pending }
  } catch (e: unknown) {
    for (const p of started) process.stderr.write(`--- ${p.name} output ---\n${p.output()}\n`)
    throw e
  } finally {
    await Promise.all(started.map((p) => p.stop()))
  }
}
