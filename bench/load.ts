// Drives a server with autocannon from this process (the server runs in its own), every RPC
// request signed with V1 and its own nonce, like pop-core sends it.
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { RpcClient } from '../src/client/rpc-client.js'
import type { RpcParams } from '../src/client/flatten-params.js'
import { BENCH_KEY, cpuMs } from './serve-process.js'

export interface LoadResult {
  readonly name: string
  readonly connections: number
  /** completed requests per second */
  readonly rps: number
  readonly p50ms: number
  readonly p99ms: number
  /** non-2xx answers, socket errors and timeouts */
  readonly failures: number
  /** server CPU time (user + system, all replicas) per completed request; robust to a busy machine */
  readonly cpuMsPerCall: number
  /** this process's CPU time (autocannon and the signing) per completed request */
  readonly loadGenMsPerCall: number
  /** the share of the machine's CPU time that was idle during the window (all cores, /proc/stat) */
  readonly idlePercent: number
}

/** The machine's CPU time so far, idle (idle + iowait) and in all, in clock ticks. */
function machineTicks(): { idle: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
    const ticks = line.trim().split(/\s+/).slice(1).map(Number)
    return { idle: (ticks[3] ?? 0) + (ticks[4] ?? 0), total: ticks.reduce((a, b) => a + b, 0) }
  } catch {
    return { idle: Number.NaN, total: Number.NaN }
  }
}

type Request = autocannon.Request

export interface LoadOptions {
  readonly name: string
  /** one URL, or several (replicas): the connections are split evenly between them */
  readonly urls: readonly string[]
  readonly connections: number
  readonly seconds: number
  /** the server processes, for their CPU time */
  readonly pids: readonly number[]
  /** builds one connection's request sequence; called once per URL */
  readonly requests: () => Request[]
  /**
   * Waits, after the window, until each server has answered every request sent to it. A load
   * stops at its deadline with requests still in flight, which the server goes on to finish;
   * the next load must not meet them (a write phase that did would take an ENI whose last
   * call is still running, and be refused Operation.Conflict, as Alibaba refuses it).
   */
  readonly settle?: boolean
}

/** A signer for `url`'s RPC endpoint: `path(action, params)` is `/?…&Signature=…`. */
export function signer(): (action: string, params: RpcParams) => string {
  const client = new RpcClient({
    endpoint: 'http://127.0.0.1',
    accessKeyId: BENCH_KEY.id,
    accessKeySecret: BENCH_KEY.secret,
  })
  return (action, params) =>
    '/?' + client.signedQuery(action, { RegionId: 'cn-hangzhou', ...params }, 'GET')
}

/** A request whose signed path is built afresh (new nonce and timestamp) every time it is sent. */
export function signedGet(
  sign: (action: string, params: RpcParams) => string,
  action: string,
  params: RpcParams | (() => RpcParams),
): Request {
  return {
    method: 'GET',
    setupRequest: (req) => ({
      ...req,
      method: 'GET',
      path: sign(action, typeof params === 'function' ? params() : params),
    }),
  }
}

function run(url: string, connections: number, seconds: number, requests: Request[]) {
  return autocannon({ url, connections, duration: seconds, requests, timeout: 10 })
}

export async function load(opts: LoadOptions): Promise<LoadResult> {
  const n = opts.urls.length
  const cpu = () => opts.pids.reduce((sum, pid) => sum + cpuMs(pid), 0)
  const cpuBefore = cpu()
  const callsBefore = opts.settle === true ? await Promise.all(opts.urls.map(callsAnswered)) : []
  const machineBefore = machineTicks()
  const selfBefore = process.cpuUsage()
  const results = await Promise.all(
    opts.urls.map((url, i) => {
      const share = Math.floor(opts.connections / n) + (i < opts.connections % n ? 1 : 0)
      return run(url, Math.max(1, share), opts.seconds, opts.requests())
    }),
  )
  const self = process.cpuUsage(selfBefore)
  const machine = machineTicks()
  if (opts.settle === true) {
    await Promise.all(
      opts.urls.map((url, i) => settled(url, callsBefore[i]! + results[i]!.requests.sent)),
    )
  }
  let total = 0
  let failures = 0
  let p50 = 0
  let p99 = 0
  for (const r of results) {
    total += r.requests.total
    failures += r.non2xx + r.errors + r.timeouts
    // Replicas run side by side for the same window: the slower one's percentile is reported.
    p50 = Math.max(p50, r.latency.p50)
    p99 = Math.max(p99, r.latency.p99)
  }
  const seconds = Math.max(...results.map((r) => r.duration))
  const cpuMsPerCall = total > 0 ? (cpu() - cpuBefore) / total : Number.NaN
  return {
    name: opts.name,
    connections: opts.connections,
    rps: Math.round(total / seconds),
    p50ms: p50,
    p99ms: p99,
    failures,
    cpuMsPerCall: Number(cpuMsPerCall.toFixed(3)),
    loadGenMsPerCall: Number(((self.user + self.system) / 1000 / Math.max(1, total)).toFixed(3)),
    idlePercent: Math.round(
      (100 * (machine.idle - machineBefore.idle)) / (machine.total - machineBefore.total),
    ),
  }
}

/** API calls `url` has answered so far (`eniplane_requests_total`, every Action and Code). */
async function callsAnswered(url: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', url))).text()
  let n = 0
  for (const line of text.split('\n')) {
    if (line.startsWith('eniplane_requests_total{')) n += Number(line.slice(line.lastIndexOf(' ')))
  }
  return n
}

/** Until `url` has answered `calls` API calls, or 10 s have passed (then it says so). */
async function settled(url: string, calls: number): Promise<void> {
  const deadline = Date.now() + 10_000
  while ((await callsAnswered(url)) < calls) {
    if (Date.now() > deadline) {
      console.warn(`  (${url} still had calls in flight 10 s after the load ended)`)
      return
    }
    await new Promise((r) => setTimeout(r, 10))
  }
}
