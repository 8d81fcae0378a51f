// One `eniplane serve` as its own process, as a user runs it (`bin/eniplane.js` of `root`), and
// the time from spawn until it answers /healthz.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { get } from 'node:http'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

export const BENCH_KEY = { id: 'LTAIbenchbenchbench01', secret: 'bench-secret-bench-secret-0001' }

export interface ServeOptions {
  /** project root whose `bin/eniplane.js` runs (default: this checkout) */
  readonly root: string
  /** SQLite file or postgres:// URL */
  readonly db: string
  /** working directory of the process */
  readonly cwd: string
  readonly synchronous?: 'full' | 'normal' | undefined
  /** extra `node` flags, e.g. `--cpu-prof` */
  readonly nodeArgs?: readonly string[] | undefined
  /** extra `serve` options, e.g. `--throttle FILE` */
  readonly serveArgs?: readonly string[] | undefined
}

export interface ServeProcess {
  readonly url: string
  readonly pid: number
  /** spawn → first 200 from /healthz */
  readonly readyMs: number
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      const port = typeof address === 'object' && address ? address.port : 0
      s.close(() => resolve(port))
    })
  })
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(`${url}/healthz`, (res) => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.once('error', () => resolve(false))
    req.setTimeout(1000, () => req.destroy())
  })
}

export async function startServe(opts: ServeOptions, timeoutMs = 60_000): Promise<ServeProcess> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const args = [
    ...(opts.nodeArgs ?? []),
    join(opts.root, 'bin', 'eniplane.js'),
    'serve',
    '--port',
    String(port),
    '--db',
    opts.db,
    '--async-delay-ms',
    '0',
    '--quota-profile',
    'current',
    '--enis-per-region',
    '1000000',
    '--log-level',
    'silent',
    '--sqlite-synchronous',
    opts.synchronous ?? 'full',
    ...(opts.serveArgs ?? []),
  ]
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd,
    env: {
      ...process.env,
      ENIPLANE_ACCESS_KEY_ID: BENCH_KEY.id,
      ENIPLANE_ACCESS_KEY_SECRET: BENCH_KEY.secret,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  let exited = false
  child.once('exit', () => (exited = true))
  while (!(await healthy(url))) {
    if (exited) throw new Error(`serve exited before it was ready (${args.join(' ')})`)
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL')
      throw new Error('serve was not ready in time')
    }
    await new Promise((r) => setTimeout(r, 5))
  }
  const readyMs = performance.now() - started
  return { url, pid: child.pid ?? 0, readyMs, stop: () => stop(child) }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGINT')
  })
}

/** CPU time (user + system) the process `pid` has used so far, in ms (Linux /proc). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // fields[11], [12]: utime, stime in clock ticks (USER_HZ, 100 on Linux)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return Number.NaN
  }
}
