// The console's routes on a real Fastify app (app.inject): static assets from a fixture web/dist,
// sign-in/out, the session-authenticated call endpoint and its same-origin JSON guard.
import assert from 'node:assert/strict'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import Database from 'better-sqlite3'
import type { InjectOptions } from 'fastify'
import { errors } from '../../domain/errors.js'
import { ConsoleSessions } from '../../service/console-sessions.js'
import { SqliteStore } from '../../storage/sqlite/sqlite-store.js'
import { ActionRegistry, ECS_VERSION, VPC_VERSION, type ActionContext } from '../action-registry.js'
import { createHttpServer } from '../server.js'
import { registerConsole } from './register-console.js'

const ACCOUNT = '1000000000001'
const KEY = { id: 'LTAIconsoleunit000001', secret: 'unit-secret' }

// A fresh web/dist whose manifest lists no inputs, so it is never rebuilt.
const root = mkdtempSync(join(tmpdir(), 'eniplane-console-unit-'))
mkdirSync(join(root, 'web', 'dist', 'assets'), { recursive: true })
writeFileSync(join(root, 'web', 'dist', 'index.html'), '<!doctype html><title>console</title>')
writeFileSync(join(root, 'web', 'dist', 'assets', 'main-ABC.js'), 'console.log(1)')
writeFileSync(
  join(root, 'web', 'dist', 'manifest.json'),
  JSON.stringify({ builtAt: Date.now(), inputs: [] }),
)

const seen: ActionContext[] = []
const registry = new ActionRegistry()
  .registerAction({
    version: ECS_VERSION,
    action: 'DescribeThings',
    handler: async (ctx) => {
      seen.push(ctx)
      return { RequestId: 'overwritten', Things: { Thing: ctx.params.list('Thing') } }
    },
  })
  .registerAction({
    version: VPC_VERSION,
    action: 'DescribeVSwitches',
    handler: async () => {
      throw errors.invalidVpcIdNotFound('vpc-x')
    },
  })

const store = await SqliteStore.open(new Database(':memory:'))
const app = createHttpServer({
  registry,
  authenticate: async () => {
    throw errors.signatureDoesNotMatch()
  },
  extraRoutes: (a) =>
    registerConsole(a, {
      registry,
      rootDir: root,
      sessions: new ConsoleSessions(store),
      lookupAccessKey: async (id) =>
        id === KEY.id ? { secret: KEY.secret, accountId: ACCOUNT } : undefined,
    }),
})
after(async () => {
  await app.close()
  await store.close()
  rmSync(root, { recursive: true, force: true })
})

const HOST = 'console.test:8080'
function post(path: string, body: unknown, headers: Record<string, string> = {}): InjectOptions {
  return {
    method: 'POST',
    url: path,
    headers: { host: HOST, 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  }
}

async function signIn(): Promise<string> {
  const res = await app.inject(
    post('/console/api/sign-in', { AccessKeyId: KEY.id, AccessKeySecret: KEY.secret }),
  )
  assert.equal(res.statusCode, 200)
  const cookie = String(res.headers['set-cookie'])
  assert.match(cookie, /HttpOnly; SameSite=Strict/)
  return cookie.split(';', 1)[0] ?? ''
}

describe('console static assets', () => {
  test('/console redirects to /console/, which serves the page with a CSP', async () => {
    const redirect = await app.inject({ method: 'GET', url: '/console' })
    assert.equal(redirect.statusCode, 302)
    assert.equal(redirect.headers.location, '/console/')
    const page = await app.inject({ method: 'GET', url: '/console/' })
    assert.equal(page.statusCode, 200)
    assert.match(String(page.headers['content-type']), /^text\/html/)
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/)
    assert.equal(page.headers['cache-control'], 'no-cache')
  })

  test('hashed assets are cached for good and revalidate by ETag', async () => {
    const js = await app.inject({ method: 'GET', url: '/console/assets/main-ABC.js' })
    assert.equal(js.statusCode, 200)
    assert.match(String(js.headers['cache-control']), /immutable/)
    const again = await app.inject({
      method: 'GET',
      url: '/console/assets/main-ABC.js',
      headers: { 'if-none-match': String(js.headers.etag) },
    })
    assert.equal(again.statusCode, 304)
  })

  test('unknown files and the manifest are not served', async () => {
    for (const url of [
      '/console/assets/nope.js',
      '/console/manifest.json',
      '/console/../package.json',
    ]) {
      const res = await app.inject({ method: 'GET', url })
      assert.equal(res.statusCode, 404, url)
    }
  })
})

