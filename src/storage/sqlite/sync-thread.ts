// fdatasync of the WAL file on a thread of its own, asked through shared memory. Handing each
// sync to libuv's pool costs the event loop a thread wake-up per sync (~50–100 µs on a VM, where
// waking a sleeping CPU traps to the hypervisor), hundreds of times a second under load. This
// thread instead looks for work itself while syncs keep coming: asking is a store to a shared
// counter, and only a thread that has parked (nothing asked for LINGER_MS) is woken with
// Atomics.notify. Each finished sync comes back as a message naming the last request it covers.
import { Worker } from 'node:worker_threads'

/** Slots of the shared Int32Array. */
const ASKED = 0
const PARKED = 1
const STOP = 2
/** While nothing is asked, the thread looks again every POLL_MS for LINGER_MS, then parks. */
const POLL_MS = 0.2
const LINGER_MS = 20

/**
 * The thread: a sync covers every request asked before it began (read before the fdatasync);
 * with nothing asked it lingers, then parks on the counter. Plain CommonJS run with `eval` (no
 * loader needed).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { openSync, fdatasyncSync, closeSync } = require('node:fs')
const a = new Int32Array(workerData.shared)
let fd
let done = 0
for (;;) {
  if (Atomics.load(a, ${STOP}) === 1) break
  const asked = Atomics.load(a, ${ASKED})
  if (asked !== done) {
    try {
      fd ??= openSync(workerData.path, 'r')
      fdatasyncSync(fd)
      parentPort.postMessage({ covers: asked })
    } catch (e) {
      parentPort.postMessage({ covers: asked, error: String(e && e.message || e), code: e && e.code })
    }
    done = asked
    continue
  }
  for (let idle = 0; idle < ${LINGER_MS} && Atomics.load(a, ${ASKED}) === done; idle += ${POLL_MS}) {
    Atomics.wait(a, ${ASKED}, done, ${POLL_MS})
  }
  if (Atomics.load(a, ${ASKED}) !== done) continue
  Atomics.store(a, ${PARKED}, 1)
  if (Atomics.load(a, ${ASKED}) === done && Atomics.load(a, ${STOP}) === 0) {
    Atomics.wait(a, ${ASKED}, done)
  }
  Atomics.store(a, ${PARKED}, 0)
}
if (fd !== undefined) closeSync(fd)
`

interface Waiter {
  readonly asked: number
  resolve(): void
  reject(e: unknown): void
  /** resolves when the waiter is settled either way */
  readonly settled: Promise<unknown>
}

/** `a` is at or after `b` on the wrapping 32-bit counter. */
const atOrAfter = (a: number, b: number) => ((a - b) | 0) >= 0

export class SyncThread {
  readonly #worker: Worker
  readonly #shared = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT))
  readonly #waiting: Waiter[] = []
  readonly #exited: Promise<void>
  #asked = 0
  #failed: Error | undefined
  #closing = false

  /** Starts the thread for the file at `path` (opened on the first sync). */
  constructor(path: string) {
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, shared: this.#shared.buffer },
    })
    this.#worker.on('message', (m: { covers: number; error?: string; code?: string }) => {
      const error =
        m.error === undefined ? undefined : Object.assign(new Error(m.error), { code: m.code })
      this.#settle(m.covers, error)
    })
    this.#worker.on('error', (e: Error) => this.#fail(e))
    this.#exited = new Promise((resolve) =>
      this.#worker.once('exit', (code) => {
        if (!this.#closing) this.#fail(new Error(`the WAL sync thread exited (code ${code})`))
        resolve()
      }),
    )
    // Alive only while a sync is awaited (ref'd again by sync()).
    this.#worker.unref()
  }

  /** Resolves once an fdatasync that began after this call has finished. */
  sync(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed)
    const asked = (this.#asked = (this.#asked + 1) | 0)
    let settle!: { resolve(): void; reject(e: unknown): void }
    const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
    this.#waiting.push({ asked, ...settle, settled: promise.catch(() => undefined) })
    if (this.#waiting.length === 1) this.#worker.ref()
    Atomics.store(this.#shared, ASKED, asked)
    if (Atomics.load(this.#shared, PARKED) === 1) Atomics.notify(this.#shared, ASKED)
    return promise
  }

  #settle(covers: number, error: Error | undefined): void {
    while (this.#waiting.length > 0 && atOrAfter(covers, this.#waiting[0]!.asked)) {
      const w = this.#waiting.shift()!
      if (error) w.reject(error)
      else w.resolve()
    }
    if (this.#waiting.length === 0) this.#worker.unref()
  }

  #fail(e: Error): void {
    this.#failed = e
    for (const w of this.#waiting.splice(0)) w.reject(e)
    this.#worker.unref()
  }

  /** Stops the thread once the syncs asked for have finished. */
  async close(): Promise<void> {
    // Waiters settle in the order they asked: the last one settles last.
    await this.#waiting.at(-1)?.settled
    this.#closing = true
    this.#worker.ref() // until it has exited
    Atomics.store(this.#shared, STOP, 1)
    Atomics.notify(this.#shared, ASKED)
    await this.#exited
  }
}
