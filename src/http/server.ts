// HTTP transport: one RPC endpoint `/` (GET and POST) for ECS and VPC, plus `/healthz`.
// Why Fastify: it is among the fastest Node HTTP servers (low per-request overhead), and it is
// well kept, with hooks, schema support and pino structured logging (request ids) built in.
import { randomUUID } from 'node:crypto'
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify'
import { parseQuery } from '../api/signing/index.js'
import { errors } from '../domain/errors.js'
import type { ActionContext, ActionRegistry } from './action-registry.js'
import type { AuditTrail } from '../service/audit.js'
import type { CallInfo } from './chaos/call-pipeline.js'
import type { Metrics } from './chaos/metrics.js'
import { productOf, toErrorResponse, type Product } from './error-response.js'
import { paramsOf, readRawRpcRequest, type RawRpcRequest } from './raw-rpc-request.js'
import { renderActionResult } from './action-result.js'
import type { ReadOffload } from './read-pool.js'
import {
  JSON_CONTENT_TYPE,
  renderError,
  responseFormatOf,
  type ResponseFormat,
} from './response-format.js'

export type { RawRpcRequest } from './raw-rpc-request.js'

/** Verifies the caller (the signature verifier in production); throws catalogue errors. */
export type Authenticate = (
  req: RawRpcRequest,
) => Promise<{ accountId: string; accessKeyId?: string }>

/** Runs a resolved call (throttling, faults, events, metrics: chaos/call-pipeline.ts). */
export interface CallRunner {
  execute<T>(call: CallInfo, run: (audit: AuditTrail | undefined) => Promise<T>): Promise<T>
}

export type LoggerOptions = Exclude<NonNullable<FastifyServerOptions['logger']>, boolean>

