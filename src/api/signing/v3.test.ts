import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { nodeCrypto } from '../../http/auth/node-crypto.js'
import {
  EMPTY_PAYLOAD_SHA256,
  canonicalHeadersV3,
  canonicalQueryV3,
  canonicalRequestV3,
  formatAuthorizationV3,
  parseAuthorizationV3,
  signV3,
  stringToSignV3,
} from './v3.js'

describe('wire-protocol.md §5.1 worked example (v3-pure-helper-assign-list-public-host)', () => {
  const query: [string, string][] = [
    ['RegionId', 'cn-hangzhou'],
    ['PrivateIpAddress.2', '10.0.0.11'],
    ['NetworkInterfaceId', 'eni-bp1test0000000001'],
    ['PrivateIpAddress.1', '10.0.0.10'],
  ]
  const headers = {
    host: 'ecs.cn-hangzhou.aliyuncs.com',
    'x-acs-action': 'AssignPrivateIpAddresses',
    'x-acs-content-sha256': EMPTY_PAYLOAD_SHA256,
    'x-acs-date': '2024-05-26T12:00:00Z',
    'x-acs-signature-nonce': '3f1c2a9e-5b7d-4c8e-9a0b-1d2e3f4a5b6c',
    'x-acs-version': '2014-05-26',
  }
  const signedHeaders = Object.keys(headers).reverse()
  const canonicalRequest = [
    'POST',
    '/',
    'NetworkInterfaceId=eni-bp1test0000000001&PrivateIpAddress.1=10.0.0.10&PrivateIpAddress.2=10.0.0.11&RegionId=cn-hangzhou',
    'host:ecs.cn-hangzhou.aliyuncs.com',
    'x-acs-action:AssignPrivateIpAddresses',
    'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'x-acs-date:2024-05-26T12:00:00Z',
    'x-acs-signature-nonce:3f1c2a9e-5b7d-4c8e-9a0b-1d2e3f4a5b6c',
    'x-acs-version:2014-05-26',
    '',
    'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  ].join('\n')
  const toSign =
    'ACS3-HMAC-SHA256\n1cba1082927e100916a12b95aa7b686a847a2c46994b9271ed55ea5b3ab5cc9b'
  const authorization =
    'ACS3-HMAC-SHA256 Credential=testAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=127be31945d4bdb3d1c3dab85da38a5947034e3740e08fdb23e367fb83856137'

  test('the empty payload hash', () => {
    assert.equal(nodeCrypto.sha256Hex(''), EMPTY_PAYLOAD_SHA256)
    assert.equal(nodeCrypto.sha256Hex(new Uint8Array()), EMPTY_PAYLOAD_SHA256)
  })
  test('canonical request', () => {
    assert.equal(
      canonicalRequestV3({
        method: 'post',
        uri: '/',
        query,
        headers,
        signedHeaders,
        hashedPayload: EMPTY_PAYLOAD_SHA256,
      }),
      canonicalRequest,
    )
  })
  test('string to sign, signature and Authorization', () => {
    assert.equal(stringToSignV3(nodeCrypto, canonicalRequest), toSign)
    const signature = signV3(nodeCrypto, 'testAccessKeySecret', toSign)
    assert.equal(signature, '127be31945d4bdb3d1c3dab85da38a5947034e3740e08fdb23e367fb83856137')
    assert.equal(
      formatAuthorizationV3({ credential: 'testAccessKeyId', signedHeaders, signature }),
      authorization,
    )
  })
  test('Authorization parses back', () => {
    assert.deepEqual(parseAuthorizationV3(authorization), {
      ok: true,
      value: {
        algorithm: 'ACS3-HMAC-SHA256',
        credential: 'testAccessKeyId',
        signedHeaders: [...signedHeaders].sort(),
        signature: '127be31945d4bdb3d1c3dab85da38a5947034e3740e08fdb23e367fb83856137',
      },
    })
  })
})

test('canonical query: empty, encoded values, plain sort', () => {
  assert.equal(canonicalQueryV3([]), '')
  assert.equal(
    canonicalQueryV3([
      ['b', "x y*(z)'!"],
      ['a.10', '1'],
      ['a.2', ''],
    ]),
    'a.10=1&a.2=&b=x%20y%2A%28z%29%27%21',
  )
})

test('canonical headers trim values and lower-case names', () => {
  assert.equal(
    canonicalHeadersV3({ host: ' h:1 ', 'x-acs-a': 'v' }, ['X-Acs-A', 'Host']),
    'host:h:1\nx-acs-a:v\n',
  )
})

test('parseAuthorizationV3 reports what is missing', () => {
  assert.equal(parseAuthorizationV3('ACS3-HMAC-SHA256').ok, false)
  const r = parseAuthorizationV3('ACS3-HMAC-SM3 Credential=a,SignedHeaders=host')
  assert.equal(r.ok, false)
  assert.equal(r.ok ? '' : r.algorithm, 'ACS3-HMAC-SM3')
  const spaced = parseAuthorizationV3(
    'ACS3-HMAC-SHA256 Signature=ab, Credential=id, SignedHeaders=X-Acs-Date;host',
  )
  assert.deepEqual(spaced, {
    ok: true,
    value: {
      algorithm: 'ACS3-HMAC-SHA256',
      credential: 'id',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'ab',
    },
  })
})

interface V3Vector {
  id: string
  scheme: string
  accessKeySecret: string
  request: {
    method: string
    path: string
    query: [string, string][]
    signedHeaders: Record<string, string>
    rawBody: string
  }
  intermediate?: {
    hashedPayload: string
    canonicalQueryString: string
    canonicalHeaders: string
    signedHeaderList: string
    canonicalRequest: string
    stringToSign: string
  }
  expected: { signature: string; authorization: string; valid: boolean }
}
const vectors = (
  JSON.parse(
    readFileSync(
      new URL('../../http/auth/testdata/signature-vectors.json', import.meta.url),
      'utf8',
    ),
  ) as { vectors: V3Vector[] }
).vectors.filter((v) => v.scheme === 'ACS3-HMAC-SHA256' && v.expected.valid)

describe('every positive V3 vector reproduces its intermediate strings', () => {
  for (const v of vectors) {
    test(v.id, () => {
      const r = v.request
      const i = v.intermediate
      const signedHeaders = Object.keys(r.signedHeaders)
      const hashedPayload = nodeCrypto.sha256Hex(Buffer.from(r.rawBody))
      assert.equal(hashedPayload, i?.hashedPayload)
      assert.equal(canonicalQueryV3(r.query), i?.canonicalQueryString)
      assert.equal(canonicalHeadersV3(r.signedHeaders, signedHeaders), i?.canonicalHeaders)
      const canonical = canonicalRequestV3({
        method: r.method,
        uri: r.path,
        query: r.query,
        headers: r.signedHeaders,
        signedHeaders,
        hashedPayload,
      })
      assert.equal(canonical, i?.canonicalRequest)
      const toSign = stringToSignV3(nodeCrypto, canonical)
      assert.equal(toSign, i?.stringToSign)
      const signature = signV3(nodeCrypto, v.accessKeySecret, toSign)
      assert.equal(signature, v.expected.signature)
      assert.equal(
        formatAuthorizationV3({ credential: 'testAccessKeyId', signedHeaders, signature }),
        v.expected.authorization,
      )
    })
  }
})
