// The web console on the API's listener, under /console:
//   GET  /console/                the single page (hash routes: #/enis, #/instances, #/vpcs)
//   GET  /console/assets/<file>   the bundle (hashed names, cached for a year)
//   GET  /console/api/session     who is signed in, and the quota profile's limits
//                                 (`SignedIn: false` when nobody: a first visit logs no 403)
//   POST /console/api/sign-in     {AccessKeyId, AccessKeySecret} → session cookie
//   POST /console/api/sign-out
//   POST /console/api/call        {Action, Params} → the same handler and JSON as the RPC API
// POSTs must be same-origin JSON (request-guards.ts).
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { versionForAction } from '../../api/action-versions.js'
import { errors } from '../../domain/errors.js'
import type { QuotaProfile } from '../../domain/quota-profile.js'
import type { ActionRegistry } from '../action-registry.js'
import type { CallRunner } from '../server.js'
import { productOf, toErrorResponse, type Product } from '../error-response.js'
import { JSON_CONTENT_TYPE } from '../response-format.js'
import type { ConsoleSessions } from './console-sessions.js'
import {
  clearedSessionCookie,
  sessionCookie,
  sessionIdFrom,
  type ConsoleSession,
} from './console-sessions.js'
import { invokeAction, parseConsoleCall } from './invoke-action.js'
import { assertSameOriginJson, jsonObjectBody, secretsEqual } from './request-guards.js'
import { loadWebAssets, type WebAssets } from './web-assets.js'

export interface ConsoleDeps {
  readonly registry: ActionRegistry
  /** The AccessKey's secret and account (the same lookup the signature verifier uses). */
  readonly lookupAccessKey: (
    accessKeyId: string,
  ) => Promise<{ secret: string; accountId: string } | undefined>
  /** Project root holding `web/`; defaults to this checkout. */
  readonly rootDir?: string
  /** Store-backed sessions, shared by every replica. */
  readonly sessions: ConsoleSessions
  /**
   * Counts one sign-in attempt from `source` for `accessKeyId` against the store-kept limits;
   * throws `Throttling` when over (service/rate-limit.ts).
   */
  readonly limitSignIn?: (source: string, accessKeyId: string) => Promise<void>
  /** The server's quota profile: the console shows the limits that apply. */
  readonly profile?: QuotaProfile
  /** Throttling, fault rules, events and metrics, as on the RPC endpoint. */
  readonly calls?: CallRunner | undefined
}

const DEFAULT_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')

/** A secret compared against when the AccessKeyId is unknown, so both paths cost the same. */
const DUMMY_SECRET = 'eniplane-console-no-such-access-key'

