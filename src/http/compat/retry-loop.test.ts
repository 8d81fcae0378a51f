// A Terway-style client (extensions.md §8.2 step 5: AssignPrivateIpAddresses with a ClientToken,
// retried with back-off on Throttling and Operation.Conflict) against a throttled server with a
// `--faults FILE` rule ends in success with exactly one address; afterwards the events and the
// /metrics counters match the calls it made, one for one.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { RunningServer } from '../../main.js'
import {
  buildCompatWorld,
  REGION,
  secondaryIps,
  type CompatWorld,
} from '../../testing/compat-world.js'
import { AK, popClient, startCompatServer } from '../../testing/sdk-harness.js'

const POST = { method: 'POST' }
const RETRIED = new Set(['Throttling', 'Operation.Conflict', 'InternalError'])

interface Attempt {
  code: string
  requestId: string
}

/** Terway's loop, shortened: same token on every retry, exponential back-off, 8 attempts. */
async function terwayAssign(
  url: string,
  eniId: string,
): Promise<{ ips: string[]; attempts: Attempt[] }> {
  const pop = popClient(url)
  const attempts: Attempt[] = []
  let wait = 40
  for (let i = 0; i < 8; i++) {
    try {
      const r = await pop.request<{
        RequestId: string
        AssignedPrivateIpAddressesSet: { PrivateIpSet: { PrivateIpAddress: string[] } }
      }>(
        'AssignPrivateIpAddresses',
        {
          RegionId: REGION,
          NetworkInterfaceId: eniId,
          SecondaryPrivateIpAddressCount: 1,
          ClientToken: 'terway-token-0001',
        },
        POST,
      )
      attempts.push({ code: 'Success', requestId: r.RequestId })
      return { ips: r.AssignedPrivateIpAddressesSet.PrivateIpSet.PrivateIpAddress, attempts }
    } catch (e: unknown) {
      const err = e as { code: string; data?: { RequestId?: string } }
      attempts.push({ code: err.code, requestId: err.data?.RequestId ?? '' })
      if (!RETRIED.has(err.code)) throw e
      await new Promise((r) => setTimeout(r, wait))
      wait *= 2
    }
  }
  throw new Error(`no success after ${attempts.length} attempts`)
}

function metricValue(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${want}}`))
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1))
}

describe('a Terway-style retry loop against throttling and injected conflicts', () => {
  let server: RunningServer
  let world: CompatWorld
  const dir = mkdtempSync(join(tmpdir(), 'eniplane-retry-'))

  before(async () => {
    const throttle = join(dir, 'throttle.json')
    // One Assign per 100 ms (burst 1): a client that retries at once is throttled.
    writeFileSync(
      throttle,
      JSON.stringify({
        base: 'none',
        limits: { AssignPrivateIpAddresses: { perMinute: 600, burst: 1 } },
      }),
    )
    const faults = join(dir, 'faults.json')
    writeFileSync(
      faults,
      JSON.stringify([
        {
          action: 'AssignPrivateIpAddresses',
          code: 'Operation.Conflict',
          httpStatus: 403,
          times: 2,
        },
      ]),
    )
    server = await startCompatServer({ throttle, faults })
    world = await buildCompatWorld(
      popClient(server.url),
      popClient(server.url, undefined, '2016-04-28'),
    )
  })
  after(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  let attempts: Attempt[] = []

  test('ends in success with exactly one address assigned', async () => {
    const result = await terwayAssign(server.url, world.eniId)
    attempts = result.attempts
    assert.equal(result.ips.length, 1)
    assert.deepEqual(await secondaryIps(popClient(server.url), world.eniId), result.ips)
    const codes = attempts.map((a) => a.code)
    assert.equal(codes.filter((c) => c === 'Operation.Conflict').length, 2, codes.join(','))
    assert.equal(codes.at(-1), 'Success')
    // The token's replay answers the same address and assigns nothing more.
    await new Promise((r) => setTimeout(r, 150))
    const replay = await terwayAssign(server.url, world.eniId)
    assert.deepEqual(replay.ips, result.ips)
    attempts.push(...replay.attempts)
    assert.deepEqual(await secondaryIps(popClient(server.url), world.eniId), result.ips)
  })

  test('events record each attempt: code, outcome, key, source, parameters without secrets', async () => {
    const pop = popClient(server.url)
    const r = await pop.request<{ Events: { Event: Record<string, unknown>[] } }>(
      'EniplaneDescribeEvents',
      { EventAction: 'AssignPrivateIpAddresses' },
      POST,
    )
    const events = r.Events.Event
    assert.deepEqual(
      events.map((e) => [e['Code'], e['EventRequestId']]),
      attempts.map((a) => [a.code, a.requestId]),
    )
    const outcomes = events.map((e) => e['Outcome'])
    assert.deepEqual(
      outcomes,
      attempts.map((a) =>
        a.code === 'Success' ? 'success' : a.code === 'Throttling' ? 'throttled' : 'injected',
      ),
    )
    for (const e of events) {
      assert.equal(e['AccessKeyId'], AK)
      assert.equal(e['SourceIp'], '127.0.0.1')
      const params = e['Parameters'] as Record<string, string>
      assert.equal(params['ClientToken'], 'terway-token-0001')
      for (const secret of ['Signature', 'SignatureNonce', 'AccessKeyId']) {
        assert.equal(params[secret], undefined, `${secret} is not recorded`)
      }
    }
    // By resource: the ENI's create, attach and every assign attempt.
    const byEni = await pop.request<{ Events: { Event: { Action: string }[] } }>(
      'EniplaneDescribeEvents',
      { ResourceId: world.eniId },
      POST,
    )
    assert.deepEqual(
      byEni.Events.Event.map((e) => e.Action),
      [
        'CreateNetworkInterface',
        'AttachNetworkInterface',
        ...attempts.map(() => 'AssignPrivateIpAddresses'),
      ],
    )
    // Since: nothing after now.
    const none = await pop.request<{ Events: { Event: unknown[] } }>(
      'EniplaneDescribeEvents',
      { Since: new Date(Date.now() + 60_000).toISOString() },
      POST,
    )
    assert.deepEqual(none.Events.Event, [])
  })

  test('/metrics counts the same calls by Action and Code, and the gauges are there', async () => {
    const res = await fetch(`${server.url}/metrics`)
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/)
    const text = await res.text()
    const count = (code: string) => attempts.filter((a) => a.code === code).length
    for (const code of ['Success', 'Throttling', 'Operation.Conflict']) {
      assert.equal(
        metricValue(text, 'eniplane_requests_total', { action: 'AssignPrivateIpAddresses', code }),
        count(code),
        code,
      )
    }
    assert.equal(
      metricValue(text, 'eniplane_throttled_total', {
        action: 'AssignPrivateIpAddresses',
        code: 'Throttling',
      }),
      count('Throttling'),
    )
    assert.equal(
      metricValue(text, 'eniplane_faults_injected_total', {
        action: 'AssignPrivateIpAddresses',
        code: 'Operation.Conflict',
      }),
      2,
    )
    assert.equal(
      metricValue(text, 'eniplane_request_duration_seconds_count', {
        action: 'AssignPrivateIpAddresses',
      }),
      attempts.length,
    )
    // 252 usable addresses; the instance's primary, the ENI's primary and one secondary are used.
    assert.equal(
      metricValue(text, 'eniplane_vswitch_free_addresses', { vswitch: world.vswitchId }),
      249,
    )
    assert.match(text, /^eniplane_worker_queue_depth \d+$/m)
    assert.match(text, /^eniplane_worker_oldest_operation_age_seconds [\d.e-]+$/m)
  })
})
