// Throttling and fault checks cost the hot path little (issue 10): two `serve` processes in the
// same run, one `--throttle off`, one `--throttle FILE` shaped like `default` with every limit
// raised ×1000 (so nothing is refused) plus a fault rule that never matches; assign+unassign pairs
// are driven against each in alternating rounds, and the median throughputs are compared.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assignUnassignPairs } from './http-phases.js'
import type { LoadResult } from './load.js'
import { startServe, type ServeProcess } from './serve-process.js'
import { createEnis, createNetwork } from './world.js'

export interface ThrottleComparison {
  readonly off: LoadResult
  readonly on: LoadResult
  /** on / off throughput */
  readonly ratio: number
}

const median = (xs: LoadResult[]): LoadResult => {
  const sorted = [...xs].sort((a, b) => a.rps - b.rps)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function world(s: ServeProcess, connections: number): Promise<string[]> {
  const net = await createNetwork(s.url, ['10.1.0.0/16'])
  return createEnis(s.url, net.vswitchIds[0]!, net.securityGroupId, connections)
}

export async function compareThrottle(opts: {
  root: string
  seconds: number
  connections: number
  rounds?: number
}): Promise<ThrottleComparison> {
  const dir = mkdtempSync(join(tmpdir(), 'eniplane-bench-throttle-'))
  const throttle = join(dir, 'throttle.json')
  writeFileSync(throttle, JSON.stringify({ base: 'default', scale: 1000 }))
  const faults = join(dir, 'faults.json')
  writeFileSync(faults, JSON.stringify([{ action: 'DeleteVpc', code: 'InternalError' }]))
  const serves: ServeProcess[] = []
  try {
    const common = { root: opts.root, cwd: dir, synchronous: 'normal' as const }
    const off = await startServe({
      ...common,
      db: join(dir, 'off.db'),
      serveArgs: ['--throttle', 'off'],
    })
    serves.push(off)
    const on = await startServe({
      ...common,
      db: join(dir, 'on.db'),
      serveArgs: ['--throttle', throttle, '--faults', faults],
    })
    serves.push(on)
    const enisOff = await world(off, opts.connections)
    const enisOn = await world(on, opts.connections)
    const run = (s: ServeProcess, enis: string[], seconds: number) =>
      assignUnassignPairs({ urls: [s.url], pids: [s.pid], seconds }, opts.connections, enis)
    await run(off, enisOff, 1)
    await run(on, enisOn, 1)
    const offs: LoadResult[] = []
    const ons: LoadResult[] = []
    for (let i = 0; i < (opts.rounds ?? 3); i++) {
      // Alternate the order so drift (thermal, other load) falls on both sides.
      if (i % 2 === 0) {
        offs.push(await run(off, enisOff, opts.seconds))
        ons.push(await run(on, enisOn, opts.seconds))
      } else {
        ons.push(await run(on, enisOn, opts.seconds))
        offs.push(await run(off, enisOff, opts.seconds))
      }
    }
    const failures = ons.reduce((n, r) => n + r.failures, 0)
    if (failures > 0) throw new Error(`${failures} calls failed with raised limits (throttled?)`)
    const m = { off: median(offs), on: median(ons) }
    return { ...m, ratio: m.on.rps / m.off.rps }
  } finally {
    for (const s of serves) await s.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
