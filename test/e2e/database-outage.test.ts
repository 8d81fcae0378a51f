// Issue 13: the database going away under load. Two real `serve` replicas on a private
// PostgreSQL cluster (its own port; the shared server is never touched) take concurrent
// assigns and unassigns of address pairs on one ENI; the cluster is crashed (immediate stop)
// mid-load and started again. While it is away every call answers ServiceUnavailable (503) or
// succeeds, never 500; each replica recovers by itself; every acknowledged change is present and
// nothing is half-done (pairs stay pairs).
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { isRpcError } from '../../src/client/rpc-error.js'
import { postgresBinDir, startPrivatePostgres } from './support/private-postgres.js'
import { startServes, type ServeProcess } from './support/serve-process.js'

const REGION = 'cn-hangzhou'
const bin = postgresBinDir()

test(
  'PostgreSQL crashes and comes back under load: 503 meanwhile, nothing lost or half-done',
  {
    timeout: 240_000,
    skip: bin === undefined && process.env['CI'] !== 'true' ? 'no PostgreSQL binaries' : false,
  },
  async (t) => {
    assert.ok(bin, 'PostgreSQL server binaries (initdb, pg_ctl) are required under CI=true')
    const cluster = await startPrivatePostgres(bin)
    const dir = mkdtempSync(join(tmpdir(), 'eniplane-outage-'))
    const started: ServeProcess[] = []
    try {
      started.push(
        ...(await startServes([
          ['A', { db: cluster.url, dataDir: dir }],
          ['B', { db: cluster.url, dataDir: dir }],
        ])),
      )
      const [a, b] = started as [ServeProcess, ServeProcess]
      const call = (
        p: ServeProcess,
        action: string,
        params: Record<string, string | number | string[]>,
      ) => p.api.call(action, { RegionId: REGION, ...params })
      const until = async (check: () => Promise<boolean>, what: string) => {
        const deadline = Date.now() + 30_000
        while (!(await check())) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
          await new Promise((r) => setTimeout(r, 50))
        }
      }
      const vpcId = String((await call(a, 'CreateVpc', { CidrBlock: '192.168.0.0/16' }))['VpcId'])
      await until(
        async () =>
          JSON.stringify(await call(b, 'DescribeVpcs', { VpcId: vpcId })).includes('"Available"'),
        'VPC',
      )
      const vswitchId = String(
        (
          await call(a, 'CreateVSwitch', {
            VpcId: vpcId,
            ZoneId: 'cn-hangzhou-h',
            CidrBlock: '192.168.1.0/24',
          })
        )['VSwitchId'],
      )
      await until(
        async () =>
          JSON.stringify(await call(b, 'DescribeVSwitches', { VSwitchId: vswitchId })).includes(
            '"Available"',
          ),
        'vSwitch',
      )
      const sgId = String(
        (await call(b, 'CreateSecurityGroup', { VpcId: vpcId }))['SecurityGroupId'],
      )
      const eni = String(
        (await call(a, 'CreateNetworkInterface', { VSwitchId: vswitchId, SecurityGroupId: sgId }))[
          'NetworkInterfaceId'
        ],
      )

      const held = new Map<string, string[]>() // lane → its acknowledged pair
      // Lanes whose last unassign answered 503: the database may have committed it before it went
      // away (the client cannot know), so a retry refused with IpUnassigned means it did.
      const uncertain = new Set<string>()
      let retriesFoundDone = 0
      const codes = new Map<string, number>()
      const successAfterRestart = new Map<string, number>([
        ['A', 0],
        ['B', 0],
      ])
      let phase: 'before' | 'away' | 'back' = 'before'
      let stop = false
      const lanes = Array.from({ length: 6 }, async (_, lane) => {
        const p = lane % 2 === 0 ? a : b
        while (!stop) {
          const mine = held.get(String(lane))
          try {
            if (mine === undefined) {
              const r = await call(p, 'AssignPrivateIpAddresses', {
                NetworkInterfaceId: eni,
                SecondaryPrivateIpAddressCount: 2,
              })
              const set = r['AssignedPrivateIpAddressesSet'] as {
                PrivateIpSet: { PrivateIpAddress: string[] }
              }
              held.set(String(lane), set.PrivateIpSet.PrivateIpAddress)
            } else {
              await call(p, 'UnassignPrivateIpAddresses', {
                NetworkInterfaceId: eni,
                PrivateIpAddress: mine,
              })
              held.delete(String(lane))
              uncertain.delete(String(lane))
            }
            if (phase === 'back')
              successAfterRestart.set(p.name, (successAfterRestart.get(p.name) ?? 0) + 1)
          } catch (e: unknown) {
            const code = isRpcError(e) ? `${e.httpStatus} ${e.code}` : `network ${String(e)}`
            codes.set(`${phase} ${code}`, (codes.get(`${phase} ${code}`) ?? 0) + 1)
            if (!isRpcError(e) || e.httpStatus >= 500) await new Promise((r) => setTimeout(r, 50))
            // An unknown outcome (the database went away mid-call): learn the truth afterwards.
            if (isRpcError(e) && e.code === 'ServiceUnavailable') {
              held.set(`unknown ${lane} ${Date.now()}`, mine ?? [])
              if (mine !== undefined) uncertain.add(String(lane))
            }
            // The unassign that answered 503 had been committed: the pair is gone, as asked.
            if (
              isRpcError(e) &&
              e.code === 'InvalidIp.IpUnassigned' &&
              uncertain.has(String(lane))
            ) {
              held.delete(String(lane))
              uncertain.delete(String(lane))
              retriesFoundDone++
            }
          }
        }
      })
      await new Promise((r) => setTimeout(r, 1500))
      phase = 'away'
      cluster.crash()
      await new Promise((r) => setTimeout(r, 2000))
      cluster.start()
      phase = 'back'
      await until(
        async () => [...successAfterRestart.values()].every((n) => n >= 3),
        'both replicas to serve again',
      )
      stop = true
      await Promise.all(lanes)

      t.diagnostic(JSON.stringify({ ...Object.fromEntries(codes), retriesFoundDone }))
      const errors = [...codes.keys()]
      assert.ok(
        errors.some((c) => c.startsWith('away 503 ServiceUnavailable')),
        'calls met the outage',
      )
      for (const c of errors) {
        assert.match(c, /^(before|away|back) (503 ServiceUnavailable|4\d\d [A-Za-z0-9.]+)$/, c)
      }
      for (const p of started) assert.equal(p.child.exitCode, null, `${p.name} is still running`)

      // Every acknowledged pair is present; nothing half-done: the ENI holds whole pairs only.
      const r = await call(b, 'DescribeNetworkInterfaceAttribute', { NetworkInterfaceId: eni })
      const secondaries = (
        r['PrivateIpSets'] as { PrivateIpSet: { PrivateIpAddress: string; Primary: boolean }[] }
      ).PrivateIpSet.filter((x) => !x.Primary).map((x) => x.PrivateIpAddress)
      for (const [lane, pair] of held) {
        if (lane.startsWith('unknown')) continue
        for (const ip of pair) assert.ok(secondaries.includes(ip), `acknowledged ${ip} is present`)
      }
      assert.equal(secondaries.length % 2, 0, `whole pairs only: ${secondaries.join(', ')}`)
      assert.equal(new Set(secondaries).size, secondaries.length)
    } catch (e: unknown) {
      for (const p of started) process.stderr.write(`--- ${p.name} output ---\n${p.output()}\n`)
      throw e
    } finally {
      await Promise.all(started.map((p) => p.stop()))
      cluster.destroy()
      rmSync(dir, { recursive: true, force: true })
    }
  },
)
