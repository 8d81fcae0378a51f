// The composition root: the only module that knows the storage engines, the HTTP server, the
// worker and the metadata listener, and wires them from one ServerConfig.
import { createHash, randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, extname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { ServerConfig } from './config/server-config.js'
import type { Store } from './storage/store.js'
import type { ServiceContext } from './service/context.js'
import {
  createFirstAccount,
  bootstrapAccountId,
  createAccount,
  findAccessKey,
  hasAccounts,
} from './service/accounts.js'
import type { NewAccount } from './service/accounts.js'
import { Worker } from './worker/worker.js'
import { ActionRegistry } from './http/action-registry.js'
import { registerActions } from './http/actions/register-actions.js'
import { closeGracefully, createHttpServer } from './http/server.js'
import { ReadPool } from './http/read-pool.js'
import { OFFLOADED_READS } from './http/actions/offloaded-reads.js'
import type { ReadWorkerData } from './read-worker.js'
import { verifySignature } from './http/auth/verify-request.js'
import { checkSecurityToken } from './http/auth/security-token.js'
import { NonceLedger } from './service/nonce-ledger.js'
import { ConsoleSessions } from './service/console-sessions.js'
import { hitRateLimits, type RateLimit } from './service/rate-limit.js'
import { housekeeping } from './service/housekeeping.js'
import { errors, isApiError } from './domain/errors.js'
import { registerConsole } from './http/console/register-console.js'
import { startGuestSide } from './dataplane/start-guest-side.js'
import { ensureLocalTls } from './tls/local-ca.js'
import { chaosFrom } from './chaos-setup.js'
import { contextFromConfig } from './context-from-config.js'
export { ChaosConfigError } from './chaos-setup.js'
export { SchemaTooNewError } from './storage/sql/migrate.js'
import { CallPipeline } from './http/chaos/call-pipeline.js'
import { Metrics } from './http/chaos/metrics.js'
import { TokenBuckets } from './domain/throttle-policy.js'
import { parseCidr, usableCount } from './allocator/cidr.js'

export interface RunningServer {
  readonly url: string
  readonly app: FastifyInstance
  readonly ctx: ServiceContext
  readonly worker: Worker
  /** The metadata service's base URL when `metadataPort` is set. */
  readonly metadataUrl: string | undefined
  close(): Promise<void>
}

/** Console sign-in attempts, counted in the store (so across replicas). */
const SIGN_IN_PER_SOURCE: RateLimit = { limit: 30, windowMs: 60_000 }
const SIGN_IN_PER_ACCESS_KEY: RateLimit = { limit: 10, windowMs: 60_000 }

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db)
}

export async function openStore(
  config: Pick<ServerConfig, 'db' | 'sqliteSynchronous'> &
    Partial<Pick<ServerConfig, 'pgPreparedStatements'>>,
): Promise<Store> {
  // Each engine (and its driver) is loaded only when chosen: a SQLite server never loads pg.
  if (isPostgresUrl(config.db)) {
    const [{ default: pg }, { PostgresStore }] = await Promise.all([
      import('pg'),
      import('./storage/postgres/postgres-store.js'),
    ])
    const pool = new pg.Pool({
      connectionString: config.db,
      max: 10,
      connectionTimeoutMillis: 5000,
    })
    // An idle pooled connection that the server cuts (restart, terminated backend) emits
    // `error` on the pool; unhandled it would end the process. The pool drops that client and
    // the next transaction opens a new connection (or answers ServiceUnavailable meanwhile).
    pool.on('error', () => undefined)
    return PostgresStore.open(pool, { preparedStatements: config.pgPreparedStatements !== 'off' })
  }
  if (config.db !== ':memory:') mkdirSync(dirname(config.db), { recursive: true })
  const [{ default: Database }, { SqliteStore }] = await Promise.all([
    import('better-sqlite3'),
    import('./storage/sqlite/sqlite-store.js'),
  ])
  // WAL checkpoints run on a worker thread, never inside a request's COMMIT (checkpointer.ts).
  return SqliteStore.open(new Database(config.db), {
    synchronous: config.sqliteSynchronous,
    backgroundCheckpoints: true,
  })
}

/**
 * A fresh account id and AccessKey pair in Alibaba's shapes: a 16-digit account id (as
 * GetCallerIdentity answers it, extensions.md §5.1), `LTAI…`, a 30-character secret.
 */
export function newAccessKey(): NewAccount {
  return {
    accountId: String(1_000_000_000_000_000 + randomBytes(6).readUIntBE(0, 6)),
    accessKeyId: `LTAI${randomBytes(15).toString('hex').slice(0, 20)}`,
    accessKeySecret: randomBytes(15).toString('hex'),
  }
}

/** Which database a credentials file belongs to: a SQLite file's absolute path, or the
 * PostgreSQL URL without its password. */
