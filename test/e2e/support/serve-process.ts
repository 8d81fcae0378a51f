// Real `eniplane serve` processes for the replica tests: each its own Node process (bin/eniplane.js),
// on a free 127.0.0.1 port, with a known bootstrap AccessKey; stopped by SIGTERM or killed with
// SIGKILL (kill -9) mid-load. Output is kept for the failure message.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { RpcClient } from '../../../src/client/rpc-client.js'

export const REPLICA_KEY = { id: 'LTAIreplicareplica01', secret: 'replica-secret-replica-secret-1' }
const BIN = fileURLToPath(new URL('../../../bin/eniplane.js', import.meta.url))

export interface ServeProcess {
  readonly name: string
  readonly url: string
  readonly api: RpcClient
  readonly child: ChildProcess
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

export async function startServe(
  name: string,
  opts: { db: string; dataDir: string; asyncDelayMs?: number; port?: number },
): Promise<ServeProcess> {
  const port = opts.port ?? (await freePort())
  const child = spawn(
    process.execPath,
    [
      BIN,
      'serve',
      '--port',
      String(port),
      '--db',
      opts.db,
      '--async-delay-ms',
      String(opts.asyncDelayMs ?? 300),
      '--log-level',
      'error',
    ],
    {
      cwd: opts.dataDir,
      env: {
        ...process.env,
        ENIPLANE_ACCESS_KEY_ID: REPLICA_KEY.id,
        ENIPLANE_ACCESS_KEY_SECRET: REPLICA_KEY.secret,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()))
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited early:\n${out}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${name} did not start:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  const api = new RpcClient({
    endpoint: url,
    accessKeyId: REPLICA_KEY.id,
    accessKeySecret: REPLICA_KEY.secret,
  })
  return {
    name,
    url,
    api,
    child,
    output: () => out,
    async kill9() {
      child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}
