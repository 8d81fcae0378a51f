// Fuzzing the RPC endpoint (issue 13): ≥ 10,000 seeded malformed and hostile requests, generated
// with fast-check, against the real server (real signature verifier, nonce ledger and SQLite
// store; requests through Fastify's inject): random, missing, repeated and oversized parameters,
// huge lists, bad encodings and types, tampered signatures, correctly signed calls without a
// Version or on resources that do not exist, odd content types, oversized bodies, V3 garbage.
// Expected: no 5xx, every error an Alibaba envelope with a Code, no resource changed, and the
// server still healthy and serving afterwards.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

import Database from 'better-sqlite3'
import fc from 'fast-check'

import { versionForAction } from '../../api/action-versions.js'
import {
  formatQuery,
  percentEncode,
  signV1,
  sortPairs,
  type Pair,
} from '../../api/signing/index.js'
import { nodeCrypto } from '../../client/node-crypto.js'
import { RpcClient } from '../../client/rpc-client.js'
import { DEFAULT_SERVER_CONFIG } from '../../config/server-config.js'
import { startServer, type RunningServer } from '../../main.js'

const RUNS = Number(process.env['ENI_FUZZ_RUNS'] ?? 10_000)
const SEED = Number(process.env['ENI_FUZZ_SEED'] ?? 20261207)
const KEY = { id: 'LTAIfuzzfuzzfuzz0001', secret: 'fuzz-secret-fuzz-secret-00001' }

let dir: string
let server: RunningServer
let db: Database.Database
let eniId: string

/**
 * Every resource table, sorted: the replica bookkeeping tables (nonces, …) may change, and so may
 * the audit trail (events) and the failed-execution records of ClientTokens (IdempotentFailed),
 * which record refused calls by design.
 */
function snapshot(): string {
  const skip = new Set(['nonces', 'rate_limits', 'console_sessions', 'schema_migrations', 'events'])
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string
    }[]
  ).filter((t) => !skip.has(t.name))
  return JSON.stringify(
    tables.map((t) => [
      t.name,
      db
        .prepare(
          t.name === 'idempotency'
            ? `SELECT * FROM idempotency WHERE result NOT LIKE '!failed:%' ORDER BY 1, 2`
            : `SELECT * FROM "${t.name}" ORDER BY 1, 2`,
        )
        .all(),
    ]),
  )
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eniplane-fuzz-'))
  server = await startServer(
    {
      ...DEFAULT_SERVER_CONFIG,
      port: 0,
      db: join(dir, 'fuzz.db'),
      dataDir: dir,
      asyncDelayMs: 0,
      logLevel: 'silent',
    },
    { ENIPLANE_ACCESS_KEY_ID: KEY.id, ENIPLANE_ACCESS_KEY_SECRET: KEY.secret },
    () => undefined,
  )
  const api = new RpcClient({
    endpoint: server.url,
    accessKeyId: KEY.id,
    accessKeySecret: KEY.secret,
  })
  const call = (action: string, params: Record<string, string | number>) =>
    api.call(action, { RegionId: 'cn-hangzhou', ...params })
  const vpc = String((await call('CreateVpc', { CidrBlock: '192.168.0.0/16' }))['VpcId'])
  await settle(api, 'DescribeVpcs', { VpcId: vpc })
  const vsw = String(
    (
      await call('CreateVSwitch', {
        VpcId: vpc,
        ZoneId: 'cn-hangzhou-h',
        CidrBlock: '192.168.1.0/24',
      })
    )['VSwitchId'],
  )
  await settle(api, 'DescribeVSwitches', { VSwitchId: vsw })
  const sg = String((await call('CreateSecurityGroup', { VpcId: vpc }))['SecurityGroupId'])
  eniId = String(
    (await call('CreateNetworkInterface', { VSwitchId: vsw, SecurityGroupId: sg }))[
      'NetworkInterfaceId'
    ],
  )
  await call('AssignPrivateIpAddresses', {
    NetworkInterfaceId: eniId,
    SecondaryPrivateIpAddressCount: 3,
  })
  db = new Database(join(dir, 'fuzz.db'), { readonly: true })
})

after(async () => {
  db?.close()
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function settle(api: RpcClient, action: string, params: Record<string, string>) {
  for (let i = 0; i < 200; i++) {
    const r = await api.call(action, { RegionId: 'cn-hangzhou', ...params })
    if (JSON.stringify(r).includes('"Status":"Available"')) return
    await new Promise((res) => setTimeout(res, 10))
  }
  throw new Error(`${action} never became Available`)
}

// --- generators ---------------------------------------------------------------------------

const junk = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    '%',
    '%ZZ',
    '\u0000',
    '\uFFFD',
    '\uD800',
    '../../etc/passwd',
    "' OR 1=1 --",
    '-1',
    '0',
    '1e309',
    'NaN',
    'true',
    '[]',
    '{"a":1}',
    '<x/>',
    '9'.repeat(400),
    'a'.repeat(5000),
    '192.168.1.300',
    '192.168.1.0/33',
    '2014-05-26',
    'cn-hangzhou',
  ),
)