export interface HttpServerOptions {
  registry: ActionRegistry
  authenticate: Authenticate
  /** `false` (default) is silent; `true` or pino options log JSON lines with `reqId`. */
  logger?: boolean | LoggerOptions
  /** Larger bodies get `InvalidParameter.RequestTooLarge` (413). Default 1 MiB. */
  bodyLimitBytes?: number
  /** `HostId` of error bodies; default: the request's `Host` header. */
  hostId?: string
  /** Throttling, fault rules, events and metrics around each resolved call. */
  calls?: CallRunner
  /** Serves `GET /metrics` (Prometheus text) when given. */
  metrics?: Metrics
  /** More routes on the same listener (console, metadata, …); they share hooks and errors. */
  extraRoutes?: (app: FastifyInstance) => void
  /** Serve HTTPS with this PEM certificate (chain) and key instead of plain HTTP. */
  https?: { cert: string; key: string }
  /** Heavy reads run and rendered on worker threads (read-pool.ts), when given. */
  reads?: ReadOffload
}

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024
/** Longer than any client idle time we know of, so SDK keep-alive sockets are reused (§9). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000
export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000

interface RpcState {
  format: ResponseFormat
  product: Product
  action?: string
  version?: string
  code?: string
}

export function createHttpServer(opts: HttpServerOptions): FastifyInstance {
  const options = {
    logger: loggerConfig(opts.logger ?? false),
    // Our own access line (below) replaces Fastify's, whose `req.url` would log `Signature`.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID().toUpperCase(),
    bodyLimit: opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // Idle sockets are governed by keepAliveTimeout; this only bounds a stalled active socket.
    connectionTimeout: 2 * KEEP_ALIVE_TIMEOUT_MS,
    // Time to receive a whole request (not to answer it); matches Node's headersTimeout.
    requestTimeout: 60_000,
    // Fastify's own 503 body has no `Code`, which pop-core reads as a success; the onRequest hook
    // below answers requests that arrive while closing with a `ServiceUnavailable` envelope.
    return503OnClosing: false,
    forceCloseConnections: 'idle' as const,
  }
  // HTTPS (`serve --tls`) changes only the listener; routes, hooks and replies are the same.
  const app: FastifyInstance =
    opts.https === undefined ? Fastify(options) : Fastify({ ...options, https: opts.https })

  const states = new WeakMap<FastifyRequest, RpcState>()
  let closing = false

  app.addHook('preClose', async () => {
    closing = true
  })

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-acs-request-id', request.id)
    if (closing) {
      void reply.header('connection', 'close')
      throw errors.serviceUnavailable()
    }
  })

  // Responses finished while closing tell keep-alive clients not to reuse the socket.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close')
  })

  app.addHook('onResponse', async (request, reply) => {
    const state = states.get(request)
    const line = {
      method: request.method,
      path: pathOf(request),
      action: state?.action,
      version: state?.version,
      status: reply.statusCode,
      code: state?.code,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
    }
    if (line.path === '/healthz') request.log.debug(line, 'request completed')
    else request.log.info(line, 'request completed')
  })

  app.setErrorHandler((err, request, reply) => {
    const state = states.get(request)
    const { status, envelope } = toErrorResponse(err, {
      requestId: request.id,
      hostId: opts.hostId ?? request.headers.host ?? 'eniplane',
      product: state?.product ?? 'Ecs',
      log: request.log,
    })
    if (state !== undefined) state.code = envelope.Code
    else states.set(request, { format: 'JSON', product: 'Ecs', code: envelope.Code })
    const rendered = renderError(state?.format ?? peekFormat(request), envelope)
    return reply.code(status).header('content-type', rendered.contentType).send(rendered.payload)
  })

  app.setNotFoundHandler(async (request) => {
    throw errors.invalidAction(`${request.method} ${pathOf(request)}`)
  })

  app.get('/healthz', async (_request, reply) =>
    reply.header('content-type', JSON_CONTENT_TYPE).send(JSON.stringify({ status: 'ok' })),
  )

  const metrics = opts.metrics
  if (metrics !== undefined) {
    app.get('/metrics', async (_request, reply) => {
      const { contentType, body } = await metrics.render()
      return reply.header('content-type', contentType).send(body)
    })
  }

  const handleRpc = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const raw = readRawRpcRequest(request)
    const params = paramsOf(raw)
    const state: RpcState = {
      format: responseFormatOf(params.str('Format')),
      product: productOf(params.str('Version')),
    }
    const action = params.str('Action')
    const version = params.str('Version')
    if (action !== undefined) state.action = action
    if (version !== undefined) state.version = version
    states.set(request, state)

    const { accountId, accessKeyId } = await opts.authenticate(raw)
    const definition = opts.registry.resolve(action, version)
    state.product = productOf(definition.version)
    state.version = definition.version

    const regionId = params.str('RegionId')
    const ctx: ActionContext = { params, accountId, requestId: request.id, log: request.log }
    if (regionId !== undefined && regionId !== '') ctx.regionId = regionId
    const host = request.headers.host
    if (host !== undefined && host !== '') ctx.host = host
    const reads = opts.reads
    // An offloaded read is run and rendered on a read worker; anything else here.
    const run: (audit?: AuditTrail) => Promise<{ contentType: string; payload: string | Buffer }> =
      reads?.handles(definition.action, params) === true
        ? () =>
            reads.run({
              action: definition.action,
              version: definition.version,
              params: [...params.entries()],
              accountId,
              requestId: request.id,
              format: state.format,
              ...(ctx.regionId !== undefined ? { regionId: ctx.regionId } : {}),
              ...(ctx.host !== undefined ? { host: ctx.host } : {}),
            })
        : async (audit) =>
            renderActionResult(
              state.format,
              definition.action,
              request.id,
              await definition.handler(audit ? { ...ctx, audit } : ctx),
            )
    const rendered =
      opts.calls === undefined
        ? await run()
        : await opts.calls.execute(
            {
              action: definition.action,
              accountId,
              accessKeyId: accessKeyId ?? '',
              params: Object.fromEntries(params.entries()),
              requestId: request.id,
              sourceIp: request.ip,
            },
            run,
          )
    return reply.code(200).header('content-type', rendered.contentType).send(rendered.payload)
  }

  // Encapsulated so the lenient, text-keeping body parser applies to the RPC endpoint only:
  // the signature verifier needs the body exactly as sent, whatever its content-type.
  void app.register(async (rpc) => {
    rpc.removeAllContentTypeParsers()
    rpc.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
      done(null, body)
    })
    // No implicit HEAD: it would run the Action and throw the answer away.
    rpc.get('/', { exposeHeadRoute: false }, handleRpc)
    rpc.post('/', handleRpc)
  })

  opts.extraRoutes?.(app)
  return app
}

/**
 * Stops accepting connections, lets in-flight requests finish (new requests on open keep-alive
 * sockets get `ServiceUnavailable` with `Connection: close`), then resolves. After `timeoutMs`
 * the remaining connections are cut.
 */
export async function closeGracefully(
  app: FastifyInstance,
  timeoutMs: number = DEFAULT_CLOSE_TIMEOUT_MS,
): Promise<void> {
  const timer = setTimeout(() => app.server.closeAllConnections(), timeoutMs)
  timer.unref()
  try {
    await app.close()
  } finally {
    clearTimeout(timer)
  }
}

function loggerConfig(logger: boolean | LoggerOptions): boolean | LoggerOptions {
  if (logger === false) return false
  const base: LoggerOptions = logger === true ? {} : logger
  // Never the query string: it holds `Signature` and `AccessKeyId` for V1 callers.
  return {
    ...base,
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, path: pathOf(req) }),
      ...base.serializers,
    },
  }
}

function pathOf(request: FastifyRequest): string {
  return (request.raw.url ?? '/').split('?', 1)[0] ?? '/'
}

/** `Format` from the query alone, for errors raised before the parameters were read. */
function peekFormat(request: FastifyRequest): ResponseFormat {
  const url = request.raw.url ?? ''
  const q = url.indexOf('?')
  if (q < 0) return 'JSON'
  const format = parseQuery(url.slice(q + 1)).find(([name]) => name === 'Format')
  return responseFormatOf(format?.[1])
}