export function registerConsole(app: FastifyInstance, deps: ConsoleDeps): void {
  const sessions = deps.sessions
  const assets = loadWebAssets(deps.rootDir ?? DEFAULT_ROOT, (message) => app.log.warn(message))
  // Handlers await it; this only keeps a failed build from being an unhandled rejection.
  assets.catch((err: unknown) => app.log.error({ err }, 'console assets are unavailable'))

  const sessionOf = async (request: FastifyRequest): Promise<ConsoleSession> => {
    const session = await sessions.touch(sessionIdFrom(request.headers.cookie))
    if (session === undefined) throw errors.forbiddenSession()
    return session
  }

  void app.register(
    async (web) => {
      web.removeAllContentTypeParsers()
      web.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
        done(null, body)
      })
      web.addHook('onSend', async (_request, reply) => {
        void reply.header('x-content-type-options', 'nosniff')
        void reply.header('referrer-policy', 'same-origin')
        void reply.header('x-frame-options', 'DENY')
      })

      web.get('/', { prefixTrailingSlash: 'no-slash' }, async (_request, reply) =>
        reply.redirect('/console/', 302),
      )
      web.get('/index.html', async (_request, reply) => reply.redirect('/console/', 302))
      web.get('/*', async (request, reply) => {
        const path = (request.params as { '*': string })['*']
        const name = path === '' ? 'index.html' : path
        return sendAsset(request, reply, await assets, name)
      })

      web.get('/api/session', async (request, reply) => {
        const session = await sessions.touch(sessionIdFrom(request.headers.cookie))
        if (session === undefined)
          return sendJson(reply, { RequestId: request.id, SignedIn: false })
        return sendJson(reply, {
          RequestId: request.id,
          SignedIn: true,
          AccountId: session.accountId,
          AccessKeyId: session.accessKeyId,
          ...(deps.profile === undefined ? {} : { QuotaProfile: quotaProfileView(deps.profile) }),
        })
      })

      web.post('/api/sign-in', async (request, reply) => {
        assertSameOriginJson(request)
        const body = jsonObjectBody(request)
        const accessKeyId = typeof body['AccessKeyId'] === 'string' ? body['AccessKeyId'] : ''
        const secret = typeof body['AccessKeySecret'] === 'string' ? body['AccessKeySecret'] : ''
        if (accessKeyId === '') throw errors.missingParameter('AccessKeyId')
        if (secret === '') throw errors.missingParameter('AccessKeySecret')
        await deps.limitSignIn?.(request.ip, accessKeyId)
        const key = await deps.lookupAccessKey(accessKeyId)
        const matches = secretsEqual(secret, key?.secret ?? DUMMY_SECRET)
        if (key === undefined) throw errors.invalidAccessKeyIdNotFound()
        if (!matches) throw errors.signatureDoesNotMatch()
        await sessions.delete(sessionIdFrom(request.headers.cookie))
        const id = await sessions.create(key.accountId, accessKeyId)
        void reply.header('set-cookie', sessionCookie(id, sessions.maxAgeSeconds, isHttps(request)))
        return sendJson(reply, {
          RequestId: request.id,
          AccountId: key.accountId,
          AccessKeyId: accessKeyId,
        })
      })

      web.post('/api/sign-out', async (request, reply) => {
        assertSameOriginJson(request)
        await sessions.delete(sessionIdFrom(request.headers.cookie))
        void reply.header('set-cookie', clearedSessionCookie(isHttps(request)))
        return sendJson(reply, { RequestId: request.id })
      })

      web.post('/api/call', async (request, reply) => {
        let product: Product = 'Ecs'
        try {
          assertSameOriginJson(request)
          const session = await sessionOf(request)
          const call = parseConsoleCall(jsonObjectBody(request))
          product = productOf(call.version ?? versionForAction(call.action))
          const { body } = await invokeAction(deps.registry, {
            ...call,
            accountId: session.accountId,
            accessKeyId: session.accessKeyId,
            sourceIp: request.ip,
            requestId: request.id,
            log: request.log,
            calls: deps.calls,
          })
          return await sendJson(reply, body)
        } catch (err: unknown) {
          const { status, envelope } = toErrorResponse(err, {
            requestId: request.id,
            hostId: request.headers.host ?? 'eniplane',
            product,
            log: request.log,
          })
          return reply.code(status).header('content-type', JSON_CONTENT_TYPE).send(envelope)
        }
      })
    },
    { prefix: '/console' },
  )
}

/** The profile's per-ENI numbers, as the Manage dialog needs them. */
function quotaProfileView(profile: QuotaProfile): object {
  return {
    Name: profile.name,
    AvailableSecondaryIpCap: profile.availableSecondaryIpCap,
    ...(profile.inUsePrivateIpCeiling === undefined
      ? {}
      : { InUsePrivateIpCeiling: profile.inUsePrivateIpCeiling }),
  }
}

function sendJson(reply: FastifyReply, body: object): FastifyReply {
  return reply
    .code(200)
    .header('content-type', JSON_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .send(JSON.stringify(body))
}

function sendAsset(
  request: FastifyRequest,
  reply: FastifyReply,
  assets: WebAssets,
  name: string,
): FastifyReply {
  const file = assets.files.get(name)
  if (file === undefined || name === 'manifest.json')
    throw errors.invalidAction(`GET /console/${name}`)
  void reply.header('etag', file.etag)
  void reply.header(
    'cache-control',
    file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  )
  if (name === 'index.html') void reply.header('content-security-policy', CSP)
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send()
  return reply.code(200).header('content-type', file.contentType).send(file.body)
}

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https'
}
