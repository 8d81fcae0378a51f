// The agent's outer loop: one pass under the host lock with the ledger loaded and saved around
// it; `once` runs until nothing waits for confirmation (bounded by confirmReads passes), the
// loop mode re-reads every interval with jitter until stopped (spec/guest-os.md §15.1).
import type { IpRunner } from './ip-commands.js'
import type { MetadataClient } from './metadata-client.js'
import type { PersistTarget } from './persist.js'
import type { PassResult } from './reconcile.js'
import { reconcilePass } from './reconcile.js'
import { acquireLock, loadLedger, saveLedger } from './state-file.js'

export interface AgentOptions {
  readonly metadata: MetadataClient
  readonly ip: IpRunner
  readonly statePath: string
  readonly log: (line: string) => void
  readonly persist?: PersistTarget | undefined
  readonly confirmReads?: number
  /** pause between the passes of `once` that confirm a removal */
  readonly confirmDelayMs?: number
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

/** One locked pass; undefined when another run holds the lock. */
export async function lockedPass(opts: AgentOptions): Promise<PassResult | undefined> {
  const release = await acquireLock(opts.statePath)
  if (release === undefined) {
    opts.log(`another agent run holds ${opts.statePath}.lock; skipped`)
    return undefined
  }
  try {
    const ledger = await loadLedger(opts.statePath, opts.log)
    const result = await reconcilePass(
      {
        metadata: opts.metadata,
        ip: opts.ip,
        log: opts.log,
        persist: opts.persist,
        confirmReads: opts.confirmReads ?? 2,
      },
      ledger,
    )
    if (result.ok) await saveLedger(opts.statePath, result.ledger)
    return result
  } finally {
    await release()
  }
}

/**
 * `--once`: passes until no removal waits for confirmation, at most `confirmReads` of them.
 * Resolves true when the last pass read metadata and the kernel and every action succeeded.
 */
export async function runOnce(opts: AgentOptions): Promise<boolean> {
  const sleep = opts.sleep ?? abortableSleep
  const passes = Math.max(1, opts.confirmReads ?? 2)
  for (let i = 1; ; i++) {
    const result = await lockedPass(opts)
    if (result === undefined || !result.ok) return false
    if (result.pending === 0 || i >= passes) return result.failed === 0
    await sleep(opts.confirmDelayMs ?? 1000)
  }
}

/** Loop mode: a pass every `intervalMs` (± 10 % jitter) until `signal` aborts. */
export async function runLoop(
  opts: AgentOptions & { readonly intervalMs: number; readonly random?: () => number },
  signal: AbortSignal,
): Promise<void> {
  const sleep = opts.sleep ?? abortableSleep
  const random = opts.random ?? Math.random
  while (!signal.aborted) {
    try {
      await lockedPass(opts)
    } catch (e: unknown) {
      opts.log(`pass failed: ${e instanceof Error ? e.message : String(e)}`)
    }
    const jitter = opts.intervalMs * 0.1 * (random() * 2 - 1)
    await sleep(Math.max(0, Math.round(opts.intervalMs + jitter)), signal)
  }
}
