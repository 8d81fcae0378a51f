// One `eniplane serve` as its own process, as a user runs it (`bin/eniplane.js` of `root`), with
// the benchmark's settings (src/testing/serve-process.ts spawns it), and its CPU time.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServe as spawnServe } from '../src/testing/serve-process.js'

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

export async function startServe(opts: ServeOptions, timeoutMs = 60_000): Promise<ServeProcess> {
  return spawnServe({
    name: 'bench serve',
    db: opts.db,
    cwd: opts.cwd,
    key: BENCH_KEY,
    bin: join(opts.root, 'bin', 'eniplane.js'),
    nodeArgs: opts.nodeArgs,
    timeoutMs,
    serveArgs: [
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
    ],
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