const PARAMS = [
  'Action',
  'Version',
  'Format',
  'RegionId',
  'NetworkInterfaceId',
  'PrivateIpAddress.1',
  'PrivateIpAddress.2',
  'PrivateIpAddress.0',
  'PrivateIpAddress.99999',
  'SecondaryPrivateIpAddressCount',
  'VSwitchId',
  'VpcId',
  'SecurityGroupId',
  'SecurityGroupIds.1',
  'InstanceId',
  'CidrBlock',
  'ZoneId',
  'MaxResults',
  'NextToken',
  'PageSize',
  'PageNumber',
  'ClientToken',
  'NetworkInterfaceIds.1',
  'Signature',
  'SignatureNonce',
  'Timestamp',
  'AccessKeyId',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureType',
]
const paramName = fc.oneof(fc.constantFrom(...PARAMS), junk)
const pairs = fc.array(fc.tuple(paramName, junk), { maxLength: 12 })

/** Mutating actions and the id parameter each needs; the id is always one that does not exist. */
const TARGETED: Record<string, readonly string[]> = {
  AssignPrivateIpAddresses: ['NetworkInterfaceId'],
  UnassignPrivateIpAddresses: ['NetworkInterfaceId'],
  DeleteNetworkInterface: ['NetworkInterfaceId'],
  AttachNetworkInterface: ['NetworkInterfaceId', 'InstanceId'],
  DetachNetworkInterface: ['NetworkInterfaceId', 'InstanceId'],
  ModifyNetworkInterfaceAttribute: ['NetworkInterfaceId'],
  CreateNetworkInterface: ['VSwitchId'],
  CreateVSwitch: ['VpcId'],
  CreateSecurityGroup: ['VpcId'],
  DeleteVpc: ['VpcId'],
  DeleteVSwitch: ['VSwitchId'],
  DeleteSecurityGroup: ['SecurityGroupId'],
  StartInstance: ['InstanceId'],
  StopInstance: ['InstanceId'],
  DeleteInstance: ['InstanceId'],
  RunInstances: ['VSwitchId'],
  CreateInstance: ['VSwitchId'],
}
const READS = [
  'DescribeNetworkInterfaces',
  'DescribeNetworkInterfaceAttribute',
  'DescribeVpcs',
  'DescribeVSwitches',
  'DescribeSecurityGroups',
  'DescribeInstances',
  'DescribeRegions',
  'DescribeZones',
  'DescribeInstanceTypes',
  'DescribeImages',
  'DescribeEniplaneOperations',
  'EniplaneNoOp',
]
const missingId = fc.oneof(
  junk,
  fc
    .tuple(fc.constantFrom('eni', 'vpc', 'vsw', 'sg', 'i'), fc.stringMatching(/^[a-z0-9]{1,24}$/))
    .map(([p, s]) => `${p}-nope${s}`),
)
const version = fc.oneof(
  fc.constant<string | undefined>(undefined),
  fc.constantFrom('', '2014-05-26', '2016-04-28', '2015-04-01', '1999-01-01'),
  junk,
)

interface Req {
  readonly kind: string
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  readonly url: string
  readonly headers: Record<string, string>
  readonly body?: string
}

let nonceCounter = 0
function signedQuery(list: Pair[], method: 'GET' | 'POST'): string {
  const all: Pair[] = [
    ...list,
    ['AccessKeyId', KEY.id],
    ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureVersion', '1.0'],
    ['SignatureNonce', `fuzz-${SEED}-${++nonceCounter}-${Math.random()}`],
    ['Timestamp', new Date().toISOString().replace(/\.\d+Z$/, 'Z')],
    ['Format', 'JSON'],
  ]
  const sorted = sortPairs(new Map(all))
  return `${formatQuery(sorted)}&Signature=${percentEncode(signV1(nodeCrypto, method, sorted, KEY.secret))}`
}

function asRequest(
  kind: string,
  query: string,
  method: 'GET' | 'POST',
  extra: Partial<Req> = {},
): Req {
  return method === 'GET'
    ? { kind, method, url: `/?${query}`, headers: {}, ...extra }
    : {
        kind,
        method,
        url: '/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: query,
        ...extra,
      }
}

