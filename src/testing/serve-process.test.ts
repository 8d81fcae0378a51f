// The serves a process starts end with it: a test file killed at its timeout, or a bench stopped
// with Ctrl-C, leaves no `serve` running. A real parent process starts a real serve, is sent the
// signal, and the serve's pid must be gone.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'

const dir = mkdtempSync(join(tmpdir(), 'eniplane-reap-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const PARENT = `
const { startServe } = await import(${JSON.stringify(new URL('./serve-process.ts', import.meta.url).href)})
const s = await startServe({ db: ':memory:', cwd: ${JSON.stringify(dir)}, key: { id: 'LTAIreapreapreap01', secret: 'reap-secret' } })
console.log(s.pid)
setInterval(() => undefined, 1000)
`

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function servePidOfSignalledParent(signal: NodeJS.Signals): Promise<number> {
  const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PARENT], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    parent.once('exit', (_code, s) => resolve(s)),
  )
  const pid = await new Promise<number>((resolve, reject) => {
    let out = ''
    parent.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const line = /^(\d+)\n/.exec(out)
      if (line) resolve(Number(line[1]))
    })
    parent.once('exit', () => reject(new Error(`the parent exited first: ${out}`)))
  })
  assert.ok(alive(pid), 'the serve runs while its parent does')
  parent.kill(signal)
  assert.equal(await exited, signal, 'the parent still ends by the signal')
  return pid
}

async function gone(pid: number): Promise<boolean> {
  const deadline = Date.now() + 5000
  while (alive(pid)) {
    if (Date.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 20))
  }
  return true
}

describe('serves started by startServe', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`end when their parent gets ${signal}`, async () => {
      const pid = await servePidOfSignalledParent(signal)
      assert.ok(await gone(pid), `serve ${pid} outlived its parent`)
    })
  }
})