export function databaseIdentity(db: string): string {
  if (!isPostgresUrl(db)) return db === ':memory:' ? db : resolve(db)
  try {
    const url = new URL(db)
    url.password = ''
    return url.toString()
  } catch {
    return db
  }
}

/**
 * Where the bootstrap credentials of `db` go: `<dataDir>/credentials` unless that file already
 * holds another database's key, in which case `<dataDir>/credentials-<hash of the database>`, so
 * a second `serve` on another database never overwrites the first one's credentials.
 */
export function credentialsFileFor(dataDir: string, db: string): string {
  const file = join(dataDir, 'credentials')
  const identity = databaseIdentity(db)
  let existing: unknown
  try {
    existing = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return file
  }
  const owner = (existing as { Database?: unknown } | null)?.Database
  if (owner === identity) return file
  const tag = createHash('sha256').update(identity).digest('hex').slice(0, 12)
  return join(dataDir, `credentials-${tag}`)
}

/**
 * First start: creates the bootstrap account from ENIPLANE_ACCESS_KEY_ID/SECRET, or generates a
 * pair, prints it once and writes it to `credentialsFileFor(dataDir, db)` (mode 0600), with the
 * database it belongs to.
 */
export async function bootstrapAccount(
  store: Store,
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
  print: (line: string) => void,
  db = ':memory:',
): Promise<void> {
  if (await hasAccounts(store)) return
  const id = env['ENIPLANE_ACCESS_KEY_ID']
  const secret = env['ENIPLANE_ACCESS_KEY_SECRET']
  const key =
    id && secret ? { ...newAccessKey(), accessKeyId: id, accessKeySecret: secret } : newAccessKey()
  // Another replica starting beside this one may have created it first: then it has the key.
  if (!(await createFirstAccount(store, new Date(), key))) return
  if (id && secret) return
  mkdirSync(dataDir, { recursive: true })
  const file = credentialsFileFor(dataDir, db)
  writeFileSync(
    file,
    `${JSON.stringify({
      AccessKeyId: key.accessKeyId,
      AccessKeySecret: key.accessKeySecret,
      Database: databaseIdentity(db),
    })}\n`,
    { mode: 0o600 },
  )
  chmodSync(file, 0o600)
  print(`Bootstrap account created. AccessKeyId: ${key.accessKeyId}`)
  print(`AccessKeySecret: ${key.accessKeySecret}   (shown once; also saved to ${file}, mode 0600)`)
}

