// `node --import tsx bench/profile.ts [--seconds N] [--connections C] [--synchronous full|normal]`:
// one `serve` under --cpu-prof driven by Assign+Unassign pairs; the profile lands in ./profiles/.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { assignUnassignPairs } from './http-phases.js'
import { startServe } from './serve-process.js'
import { createEnis, createNetwork } from './world.js'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '8' },
    synchronous: { type: 'string', default: 'full' },
  },
})
const root = fileURLToPath(new URL('..', import.meta.url))
const out = resolve('profiles')
mkdirSync(out, { recursive: true })
const dir = mkdtempSync(join(tmpdir(), 'eniplane-profile-'))
const serve = await startServe({
  root,
  db: join(dir, 'bench.db'),
  cwd: dir,
  synchronous: values.synchronous === 'normal' ? 'normal' : 'full',
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${out}`],
})
try {
  const net = await createNetwork(serve.url, ['10.1.0.0/16'])
  const enis = await createEnis(serve.url, net.vswitchIds[0]!, net.securityGroupId, 40)
  const r = await assignUnassignPairs(
    { urls: [serve.url], pids: [serve.pid], seconds: Number(values.seconds) },
    Number(values.connections),
    enis,
  )
  console.log(r)
} finally {
  await serve.stop()
  rmSync(dir, { recursive: true, force: true })
}
console.log(`profile written to ${out}`)
