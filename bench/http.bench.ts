// HTTP figures on SQLite: a signed no-op floor on the same server, then signed
// AssignPrivateIpAddresses (count 1) and UnassignPrivateIpAddresses at concurrency 1, 8, 32.
// Each phase is bounded by a request count and a time budget.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { RpcClient } from '../src/client/rpc-client.js'
import { DEFAULT_SERVER_CONFIG } from '../src/config/server-config.js'
import { startServer } from '../src/main.js'

const KEY = { id: 'LTAIbenchbenchbench01', secret: 'bench-secret-bench-secret-0001' }

interface Phase {
  name: string
  concurrency: number
  requests: number
  seconds: number
  rps: number
  p50ms: number
  p99ms: number
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
}

async function phase(
  name: string,
  concurrency: number,
  maxRequests: number,
  budgetMs: number,
  op: (lane: number, i: number) => Promise<void>,
): Promise<Phase> {
  const latencies: number[] = []
  const started = performance.now()
  let issued = 0
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      while (issued < maxRequests && performance.now() - started < budgetMs) {
        const i = issued++
        const t0 = performance.now()
        await op(lane, i)
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    name,
    concurrency,
    requests: latencies.length,
    seconds: Number(seconds.toFixed(2)),
    rps: Math.round(latencies.length / seconds),
    p50ms: Number(quantile(latencies, 0.5).toFixed(2)),
    p99ms: Number(quantile(latencies, 0.99).toFixed(2)),
  }
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export async function benchHttp(opts: { synchronous?: 'full' | 'normal' } = {}): Promise<Phase[]> {
  const dir = mkdtempSync(join(tmpdir(), 'eniplane-bench-'))
  const server = await startServer(
    {
      ...DEFAULT_SERVER_CONFIG,
      port: 0,
      db: join(dir, 'bench.db'),
      dataDir: dir,
      asyncDelayMs: 0,
      quotaProfile: 'current',
      logLevel: 'silent',
      sqliteSynchronous: opts.synchronous ?? 'full',
    },
    { ENIPLANE_ACCESS_KEY_ID: KEY.id, ENIPLANE_ACCESS_KEY_SECRET: KEY.secret },
    () => undefined,
  )
  try {
    const client = new RpcClient({
      endpoint: server.url,
      accessKeyId: KEY.id,
      accessKeySecret: KEY.secret,
    })
    const call = (action: string, params: Record<string, string | number | string[]>) =>
      client.call(action, { RegionId: 'cn-hangzhou', ...params })
    const vpc = await call('CreateVpc', { CidrBlock: '10.0.0.0/8' })
    const vpcId = String(vpc['VpcId'])
    await waitFor(async () => {
      const r = await call('DescribeVpcs', { VpcId: vpcId })
      return JSON.stringify(r).includes('"Status":"Available"')
    }, 'VPC')
    const vsw = await call('CreateVSwitch', {
      VpcId: vpcId,
      ZoneId: 'cn-hangzhou-h',
      CidrBlock: '10.1.0.0/16',
    })
    const vswitchId = String(vsw['VSwitchId'])
    await waitFor(async () => {
      const r = await call('DescribeVSwitches', { VSwitchId: vswitchId })
      return JSON.stringify(r).includes('"Status":"Available"')
    }, 'vSwitch')
    const sg = await call('CreateSecurityGroup', { VpcId: vpcId })
    const enis: string[] = []
    for (let i = 0; i < 32; i++) {
      const eni = await call('CreateNetworkInterface', {
        VSwitchId: vswitchId,
        SecurityGroupId: String(sg['SecurityGroupId']),
      })
      enis.push(String(eni['NetworkInterfaceId']))
    }
    const held: string[][] = enis.map(() => [])
    const results: Phase[] = []
    for (const c of [1, 8, 32]) {
      const n = c === 1 ? 600 : 3000
      results.push(
        await phase('noop', c, n, 5000, async () => {
          await client.call('EniplaneNoOp', {})
        }),
      )
      results.push(
        await phase('assign', c, n, 5000, async (lane) => {
          const eni = enis[lane]!
          const r = await call('AssignPrivateIpAddresses', {
            NetworkInterfaceId: eni,
            SecondaryPrivateIpAddressCount: 1,
          })
          const set = r['AssignedPrivateIpAddressesSet'] as {
            PrivateIpSet: { PrivateIpAddress: string[] }
          }
          held[lane]!.push(...set.PrivateIpSet.PrivateIpAddress)
          if (held[lane]!.length >= 40) {
            await call('UnassignPrivateIpAddresses', {
              NetworkInterfaceId: eni,
              PrivateIpAddress: held[lane]!.splice(0, 10),
            })
          }
        }),
      )
      results.push(
        await phase('unassign', c, n, 5000, async (lane) => {
          const eni = enis[lane]!
          if (held[lane]!.length === 0) {
            const r = await call('AssignPrivateIpAddresses', {
              NetworkInterfaceId: eni,
              SecondaryPrivateIpAddressCount: 10,
            })
            const set = r['AssignedPrivateIpAddressesSet'] as {
              PrivateIpSet: { PrivateIpAddress: string[] }
            }
            held[lane]!.push(...set.PrivateIpSet.PrivateIpAddress)
            return
          }
          await call('UnassignPrivateIpAddresses', {
            NetworkInterfaceId: eni,
            PrivateIpAddress: [held[lane]!.pop()!],
          })
        }),
      )
    }
    return results
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