export async function startServer(
  config: ServerConfig,
  env: Readonly<Record<string, string | undefined>> = process.env,
  print: (line: string) => void = (line) => console.log(line),
): Promise<RunningServer> {
  const chaos = chaosFrom(config)
  const store = await openStore(config)
  await bootstrapAccount(store, env, config.dataDir, print, config.db)
  const ctx = contextFromConfig(store, config, { latency: chaos.latency, faults: chaos.faults })
  // A read worker's failure is logged by the server's logger once it exists.
  let readWorkerFailed = (e: unknown) => console.error('read worker failed:', e)
  const reads = startReadPool(config, ctx, (e) => readWorkerFailed(e))
  const nonces = new NonceLedger(store)
  const sessions = new ConsoleSessions(store)
  const worker = new Worker(ctx, {
    onError: (e) => app.log.error({ err: e }, 'worker failed'),
    onFailure: (op, reason, gaveUp) =>
      app.log.warn(
        { operation: op.id, kind: op.kind, resourceId: op.resourceId, reason, gaveUp },
        gaveUp ? 'async operation gave up' : 'async operation failed; will retry',
      ),
    housekeeping: async () => {
      await housekeeping(ctx, { nonces, sessions })
    },
  })

  const secrets = new Map<string, { secret: string; accountId: string }>()
  const lookup = async (accessKeyId: string) => {
    let hit = secrets.get(accessKeyId)
    if (!hit) {
      const key = await findAccessKey(store, accessKeyId)
      if (!key) return undefined
      hit = { secret: key.accessKeySecret, accountId: key.accountId }
      secrets.set(accessKeyId, hit)
    }
    return hit
  }
  const registry = new ActionRegistry()
  registerActions(registry, ctx, { bootstrapAccountId: await bootstrapAccountId(store) })
  const metrics = new Metrics({
    operationStats: () => store.transaction((tx) => tx.operationStats()),
    vswitchFree: async () =>
      (await store.transaction((tx) => tx.vswitchUsage())).map((v) => ({
        vswitchId: v.vswitchId,
        free: freeOf(v.cidrBlock, v.used),
      })),
    now: () => Date.now(),
  })
  const calls = new CallPipeline({
    ctx,
    throttle: new TokenBuckets(chaos.throttle),
    faults: chaos.faults,
    metrics,
    nowMs: () => Date.now(),
    onEventError: (e) => app.log.error({ err: e }, 'event not recorded'),
  })
  const https = tlsMaterial(config)
  const app = createHttpServer({
    registry,
    ...(https !== undefined ? { https } : {}),
    calls,
    metrics,
    ...(reads !== undefined ? { reads } : {}),
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    authenticate: async (req) => {
      // The verifier looks the key up once; its account comes along with the secret.
      let accountId: string | undefined
      checkSecurityToken(req)
      let accessKeyId: string | undefined
      await verifySignature(
        req,
        async (akId) => {
          const hit = await lookup(akId)
          accountId = hit?.accountId
          accessKeyId = akId
          return hit?.secret
        },
        new Date(),
        nonces,
      )
      if (accountId === undefined || accessKeyId === undefined) {
        throw errors.invalidAccessKeyIdNotFound()
      }
      return { accountId, accessKeyId }
    },
    extraRoutes: (a) => {
      registerConsole(a, {
        registry,
        lookupAccessKey: lookup,
        sessions,
        profile: ctx.profile,
        calls,
        limitSignIn: (source, accessKeyId) =>
          hitRateLimits(store, new Date(), [
            { bucket: `sign-in:source:${source}`, rule: SIGN_IN_PER_SOURCE },
            { bucket: `sign-in:key:${accessKeyId}`, rule: SIGN_IN_PER_ACCESS_KEY },
          ]),
      })
    },
  })
  readWorkerFailed = (e) => app.log.error({ err: e }, 'read worker failed')
  await app.listen({ host: config.host, port: config.port })
  reads?.start()
  worker.start()
  // --- guest side (src/dataplane/start-guest-side.ts): metadata listener, lab dataplane ---
  const guest = await startGuestSide(ctx, config, (line) => app.log.error(line)).catch(
    async (e: unknown) => {
      await closeGracefully(app)
      await reads?.close()
      await worker.stop()
      await store.close()
      throw e
    },
  )
  // --- end guest side ---
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  return {
    url: `${https !== undefined ? 'https' : 'http'}://${urlHost(config.host)}:${port}`,
    app,
    ctx,
    worker,
    metadataUrl: guest.metadataUrl,
    async close() {
      await guest.close()
      await closeGracefully(app)
      await reads?.close()
      await worker.stop()
      await store.close()
    },
  }
}

/**
 * The read workers of a SQLite file (`readWorkers`, http/read-pool.ts): none for PostgreSQL (its
 * pool already reads on many connections) or for `:memory:` (a database no other connection sees).
 */
function startReadPool(
  config: ServerConfig,
  ctx: ServiceContext,
  onError: (e: unknown) => void,
): ReadPool | undefined {
  if (config.readWorkers === 0 || isPostgresUrl(config.db) || config.db === ':memory:') {
    return undefined
  }
  // the configuration is plain data; the worker reads what ReadWorkerData names
  const data: ReadWorkerData = config
  const worthIt = new Map(OFFLOADED_READS.map((r) => [r.define({ ctx }).action, r.worthIt]))
  // The built module under dist/, or the TypeScript one when run through tsx (tests).
  const here = fileURLToPath(import.meta.url)
  return new ReadPool({
    file: new URL(`./read-worker${extname(here)}`, import.meta.url),
    workerData: data,
    size: config.readWorkers,
    offload: (action, params) => worthIt.get(action)?.(params) === true,
    onError,
  })
}

/** HTTPS material: your own files (`--tls-cert/--tls-key`), or the local CA's (`--tls`). */
function tlsMaterial(config: ServerConfig): { cert: string; key: string } | undefined {
  if (config.tlsCert !== undefined && config.tlsKey !== undefined) {
    return { cert: readFileSync(config.tlsCert, 'utf8'), key: readFileSync(config.tlsKey, 'utf8') }
  }
  if (!config.tls) return undefined
  const local = ensureLocalTls(
    config.dataDir,
    config.regions.map((r) => r.regionId),
  )
  return { cert: local.cert, key: local.key }
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

function freeOf(cidrBlock: string, used: number): number {
  const cidr = parseCidr(cidrBlock)
  return cidr === undefined ? 0 : Math.max(0, usableCount(cidr) - used)
}

/** `eniplane account create NAME`: a new account with a fresh AccessKey pair. */
export async function createAccountOnDb(
  db: string,
  name: string,
): Promise<{ ok: true; key: NewAccount } | { ok: false; code: string; message: string }> {
  const store = await openStore({ db, sqliteSynchronous: 'full' })
  try {
    return { ok: true, key: await createAccount(store, new Date(), name, newAccessKey()) }
  } catch (e: unknown) {
    if (!isApiError(e)) throw e
    return { ok: false, code: e.code, message: e.message }
  } finally {
    await store.close()
  }
}
