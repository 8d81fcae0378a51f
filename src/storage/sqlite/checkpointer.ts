// WAL checkpoints off the event loop. SQLite's own (automatic) checkpoint runs inside the COMMIT
// that fills the WAL to 1,000 pages: it copies them into the database and fsyncs both files on
// the server's only thread, stalling every request for milliseconds (tens of them on a busy
// disk). With a checkpointer, a worker thread on its own connection does that work continuously
// (checkpoint-worker.ts), and the server's connection keeps only a far larger automatic threshold
// (FALLBACK_PAGES) for when the thread cannot keep up or the WAL cannot restart (a checkpoint
// leaves the WAL to be rewritten from its start only once every frame is copied before the next
// commit; under unbroken load that may never happen by itself). The thread is started per store
// and stopped by its close().
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * The thread's code: its own connection to the database file, which copies committed WAL frames
 * into the database (PASSIVE: it never waits for, nor blocks, the server's connection) on a short
 * timer, sooner while there is work. The fsyncs a checkpoint makes happen there, not on the
 * server's event loop. Plain CommonJS run with `eval`, so it needs no loader (built or through
 * tsx alike); the driver comes by the path this module resolves.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path, { fileMustExist: true })
db.pragma('busy_timeout = 0')
let timer
let stopped = false
function checkpoint() {
  let copied = 0
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)')
    copied = r ? r.checkpointed : 0
  } catch {
    // busy or locked: the next round tries again
  }
  if (!stopped) timer = setTimeout(checkpoint, copied > 0 ? workerData.busyMs : workerData.idleMs)
}
parentPort.on('message', (message) => {
  if (message !== 'stop') return
  stopped = true
  clearTimeout(timer)
  db.close()
  parentPort.postMessage('stopped')
})
timer = setTimeout(checkpoint, workerData.idleMs)
`

/** The server connection's own automatic checkpoint, in pages, while a checkpointer runs. */
export const FALLBACK_PAGES = 10_000

export interface Checkpointer {
  stop(): Promise<void>
}

export interface CheckpointerOptions {
  /** pause between checkpoints with nothing to copy */
  readonly idleMs?: number
  /** pause after a checkpoint that copied frames */
  readonly busyMs?: number
}

/** Starts a checkpointer thread on the database file at `path` (in WAL mode already). */
export function startCheckpointer(path: string, opts: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, driver, idleMs: opts.idleMs ?? 100, busyMs: opts.busyMs ?? 5 },
  })
  // Never keeps the process alive by itself, and a failure only means SQLite's own checkpoints.
  worker.unref()
  worker.on('error', () => undefined)
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  let stopping: Promise<void> | undefined
  return {
    stop() {
      // The thread closes its connection, then goes.
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => worker.once('message', () => resolve()))
        worker.postMessage('stop')
        await Promise.race([closed, exited])
        await worker.terminate()
      })()
      return stopping
    },
  }
}
