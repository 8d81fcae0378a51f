// One `eniplane serve` as its own process, as a user runs it (`bin/eniplane.js`, the compiled
// dist/), on a free 127.0.0.1 port with a known bootstrap AccessKey: for the replica tests, the
// e2e tests and the benchmark. Ready when /healthz answers 200 (the time it took is kept);
// stopped by SIGTERM, or killed with SIGKILL (kill -9) mid-load. Output is kept for failures.
import { spawn, type ChildProcess } from 'node:child_process'
import { get } from 'node:http'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'

const BIN = fileURLToPath(new URL('../../bin/eniplane.js', import.meta.url))

export interface AccessKeyPair {
  readonly id: string
  readonly secret: string
}

export interface ServeOptions {
  /** SQLite file or postgres:// URL */
  readonly db: string
  /** working directory (the data directory lives under it) */
  readonly cwd: string
  /** the bootstrap account's AccessKey (ENIPLANE_ACCESS_KEY_ID/SECRET) */
  readonly key: AccessKeyPair
  /** more `serve` options, after `--port` and `--db` */
  readonly serveArgs?: readonly string[] | undefined
  /** `node` flags before the script, e.g. `--cpu-prof` */
  readonly nodeArgs?: readonly string[] | undefined
  /** another checkout's bin/eniplane.js (the benchmark compares commits) */
  readonly bin?: string | undefined
  readonly port?: number | undefined
  /** for messages */
  readonly name?: string | undefined
  readonly timeoutMs?: number | undefined
}

export interface ServeProcess {
  readonly name: string
  readonly url: string
  readonly pid: number
  readonly child: ChildProcess
  /** spawn → first 200 from /healthz, in ms */
  readonly readyMs: number
  /** what the process printed so far (stdout and stderr) */
  output(): string
  kill9(): Promise<void>
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

/** Serves this process started and that still run: stopped with it (see reapOnExit). */
const live = new Set<ChildProcess>()

/**
 * A serve outlives the process that spawned it unless that process stops it: a test file killed
 * at its timeout, or a bench stopped with Ctrl-C, would leave its serves running (and holding
 * ports and databases). So this process's exit, SIGINT or SIGTERM kills the serves it started
 * (SIGKILL: it is going away), and a signal is then raised again to end it as it would have.
 */
function reapOnExit(child: ChildProcess): void {
  if (!reaping) {
    reaping = true
    process.once('exit', killLive)
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        killLive()
        process.kill(process.pid, signal)
      })
    }
  }
  live.add(child)
  child.once('exit', () => live.delete(child))
}
let reaping = false

function killLive(): void {
  for (const child of live) child.kill('SIGKILL')
}

export async function startServe(opts: ServeOptions): Promise<ServeProcess> {
  const name = opts.name ?? 'serve'
  const port = opts.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const args = [
    ...(opts.nodeArgs ?? []),
    opts.bin ?? BIN,
    'serve',
    '--port',
    String(port),
    '--db',
    opts.db,
    ...(opts.serveArgs ?? []),
  ]
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd,
    env: {
      ...process.env,
      ENIPLANE_ACCESS_KEY_ID: opts.key.id,
      ENIPLANE_ACCESS_KEY_SECRET: opts.key.secret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  reapOnExit(child)
  let out = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const timeoutMs = opts.timeoutMs ?? 60_000
  while (!(await healthy(url))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited before it was ready (${args.join(' ')}):\n${out}`)
    }
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL')
      throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 5))
  }
  const readyMs = performance.now() - started
  const gone = () => child.exitCode !== null || child.signalCode !== null
  return {
    name,
    url,
    pid: child.pid ?? 0,
    child,
    readyMs,
    output: () => out,
    async kill9() {
      if (!gone()) child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (!gone()) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}