const httpMethod = fc.constantFrom<'GET' | 'POST'>('GET', 'POST')

const unsigned = fc
  .tuple(pairs, fc.constantFrom<Req['method']>('GET', 'POST', 'PUT', 'DELETE'), fc.boolean())
  .map(([ps, method, raw]): Req => {
    const q = ps
      .map(([k, v]) => (raw ? `${k}=${v}` : `${percentEncode(k)}=${percentEncode(v)}`))
      .join('&')
    return method === 'GET' || method === 'DELETE'
      ? { kind: 'unsigned', method, url: `/?${q.replace(/[#\s]/g, '')}`, headers: {} }
      : {
          kind: 'unsigned',
          method,
          url: '/',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: q,
        }
  })

const tampered = fc
  .tuple(fc.constantFrom(...Object.keys(TARGETED), ...READS), pairs, httpMethod, fc.nat(), junk)
  .map(([action, ps, method, at, replacement]): Req => {
    // A valid signature over the real ENI, then one byte of the request changed.
    const q = signedQuery(
      [
        ['Action', action],
        ['Version', versionForAction(action)],
        ['RegionId', 'cn-hangzhou'],
        ['NetworkInterfaceId', eniId],
        ...dedupe(ps),
      ],
      method,
    )
    const parts = q.split('&')
    const i = at % parts.length
    const [k] = (parts[i] ?? '').split('=')
    parts[i] = `${k}=${percentEncode(replacement === '' ? 'x' : replacement)}`
    return asRequest('tampered', parts.join('&'), method)
  })

const signedHostile = fc
  .tuple(
    fc.constantFrom(...Object.keys(TARGETED)),
    pairs,
    httpMethod,
    version,
    fc.array(missingId, { minLength: 2, maxLength: 2 }),
  )
  .map(([action, ps, method, v, ids]): Req => {
    const list: Pair[] = [
      ['Action', action],
      ['RegionId', 'cn-hangzhou'],
    ]
    if (v !== undefined) list.push(['Version', v])
    const idNames = TARGETED[action] ?? []
    const rest = dedupe(ps).filter(
      ([k]) => !idNames.includes(k) && !list.some(([n]) => n === k) && !isCommon(k),
    )
    idNames.forEach((name, i) => list.push([name, ids[i] ?? 'x']))
    return asRequest('signed-hostile', signedQuery([...list, ...rest], method), method)
  })

const signedReads = fc
  .tuple(fc.constantFrom(...READS), pairs, httpMethod, version)
  .map(([action, ps, method, v]): Req => {
    const list: Pair[] = [['Action', action]]
    if (v !== undefined) list.push(['Version', v])
    const rest = dedupe(ps).filter(([k]) => !isCommon(k) && k !== 'Action' && k !== 'Version')
    return asRequest('signed-read', signedQuery([...list, ...rest], method), method)
  })

/** The finding: a correctly signed change on a real ENI without (or with an empty) Version. */
const noVersion = fc
  .tuple(
    fc.constantFrom(
      'DeleteNetworkInterface',
      'AssignPrivateIpAddresses',
      'ModifyNetworkInterfaceAttribute',
    ),
    fc.constantFrom<string | undefined>(undefined, ''),
    httpMethod,
  )
  .map(([action, v, method]): Req => {
    const list: Pair[] = [
      ['Action', action],
      ['RegionId', 'cn-hangzhou'],
      ['NetworkInterfaceId', eniId],
      ['SecondaryPrivateIpAddressCount', '1'],
      ['Description', 'changed'],
    ]
    if (v !== undefined) list.push(['Version', v])
    return asRequest('no-version', signedQuery(list, method), method)
  })

const hugeList = fc.tuple(fc.integer({ min: 51, max: 800 }), httpMethod).map(([n, method]): Req => {
  const list: Pair[] = [
    ['Action', 'AssignPrivateIpAddresses'],
    ['Version', '2014-05-26'],
    ['RegionId', 'cn-hangzhou'],
    ['NetworkInterfaceId', 'eni-nope0000'],
  ]
  for (let i = 1; i <= n; i++)
    list.push([`PrivateIpAddress.${i}`, `10.0.${(i >> 8) & 255}.${i & 255}`])
  return asRequest('huge-list', signedQuery(list, 'POST'), method === 'GET' ? 'POST' : method)
})

const repeated = fc.tuple(fc.constantFrom(...PARAMS), junk, junk).map(([k, a, b]): Req => {
  const q = `Action=DescribeVpcs&Version=2016-04-28&${percentEncode(k)}=${percentEncode(a)}&${percentEncode(k)}=${percentEncode(b)}`
  return asRequest('repeated', q, 'GET')
})

