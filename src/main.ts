// The composition root: the only module that knows the storage engines, the HTTP server, the
// worker and the metadata listener, and wires them from one ServerConfig.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { QUOTA_PROFILES, DEFAULT_REGION_QUOTAS } from './domain/quota-profile.js'
import { idGeneratorFrom } from './domain/ids.js'
import type { ServerConfig } from './config/server-config.js'
import type { Store } from './storage/store.js'
import { createServiceContext } from './service/context.js'
import type { ServiceContext } from './service/context.js'
import { createAccount, findAccessKey, hasAccounts } from './service/accounts.js'
import type { NewAccount } from './service/accounts.js'
import { Worker } from './worker/worker.js'
import { ActionRegistry } from './http/action-registry.js'
import { registerActions } from './http/actions/register-actions.js'
import { closeGracefully, createHttpServer } from './http/server.js'
import { verifySignature } from './http/auth/verify-request.js'
import { checkSecurityToken } from './http/auth/security-token.js'
import { MemoryNonceCache } from './http/auth/nonce-cache.js'
import { errors, isApiError } from './domain/errors.js'
import { registerConsole } from './http/console/register-console.js'
import { startGuestSide } from './dataplane/start-guest-side.js'
import { ensureLocalTls } from './tls/local-ca.js'

export interface RunningServer {
  readonly url: string
  readonly app: FastifyInstance
  readonly ctx: ServiceContext
  readonly worker: Worker
  /** The metadata service's base URL when `metadataPort` is set. */
  readonly metadataUrl: string | undefined
  close(): Promise<void>
}

const systemClock = { now: () => new Date() }
const cryptoRandom = () => randomBytes(4).readUInt32BE(0) / 2 ** 32

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db)
}

export async function openStore(
  config: Pick<ServerConfig, 'db' | 'sqliteSynchronous'>,
): Promise<Store> {
  // Each engine (and its driver) is loaded only when chosen: a SQLite server never loads pg.
  if (isPostgresUrl(config.db)) {
    const [{ default: pg }, { PostgresStore }] = await Promise.all([
      import('pg'),
      import('./storage/postgres/postgres-store.js'),
    ])
    return PostgresStore.open(new pg.Pool({ connectionString: config.db, max: 10 }))
  }
  if (config.db !== ':memory:') mkdirSync(dirname(config.db), { recursive: true })
  const [{ default: Database }, { SqliteStore }] = await Promise.all([
    import('better-sqlite3'),
    import('./storage/sqlite/sqlite-store.js'),
  ])
  return SqliteStore.open(new Database(config.db), { synchronous: config.sqliteSynchronous })
}

/** A fresh account id and AccessKey pair in Alibaba's shapes (`LTAI…`, 30-character secret). */
export function newAccessKey(): NewAccount {
  return {
    accountId: String(1_000_000_000_000 + randomBytes(4).readUInt32BE(0)),
    accessKeyId: `LTAI${randomBytes(15).toString('hex').slice(0, 20)}`,
    accessKeySecret: randomBytes(15).toString('hex'),
  }
}

/**
 * First start: creates the bootstrap account from ENIPLANE_ACCESS_KEY_ID/SECRET, or generates a
 * pair, prints it once and writes it to `<dataDir>/credentials` (mode 0600).
 */
export async function bootstrapAccount(
  store: Store,
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
  print: (line: string) => void,
): Promise<void> {
  if (await hasAccounts(store)) return
  const id = env['ENIPLANE_ACCESS_KEY_ID']
  const secret = env['ENIPLANE_ACCESS_KEY_SECRET']
  const key =
    id && secret ? { ...newAccessKey(), accessKeyId: id, accessKeySecret: secret } : newAccessKey()
  await createAccount(store, new Date(), 'default', key)
  if (id && secret) return
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, 'credentials')
  writeFileSync(
    file,
    `${JSON.stringify({ AccessKeyId: key.accessKeyId, AccessKeySecret: key.accessKeySecret })}\n`,
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
  const store = await openStore(config)
  await bootstrapAccount(store, env, config.dataDir, print)
  const ctx = createServiceContext({
    store,
    clock: systemClock,
    ids: idGeneratorFrom((n) => new Uint8Array(randomBytes(n))),
    random: cryptoRandom,
    profile: QUOTA_PROFILES[config.quotaProfile],
    quotas: { ...DEFAULT_REGION_QUOTAS, enisPerRegion: config.enisPerRegion },
    regions: config.regions,
    asyncDelayMs: config.asyncDelayMs,
    allocation: config.allocation,
    ipv6Pool: config.ipv6Pool,
  })
  const worker = new Worker(ctx, { onError: (e) => app.log.error({ err: e }, 'worker failed') })

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
  const nonces = new MemoryNonceCache()
  const registry = new ActionRegistry()
  registerActions(registry, ctx)
  const https = tlsMaterial(config)
  const app = createHttpServer({
    registry,
    ...(https !== undefined ? { https } : {}),
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    authenticate: async (req) => {
      // The verifier looks the key up once; its account comes along with the secret.
      let accountId: string | undefined
      checkSecurityToken(req)
      await verifySignature(
        req,
        async (akId) => {
          const hit = await lookup(akId)
          accountId = hit?.accountId
          return hit?.secret
        },
        new Date(),
        nonces,
      )
      if (accountId === undefined) throw errors.invalidAccessKeyIdNotFound()
      return { accountId }
    },
    extraRoutes: (a) => {
      a.addHook('onResponse', async () => worker.poke())
      registerConsole(a, { registry, lookupAccessKey: lookup })
    },
  })
  await app.listen({ host: config.host, port: config.port })
  worker.start()
  // --- guest side (src/dataplane/start-guest-side.ts): metadata listener, lab dataplane ---
  const guest = await startGuestSide(ctx, config, (line) => app.log.error(line)).catch(
    async (e: unknown) => {
      await closeGracefully(app)
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
      await worker.stop()
      await store.close()
    },
  }
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
