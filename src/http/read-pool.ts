// Heavy reads on worker threads (`serve --read-workers N`, SQLite files only). A page of 500 ENIs
// costs milliseconds of CPU (the rows, their children, the JSON), and on the server's one thread
// every write waits behind it, as does every other page: eight clients paging at once each wait
// for the other seven. A read worker has its own read-only connection to the same file (WAL:
// readers never block the writer, nor it them) and runs the Action's own handler there, and
// renders its answer too, so only the request and the finished bytes cross between threads.
//
// The server's thread still authenticates (signature, nonce), throttles, applies fault rules,
// counts the call and writes the response. A worker reads what has committed when its
// transaction begins, and every write is committed before it is answered, so a client reads its
// own writes as it does on the server's thread. A worker that dies fails its calls with
// ServiceUnavailable (503: SDKs retry it) and is replaced.
//
// Why threads and not more processes: a SQLite file has one writer, and these reads need none.
import { Worker, type MessagePort } from 'node:worker_threads'
import { ApiError, errors } from '../domain/errors.js'
import type { Params } from './params.js'
import type { ResponseFormat } from './response-format.js'

/** One call for a read worker: the resolved Action and what its handler's context needs. */
export interface ReadCall {
  readonly action: string
  readonly version: string
  readonly params: readonly (readonly [string, string])[]
  readonly accountId: string
  readonly requestId: string
  readonly format: ResponseFormat
  readonly regionId?: string
  readonly host?: string
}

/** A rendered answer (RequestId first, in the call's format), as the UTF-8 bytes to send. */
export interface ReadAnswer {
  readonly contentType: string
  readonly payload: Buffer
}

/** What the server needs of the pool. */
export interface ReadOffload {
  /** whether this call of `action` runs on a worker */
  handles(action: string, params: Params): boolean
  run(call: ReadCall): Promise<ReadAnswer>
}

/** Worker → server messages. */
export type ReadReply =
  | { readonly ready: true }
  | { readonly id: number; readonly contentType: string; readonly payload: Uint8Array }
  | {
      readonly id: number
      readonly code: string
      readonly httpStatus: number
      readonly message: string
    }
  | { readonly id: number; readonly internal: string }

/** Server → worker messages. */
export interface ReadRequest extends ReadCall {
  readonly id: number
}

const encoder = new TextEncoder()

/**
 * A worker answers a call with its rendered text as UTF-8 bytes in a buffer of their own, which
 * moves to the server's thread instead of being copied: the server sends them as they are (text
 * would be copied across, then scanned for its length and encoded again by the socket: about 5%
 * of a page of 500 ENIs).
 */
export function postAnswer(
  port: MessagePort,
  id: number,
  rendered: { readonly contentType: string; readonly payload: string },
): void {
  const payload = encoder.encode(rendered.payload)
  const reply: ReadReply = { id, contentType: rendered.contentType, payload }
  port.postMessage(reply, [payload.buffer])
}

interface Waiting {
  resolve(answer: ReadAnswer): void
  reject(e: unknown): void
}

interface Slot {
  readonly worker: Worker
  readonly waiting: Map<number, Waiting>
}

export interface ReadPoolOptions {
  /** the worker's module (read-worker.ts, built or run through tsx) */
  readonly file: URL
  /** passed to each worker as `workerData` */
  readonly workerData: unknown
  readonly size: number
  /** whether a call goes to a worker (one of the Actions the workers serve, worth the hand-off) */
  readonly offload: (action: string, params: Params) => boolean
  /** a worker that failed (it is replaced if it had started) */
  readonly onError?: (e: unknown) => void
}

/**
 * Workers start in the background (the server starts them once it listens, so they do not
 * delay it): calls sent before a worker is ready wait in its queue. One that fails before it is
 * ready (its database cannot be opened) is not replaced, and with none left the pool hands
 * nothing off: the server runs those reads itself.
 */