const oddBody = fc
  .tuple(
    fc.constantFrom(
      'application/json',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded; charset=latin1',
      'application/xml',
      '',
      '*/*',
      'application/x-www-form-urlencoded',
    ),
    fc.oneof(
      junk,
      fc.json({ maxDepth: 3 }),
      fc.constantFrom('x'.repeat(1024 * 1024 + 1), '%'.repeat(3000)),
    ),
  )
  .map(([type, body]): Req => ({
    kind: 'odd-body',
    method: 'POST',
    url: '/?Action=DescribeVpcs&Version=2016-04-28',
    headers: type === '' ? {} : { 'content-type': type },
    body,
  }))

const v3Garbage = fc.tuple(junk, junk, junk).map(([auth, date, hash]): Req => ({
  kind: 'v3-garbage',
  method: 'POST',
  url: '/',
  headers: {
    authorization: `ACS3-HMAC-SHA256 ${auth}`,
    'x-acs-action': 'DeleteNetworkInterface',
    'x-acs-version': '2014-05-26',
    'x-acs-date': date,
    'x-acs-signature-nonce': 'n',
    'x-acs-content-sha256': hash,
    host: '127.0.0.1',
    'content-type': 'application/x-www-form-urlencoded',
  },
  body: `RegionId=cn-hangzhou&NetworkInterfaceId=${eniId}`,
}))

const request = fc.oneof(
  { arbitrary: unsigned, weight: 3 },
  { arbitrary: tampered, weight: 3 },
  { arbitrary: signedHostile, weight: 4 },
  { arbitrary: signedReads, weight: 2 },
  { arbitrary: noVersion, weight: 1 },
  { arbitrary: hugeList, weight: 1 },
  { arbitrary: repeated, weight: 1 },
  { arbitrary: oddBody, weight: 1 },
  { arbitrary: v3Garbage, weight: 1 },
)

function isCommon(k: string): boolean {
  return [
    'AccessKeyId',
    'SignatureMethod',
    'SignatureVersion',
    'SignatureNonce',
    'Timestamp',
    'Format',
    'Signature',
    'SignatureType',
  ].includes(k)
}

function dedupe(ps: readonly (readonly [string, string])[]): Pair[] {
  const seen = new Set<string>()
  const out: Pair[] = []
  for (const [k, v] of ps) {
    if (k === '' || seen.has(k) || isCommon(k) || k === 'Action' || k === 'Version') continue
    seen.add(k)
    out.push([k, v])
  }
  return out
}

// --- the property -------------------------------------------------------------------------

test(
  `${RUNS} hostile requests: no 5xx, no state change, still healthy`,
  { timeout: 600_000 },
  async (t) => {
    const before = snapshot()
    const kinds = new Map<string, number>()
    let fivexx = 0
    let total = 0
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        total++
        kinds.set(req.kind, (kinds.get(req.kind) ?? 0) + 1)
        const res = await server.app.inject({
          method: req.method,
          url: req.url,
          headers: req.headers,
          ...(req.body === undefined ? {} : { payload: req.body }),
        })
        if (res.statusCode >= 500) fivexx++
        assert.ok(res.statusCode < 500, `${req.kind} → ${res.statusCode} ${res.body.slice(0, 300)}`)
        if (req.kind === 'no-version') {
          assert.equal(res.statusCode, 400)
          assert.equal((JSON.parse(res.body) as { Code?: string }).Code, 'MissingParameter')
        }
        if (res.statusCode >= 400 && res.headers['content-type']?.toString().includes('json')) {
          const body = JSON.parse(res.body) as Record<string, unknown>
          assert.equal(typeof body['Code'], 'string')
          assert.equal(typeof body['RequestId'], 'string')
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    )
    assert.equal(fivexx, 0)
    assert.equal(snapshot(), before, 'no resource changed')
    const health = await server.app.inject({ method: 'GET', url: '/healthz' })
    assert.equal(health.statusCode, 200)
    const api = new RpcClient({
      endpoint: server.url,
      accessKeyId: KEY.id,
      accessKeySecret: KEY.secret,
    })
    const enis = await api.call('DescribeNetworkInterfaces', { RegionId: 'cn-hangzhou' })
    assert.ok(JSON.stringify(enis).includes(eniId), 'still serving real calls')
    t.diagnostic(
      `fuzzed ${total} requests (seed ${SEED}); 5xx: ${fivexx}; by kind: ${JSON.stringify(Object.fromEntries(kinds))}`,
    )
    assert.ok(total >= RUNS)
  },
)
