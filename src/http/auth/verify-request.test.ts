import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { formatQuery, parseQuery } from '../../api/signing/index.js'
import { MemoryNonceCache } from './nonce-cache.js'
import { verifySignature, type SignedRequest } from './verify-request.js'

type Pairs = [string, string][]
interface Vector {
  id: string
  scheme: 'V1-HMAC-SHA1' | 'ACS3-HMAC-SHA256'
  accessKeyId: string
  accessKeySecret: string
  request: {
    method: string
    path: string
    rawQuery?: string
    params?: Pairs
    query?: Pairs
    wireHeaders?: Pairs
    signedHeaders?: Record<string, string>
    unsignedHeaders?: Record<string, string>
    contentType?: string | null
    rawBody?: string
  }
  expected: { signature: string; authorization?: string; valid: boolean }
}
interface VectorFile {
  fixed: { accessKeyId: string; accessKeySecret: string; timestamp: string; nonce: string }
  vectors: Vector[]
}

const file = JSON.parse(
  readFileSync(new URL('./testdata/signature-vectors.json', import.meta.url), 'utf8'),
) as VectorFile
const fixedNow = new Date(file.fixed.timestamp)

/** Turns a vector into the request the HTTP layer would hand to the verifier. */
function toRequest(v: Vector): SignedRequest {
  const r = v.request
  const headers: Record<string, string> = {}
  if (r.wireHeaders != null) {
    for (const [name, value] of r.wireHeaders) headers[name.toLowerCase()] = value
  } else {
    // Helper-produced vectors carry no wire capture: rebuild it from the signed pieces.
    Object.assign(headers, r.signedHeaders, r.unsignedHeaders)
    if (v.expected.authorization != null) headers['authorization'] = v.expected.authorization
  }
  let rawQuery = r.rawQuery
  if (rawQuery == null) {
    const pairs: Pairs = [...(r.query ?? r.params ?? [])]
    if (v.scheme === 'V1-HMAC-SHA1') pairs.push(['Signature', v.expected.signature])
    rawQuery = formatQuery(pairs)
  }
  const body = r.rawBody ?? ''
  const params: Record<string, string> = {}
  const isForm = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
  for (const [name, value] of [...parseQuery(rawQuery), ...(isForm ? parseQuery(body) : [])]) {
    params[name] = value
  }
  return { method: r.method, path: r.path, rawQuery, headers, body: Buffer.from(body), params }
}

function lookupFor(v: Vector) {
  return async (id: string) => (id === v.accessKeyId ? v.accessKeySecret : undefined)
}

describe('signature vectors', () => {
  test('the file holds 23 vectors, 3 negative', () => {
    assert.equal(file.vectors.length, 23)
    assert.equal(file.vectors.filter((v) => !v.expected.valid).length, 3)
  })

  for (const v of file.vectors) {
    test(`${v.id} ${v.expected.valid ? 'verifies' : 'is rejected'}`, async () => {
      const run = verifySignature(toRequest(v), lookupFor(v), fixedNow, new MemoryNonceCache())
      if (v.expected.valid) {
        const caller = await run
        assert.equal(caller.accessKeyId, v.accessKeyId)
        assert.equal(caller.scheme, v.scheme === 'V1-HMAC-SHA1' ? 'V1' : 'V3')
        assert.equal(caller.version, '2014-05-26')
        assert.match(caller.action ?? '', /^[A-Z][A-Za-z]+$/)
      } else {
        await assert.rejects(run, { code: 'SignatureDoesNotMatch', httpStatus: 400 })
      }
    })
  }
})

function vector(id: string): Vector {
  const v = file.vectors.find((x) => x.id === id)
  assert.ok(v, id)
  return structuredClone(v)
}

const minute = 60_000
const v1Get = 'v1-pop-get-assign-list'
const v1Form = 'v1-pop-post-form-assign-list'
const v3 = 'v3-ecs7-assign-list'
const v3Sts = 'v3-ecs7-attach-sts'