describe('console sign-in', () => {
  test('a wrong secret or an unknown key is refused with the API codes', async () => {
    const wrong = await app.inject(
      post('/console/api/sign-in', { AccessKeyId: KEY.id, AccessKeySecret: 'nope' }),
    )
    assert.equal(wrong.statusCode, 400)
    assert.equal(wrong.json<{ Code: string }>().Code, 'SignatureDoesNotMatch')
    const unknown = await app.inject(
      post('/console/api/sign-in', { AccessKeyId: 'LTAIother', AccessKeySecret: 'x' }),
    )
    assert.equal(unknown.json<{ Code: string }>().Code, 'InvalidAccessKeyId.NotFound')
    const missing = await app.inject(post('/console/api/sign-in', { AccessKeyId: KEY.id }))
    assert.equal(missing.json<{ Code: string }>().Code, 'MissingParameter')
  })

  test('session reports the account; sign-out ends it', async () => {
    const cookie = await signIn()
    const session = await app.inject({
      method: 'GET',
      url: '/console/api/session',
      headers: { cookie },
    })
    assert.equal(session.json<{ AccountId: string }>().AccountId, ACCOUNT)
    const out = await app.inject(post('/console/api/sign-out', {}, { cookie }))
    assert.match(String(out.headers['set-cookie']), /Max-Age=0/)
    const gone = await app.inject({
      method: 'GET',
      url: '/console/api/session',
      headers: { cookie },
    })
    // Nobody signed in is an answer, not an error: a first visit logs no 403 in the browser.
    assert.equal(gone.statusCode, 200)
    assert.equal(gone.json<{ SignedIn: boolean }>().SignedIn, false)
  })
})

describe('console call endpoint', () => {
  test('runs the registry handler for the session account, with the RPC body shape', async () => {
    const cookie = await signIn()
    const res = await app.inject(
      post(
        '/console/api/call',
        {
          Action: 'DescribeThings',
          Params: { RegionId: 'cn-hangzhou', 'Thing.1': 'a', 'Thing.2': 'b' },
        },
        { cookie, origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' },
      ),
    )
    assert.equal(res.statusCode, 200)
    const body = res.json<{ RequestId: string; Things: unknown }>()
    assert.deepEqual(body.Things, { Thing: ['a', 'b'] })
    assert.equal(body.RequestId, res.headers['x-acs-request-id'])
    assert.equal(seen.at(-1)?.accountId, ACCOUNT)
    assert.equal(seen.at(-1)?.regionId, 'cn-hangzhou')
  })

  test('API errors keep their status, Code and product', async () => {
    const cookie = await signIn()
    const res = await app.inject(
      post('/console/api/call', { Action: 'DescribeVSwitches' }, { cookie }),
    )
    assert.equal(res.statusCode, 404)
    const body = res.json<{ Code: string; Recommend: string; HostId: string }>()
    assert.equal(body.Code, 'InvalidVpcId.NotFound')
    assert.match(body.Recommend, /product=Vpc/)
    assert.equal(body.HostId, HOST)
    const unknown = await app.inject(post('/console/api/call', { Action: 'Nope' }, { cookie }))
    assert.equal(unknown.json<{ Code: string }>().Code, 'InvalidAction.NotFound')
    const bad = await app.inject(
      post('/console/api/call', { Action: 'DescribeThings', Params: { X: {} } }, { cookie }),
    )
    assert.equal(bad.json<{ Code: string }>().Code, 'InvalidParameter')
  })

  test('refuses cross-site requests before looking at the session', async () => {
    const cookie = await signIn()
    const call = { Action: 'DescribeThings' }
    const refused: Array<Record<string, string>> = [
      { cookie, origin: 'http://evil.example' },
      { cookie, origin: 'null' },
      { cookie, 'sec-fetch-site': 'cross-site' },
      { cookie, 'sec-fetch-site': 'same-site' },
      { cookie, 'content-type': 'text/plain' },
      { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    ]
    for (const headers of refused) {
      const res = await app.inject(post('/console/api/call', call, headers))
      assert.equal(res.statusCode, 403, JSON.stringify(headers))
      assert.equal(res.json<{ Code: string }>().Code, 'Forbidden.CrossSite')
    }
    const crossSignIn = await app.inject(
      post(
        '/console/api/sign-in',
        { AccessKeyId: KEY.id, AccessKeySecret: KEY.secret },
        { origin: 'http://evil.example' },
      ),
    )
    assert.equal(crossSignIn.json<{ Code: string }>().Code, 'Forbidden.CrossSite')
  })

  test('without a session → Forbidden.Session', async () => {
    const res = await app.inject(post('/console/api/call', { Action: 'DescribeThings' }))
    assert.equal(res.statusCode, 403)
    assert.equal(res.json<{ Code: string }>().Code, 'Forbidden.Session')
  })
})