export class ReadPool implements ReadOffload {
  readonly #opts: ReadPoolOptions
  readonly #slots: Slot[] = []
  readonly #started: Promise<void>[] = []
  #nextId = 1
  #closing = false

  constructor(opts: ReadPoolOptions) {
    this.#opts = opts
  }

  /** Starts the workers (once); until then, and while they start, nothing is handed off. */
  start(): void {
    if (this.#started.length > 0) return
    for (let i = 0; i < this.#opts.size; i++) this.#started.push(this.#spawn())
  }

  /** Once every first worker is ready or dead: rejects with a failure, if one failed. */
  async ready(): Promise<void> {
    for (const outcome of await Promise.allSettled(this.#started)) {
      if (outcome.status === 'rejected') throw outcome.reason
    }
  }

  /** Workers alive (started or starting). */
  get size(): number {
    return this.#slots.length
  }

  handles(action: string, params: Params): boolean {
    return this.#slots.length > 0 && !this.#closing && this.#opts.offload(action, params)
  }

  run(call: ReadCall): Promise<ReadAnswer> {
    // the worker with the fewest calls waiting
    let slot = this.#slots[0]
    for (const s of this.#slots)
      if (slot === undefined || s.waiting.size < slot.waiting.size) slot = s
    if (slot === undefined || this.#closing) return Promise.reject(errors.serviceUnavailable())
    const id = this.#nextId++
    const target = slot
    return new Promise<ReadAnswer>((resolve, reject) => {
      target.waiting.set(id, { resolve, reject })
      const request: ReadRequest = { ...call, id }
      target.worker.postMessage(request)
    })
  }

  async close(): Promise<void> {
    this.#closing = true
    await Promise.all(this.#slots.map((s) => s.worker.terminate()))
  }

  /** A new worker in a new slot; resolves when it is ready, rejects if it dies first. */
  #spawn(): Promise<void> {
    const worker = startWorker(this.#opts.file, this.#opts.workerData)
    const slot: Slot = { worker, waiting: new Map() }
    this.#slots.push(slot)
    let ready = false
    const started = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: ReadReply) => {
        if ('ready' in m) {
          ready = true
          resolve()
        } else settle(slot, m)
      })
      const died = (e: unknown) => {
        const index = this.#slots.indexOf(slot)
        if (index < 0) return
        this.#slots.splice(index, 1)
        for (const w of slot.waiting.values()) w.reject(errors.serviceUnavailable({ cause: e }))
        slot.waiting.clear()
        if (this.#closing) return resolve()
        this.#opts.onError?.(e)
        if (!ready) reject(e instanceof Error ? e : new Error(String(e)))
        else void this.#spawn().catch(() => undefined)
      }
      worker.once('error', died)
      worker.once('exit', (code) => died(new Error(`read worker exited with code ${code}`)))
    })
    // Nobody may be waiting on a first worker's start: its failure is reported by onError.
    started.catch(() => undefined)
    return started
  }
}

/**
 * A worker thread on `file`. A TypeScript module (the server run through tsx: the tests, `npm run
 * dev`) is loaded through tsx's own API: a worker thread does not inherit `--import tsx`'s
 * loader. The built server (dist/) never takes that path, nor loads tsx.
 */
function startWorker(file: URL, workerData: unknown): Worker {
  if (!file.pathname.endsWith('.ts')) return new Worker(file, { workerData })
  const boot = `import('tsx/esm/api').then(({ register }) => {
    register()
    return import(${JSON.stringify(file.href)})
  })`
  return new Worker(boot, { eval: true, workerData })
}

function settle(slot: Slot, m: Exclude<ReadReply, { ready: true }>): void {
  const w = slot.waiting.get(m.id)
  if (w === undefined) return
  slot.waiting.delete(m.id)
  if ('payload' in m) {
    const bytes = m.payload
    w.resolve({
      contentType: m.contentType,
      payload: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    })
  } else if ('code' in m) w.reject(new ApiError(m.code, m.httpStatus, m.message))
  else w.reject(errors.internalError({ cause: new Error(m.internal) }))
}