async function rejects(
  req: SignedRequest,
  code: string,
  opts: { now?: Date; lookup?: (id: string) => Promise<string | undefined> } = {},
): Promise<void> {
  const lookup = opts.lookup ?? (async () => 'testAccessKeySecret')
  await assert.rejects(
    verifySignature(req, lookup, opts.now ?? fixedNow, new MemoryNonceCache()),
    (e: unknown) => {
      assert.equal((e as { code?: unknown }).code, code)
      return true
    },
  )
}

describe('verifySignature details', () => {
  test('returns action, version and STS token', async () => {
    const v = vector(v3Sts)
    const caller = await verifySignature(
      toRequest(v),
      lookupFor(v),
      fixedNow,
      new MemoryNonceCache(),
    )
    assert.deepEqual(caller, {
      accessKeyId: 'testAccessKeyId',
      scheme: 'V3',
      action: 'AttachNetworkInterface',
      version: '2014-05-26',
      securityToken: 'testSecurityToken',
    })
    const v1 = vector('v1-ecs7-post-attach-sts')
    const c1 = await verifySignature(toRequest(v1), lookupFor(v1), fixedNow, new MemoryNonceCache())
    assert.equal(c1.securityToken, 'testSecurityToken')
    assert.equal(c1.action, 'AttachNetworkInterface')
  })

  for (const id of [v1Get, v1Form, v3]) {
    test(`${id}: a replayed nonce is refused`, async () => {
      const v = vector(id)
      const nonces = new MemoryNonceCache()
      await verifySignature(toRequest(v), lookupFor(v), fixedNow, nonces)
      await assert.rejects(
        verifySignature(toRequest(v), lookupFor(v), new Date(fixedNow.getTime() + minute), nonces),
        { code: 'SignatureNonceUsed' },
      )
    })

    test(`${id}: ±15 minutes is accepted, beyond is expired`, async () => {
      const v = vector(id)
      for (const delta of [15 * minute, -15 * minute]) {
        const now = new Date(fixedNow.getTime() + delta)
        await verifySignature(toRequest(v), lookupFor(v), now, new MemoryNonceCache())
      }
      for (const delta of [15 * minute + 1000, -15 * minute - 1000]) {
        await rejects(toRequest(v), 'InvalidTimeStamp.Expired', {
          now: new Date(fixedNow.getTime() + delta),
        })
      }
    })

    test(`${id}: an unknown AccessKeyId is not found`, async () => {
      await rejects(toRequest(vector(id)), 'InvalidAccessKeyId.NotFound', {
        lookup: async () => undefined,
      })
    })
  }

  test('headers are matched case-insensitively', async () => {
    const v = vector(v3)
    const req = toRequest(v)
    const upper = Object.fromEntries(
      Object.entries(req.headers).map(([k, val]) => [k.toUpperCase(), val]),
    )
    await verifySignature(
      { ...req, headers: upper },
      lookupFor(v),
      fixedNow,
      new MemoryNonceCache(),
    )
  })

  describe('V1 rejections', () => {
    for (const name of [
      'Signature',
      'AccessKeyId',
      'SignatureMethod',
      'SignatureVersion',
      'SignatureNonce',
      'Timestamp',
    ]) {
      test(`missing ${name}`, async () => {
        const req = toRequest(vector(v1Get))
        const params = { ...req.params }
        delete params[name]
        await rejects({ ...req, params }, 'MissingParameter')
      })
    }

    test('no signature at all', async () => {
      await rejects(
        { method: 'GET', path: '/', rawQuery: '', headers: {}, body: '', params: {} },
        'MissingParameter',
      )
    })

    test('another SignatureMethod or SignatureVersion', async () => {
      const req = toRequest(vector(v1Get))
      await rejects(
        { ...req, params: { ...req.params, SignatureMethod: 'HMAC-SHA256' } },
        'InvalidSignatureMethod',
      )
      await rejects(
        { ...req, params: { ...req.params, SignatureVersion: '2.0' } },
        'InvalidSignatureMethod',
      )
    })

    test('malformed Timestamp', async () => {
      const req = toRequest(vector(v1Get))
      for (const ts of [
        '2024-05-26 12:00:00',
        '2024-13-26T12:00:00Z',
        '1716724800',
        '2024-02-30T00:00:00Z',
      ]) {
        await rejects(
          { ...req, params: { ...req.params, Timestamp: ts } },
          'InvalidTimeStamp.Format',
        )
      }
    })

    test('the method is signed: a POST form replayed as GET fails', async () => {
      const req = toRequest(vector(v1Form))
      await rejects({ ...req, method: 'GET' }, 'SignatureDoesNotMatch')
    })

    test('an added parameter fails', async () => {
      const req = toRequest(vector(v1Get))
      await rejects({ ...req, params: { ...req.params, Extra: 'x' } }, 'SignatureDoesNotMatch')
    })

    test('an over-long nonce is refused', async () => {
      const req = toRequest(vector(v1Get))
      await rejects(
        { ...req, params: { ...req.params, SignatureNonce: 'n'.repeat(129) } },
        'InvalidParameter',
      )
    })
  })

  describe('V3 rejections', () => {
    function withHeader(
      req: SignedRequest,
      name: string,
      value: string | undefined,
    ): SignedRequest {
      const headers = { ...req.headers }
      if (value == null) delete headers[name]
      else headers[name] = value
      return { ...req, headers }
    }

    test('another algorithm', async () => {
      const req = toRequest(vector(v3))
      const auth = String(req.headers['authorization'])
      for (const alg of ['ACS3-HMAC-SM3', 'ACS3-RSA-SHA256', 'ACS4-HMAC-SHA256']) {
        await rejects(
          withHeader(req, 'authorization', auth.replace('ACS3-HMAC-SHA256', alg)),
          'InvalidSignatureMethod',
        )
      }
    })

    test('a malformed Authorization header', async () => {
      const req = toRequest(vector(v3))
      for (const bad of [
        'ACS3-HMAC-SHA256',
        'ACS3-HMAC-SHA256 Credential=testAccessKeyId',
        'ACS3-HMAC-SHA256 Credential=testAccessKeyId,SignedHeaders=host',
      ]) {
        await rejects(withHeader(req, 'authorization', bad), 'IncompleteSignature')
      }
    })

    test('a required header left out of SignedHeaders', async () => {
      const req = toRequest(vector(v3))
      const auth = String(req.headers['authorization']).replace('x-acs-date;', '')
      await rejects(withHeader(req, 'authorization', auth), 'IncompleteSignature')
    })

    test('a signed header missing from the request', async () => {
      await rejects(
        withHeader(toRequest(vector(v3)), 'x-acs-credentials-provider', undefined),
        'IncompleteSignature',
      )
    })

    test('tampered query, host, action or method', async () => {
      const req = toRequest(vector(v3))
      await rejects(
        { ...req, rawQuery: req.rawQuery.replace('10.0.0.11', '10.0.0.12') },
        'SignatureDoesNotMatch',
      )
      await rejects(withHeader(req, 'host', 'localhost:18080'), 'SignatureDoesNotMatch')
      await rejects(
        withHeader(req, 'x-acs-action', 'DeleteNetworkInterface'),
        'SignatureDoesNotMatch',
      )
      await rejects({ ...req, method: 'GET' }, 'SignatureDoesNotMatch')
    })

    test('a tampered unsigned header is ignored', async () => {
      const v = vector(v3)
      const req = withHeader(toRequest(v), 'user-agent', 'something else')
      await verifySignature(req, lookupFor(v), fixedNow, new MemoryNonceCache())
    })

    test('a body on a request signed with the empty-payload hash', async () => {
      await rejects(
        { ...toRequest(vector(v3)), body: 'RegionId=cn-beijing' },
        'SignatureDoesNotMatch',
      )
    })

    test('malformed or expired x-acs-date', async () => {
      const req = toRequest(vector(v3))
      await rejects(withHeader(req, 'x-acs-date', 'yesterday'), 'InvalidTimeStamp.Format')
      await rejects(
        withHeader(req, 'x-acs-date', '2024-05-26T11:00:00Z'),
        'InvalidTimeStamp.Expired',
      )
    })

    test('tolerates spaces after the commas of Authorization', async () => {
      const v = vector(v3)
      const req = toRequest(v)
      const auth = String(req.headers['authorization']).replaceAll(',', ', ')
      await verifySignature(
        withHeader(req, 'authorization', auth),
        lookupFor(v),
        fixedNow,
        new MemoryNonceCache(),
      )
    })
  })
})
