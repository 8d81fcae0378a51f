// `eniplane agent`: the in-guest reconcile loop (spec/guest-os.md §15) — metadata → `ip`.
import { execIpRunner } from '../../guest/agent/ip-commands.js'
import { DEFAULT_METADATA_URL, MetadataClient } from '../../guest/agent/metadata-client.js'
import { PERSIST_OS } from '../../guest/agent/persist.js'
import { runLoop, runOnce } from '../../guest/agent/run-agent.js'
import type { AgentOptions } from '../../guest/agent/run-agent.js'
import { DEFAULT_STATE_FILE } from '../../guest/agent/state-file.js'
import type { GuestOs } from '../../guest/render/index.js'
import { HELP_OPTION, parseCommand } from '../parse-command.js'

const HELP = `Usage: eniplane agent [--metadata URL] [--once] [--interval S] [--persist OS] [--root DIR]
                      [--state FILE] [--confirm-reads N] [--confirm-delay-ms MS]

Keeps this guest's secondary private IPs in step with the instance metadata service: adds the
addresses listed for each attached ENI (matched by MAC), removes only addresses it added itself
once they are missing from N consecutive good reads, never touches a primary address, and sets
source-based policy routing (table 1000+N, priority 20000+N) for secondary ENIs. Needs root.
  --metadata URL       default ${DEFAULT_METADATA_URL}
  --once               reconcile and exit (re-reads to confirm a pending removal)
  --interval S         seconds between passes in loop mode (default 60)
  --persist OS         also write the OS config files: ${PERSIST_OS.join('|')}
  --root DIR           where --persist writes (default /)
  --state FILE         ownership ledger (default ${DEFAULT_STATE_FILE})
  --confirm-reads N    good reads an address must be missing before removal (default 2)
  --confirm-delay-ms   pause between the confirming reads of --once (default 1000)
Exit status with --once: 0 converged, 1 a read or an action failed, 2 bad usage.`

function int(text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback
  const n = Number(text)
  return Number.isInteger(n) && n >= min && n <= max ? n : NaN
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    {
      args: argv,
      options: {
        ...HELP_OPTION,
        metadata: { type: 'string' },
        once: { type: 'boolean' },
        interval: { type: 'string' },
        persist: { type: 'string' },
        root: { type: 'string' },
        state: { type: 'string' },
        'confirm-reads': { type: 'string' },
        'confirm-delay-ms': { type: 'string' },
      },
    },
    HELP,
  )
  if (typeof parsed === 'number') return parsed
  const { values } = parsed
  const interval = int(values.interval, 60, 1, 86_400)
  const confirmReads = int(values['confirm-reads'], 2, 1, 10)
  const confirmDelayMs = int(values['confirm-delay-ms'], 1000, 0, 600_000)
  const persist = values.persist
  if (
    [interval, confirmReads, confirmDelayMs].some(Number.isNaN) ||
    (persist !== undefined && !PERSIST_OS.some((os) => os === persist))
  ) {
    console.error(HELP)
    return 2
  }
  const log = (line: string) => console.log(`${new Date().toISOString()} eniplane-agent: ${line}`)
  const opts: AgentOptions = {
    metadata: new MetadataClient({ baseUrl: values.metadata ?? DEFAULT_METADATA_URL }),
    ip: execIpRunner(),
    statePath: values.state ?? DEFAULT_STATE_FILE,
    log,
    persist:
      persist === undefined ? undefined : { os: persist as GuestOs, root: values.root ?? '/' },
    confirmReads,
    confirmDelayMs,
  }
  if (values.once === true) return (await runOnce(opts)) ? 0 : 1
  const stop = new AbortController()
  const onSignal = () => stop.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    await runLoop({ ...opts, intervalMs: interval * 1000 }, stop.signal)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  return 0
}
