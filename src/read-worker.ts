// A read worker (http/read-pool.ts): its own read-only connection to the server's SQLite file, a
// service context from the same configuration, and the same Action definitions the server
// registers for the Actions it serves. Each call runs its handler and is rendered here, and its
// UTF-8 bytes move to the server's thread (postAnswer), which only sends them.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type { FastifyBaseLogger } from 'fastify'
import { isApiError } from './domain/errors.js'
import type { ServerConfig } from './config/server-config.js'
import { contextFromConfig, type ContextConfig } from './context-from-config.js'
import { SqliteStore } from './storage/sqlite/sqlite-store.js'
import { ActionRegistry } from './http/action-registry.js'
import { renderActionResult } from './http/action-result.js'
import { Params } from './http/params.js'
import { postAnswer, type ReadReply, type ReadRequest } from './http/read-pool.js'
import { OFFLOADED_READS } from './http/actions/offloaded-reads.js'

/** What a read worker is started with (serializable). */
export type ReadWorkerData = ContextConfig & Pick<ServerConfig, 'db'>

// No handler logs; the context's logger is required by its type, so it is one that drops all.
const silent = {
  level: 'silent',
  fatal: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
  silent: () => undefined,
  child: () => silent,
} as unknown as FastifyBaseLogger

const port = parentPort
if (port === null) throw new Error('read-worker.ts runs as a worker thread')
const config = workerData as ReadWorkerData
const store = SqliteStore.openReader(
  new Database(config.db, { readonly: true, fileMustExist: true }),
)
const ctx = contextFromConfig(store, config)
const registry = new ActionRegistry()
for (const read of OFFLOADED_READS) registry.registerAction(read.define({ ctx }))

// `answer` never rejects: every failure is its reply.
port.on('message', (m: ReadRequest) => {
  void answer(port, m)
})
port.postMessage({ ready: true } satisfies ReadReply)

async function answer(to: MessagePort, m: ReadRequest): Promise<void> {
  try {
    const definition = registry.resolve(m.action, m.version)
    const result = await definition.handler({
      params: new Params(new Map(m.params)),
      accountId: m.accountId,
      requestId: m.requestId,
      log: silent,
      ...(m.regionId !== undefined ? { regionId: m.regionId } : {}),
      ...(m.host !== undefined ? { host: m.host } : {}),
    })
    postAnswer(to, m.id, renderActionResult(m.format, definition.action, m.requestId, result))
  } catch (e: unknown) {
    const reply: ReadReply = isApiError(e)
      ? { id: m.id, code: e.code, httpStatus: e.httpStatus, message: e.message }
      : { id: m.id, internal: e instanceof Error ? (e.stack ?? e.message) : String(e) }
    to.postMessage(reply)
  }
}
