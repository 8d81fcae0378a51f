import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { nodeCrypto } from '../../http/auth/node-crypto.js'
import { canonicalizeV1, signV1, stringToSignV1 } from './v1.js'

describe('wire-protocol.md §4.1 worked example (v1-pop-get-assign-list)', () => {
  const params: Record<string, string> = {
    AccessKeyId: 'testAccessKeyId',
    Action: 'AssignPrivateIpAddresses',
    Format: 'JSON',
    NetworkInterfaceId: 'eni-bp1test0000000001',
    'PrivateIpAddress.1': '10.0.0.10',
    'PrivateIpAddress.2': '10.0.0.11',
    RegionId: 'cn-hangzhou',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3f1c2a9e-5b7d-4c8e-9a0b-1d2e3f4a5b6c',
    SignatureVersion: '1.0',
    Timestamp: '2024-05-26T12:00:00Z',
    Version: '2014-05-26',
  }
  const canonical =
    'AccessKeyId=testAccessKeyId&Action=AssignPrivateIpAddresses&Format=JSON&NetworkInterfaceId=eni-bp1test0000000001&PrivateIpAddress.1=10.0.0.10&PrivateIpAddress.2=10.0.0.11&RegionId=cn-hangzhou&SignatureMethod=HMAC-SHA1&SignatureNonce=3f1c2a9e-5b7d-4c8e-9a0b-1d2e3f4a5b6c&SignatureVersion=1.0&Timestamp=2024-05-26T12%3A00%3A00Z&Version=2014-05-26'
  const toSign =
    'GET&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DAssignPrivateIpAddresses%26Format%3DJSON%26NetworkInterfaceId%3Deni-bp1test0000000001%26PrivateIpAddress.1%3D10.0.0.10%26PrivateIpAddress.2%3D10.0.0.11%26RegionId%3Dcn-hangzhou%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3f1c2a9e-5b7d-4c8e-9a0b-1d2e3f4a5b6c%26SignatureVersion%3D1.0%26Timestamp%3D2024-05-26T12%253A00%253A00Z%26Version%3D2014-05-26'

  test('canonicalized query string', () => {
    assert.equal(canonicalizeV1(params), canonical)
  })
  test('Signature is excluded and input order does not matter', () => {
    const shuffled = Object.entries(params).reverse()
    shuffled.push(['Signature', 'ignored'])
    assert.equal(canonicalizeV1(shuffled), canonical)
  })
  test('string to sign', () => {
    assert.equal(stringToSignV1('GET', canonical), toSign)
    assert.equal(stringToSignV1('get', canonical), toSign)
  })
  test('signatures for GET, POST, and POST with Format=json', () => {
    const secret = 'testAccessKeySecret'
    assert.equal(signV1(nodeCrypto, 'GET', params, secret), 'ZylYMQ5cXxf3NHOghNK9dYzCkkA=')
    assert.equal(signV1(nodeCrypto, 'POST', params, secret), 'CCXCYHxJJk7+ClsAsdz4OCV3sB0=')
    assert.equal(
      signV1(nodeCrypto, 'POST', { ...params, Format: 'json' }, secret),
      '53WnXTAlyZNJBzH6wf8lltnjf5A=',
    )
  })
})

interface V1Vector {
  id: string
  scheme: string
  accessKeySecret: string
  request: { method: string; params: [string, string][] }
  intermediate?: { canonicalizedQueryString: string; stringToSign: string; hmacKey: string }
  expected: { signature: string; valid: boolean }
}
const vectors = (
  JSON.parse(
    readFileSync(
      new URL('../../http/auth/testdata/signature-vectors.json', import.meta.url),
      'utf8',
    ),
  ) as { vectors: V1Vector[] }
).vectors.filter((v) => v.scheme === 'V1-HMAC-SHA1' && v.expected.valid)

describe('every positive V1 vector reproduces its intermediate strings', () => {
  for (const v of vectors) {
    test(v.id, () => {
      const { method, params } = v.request
      const canonical = canonicalizeV1(params)
      assert.equal(canonical, v.intermediate?.canonicalizedQueryString)
      assert.equal(stringToSignV1(method, canonical), v.intermediate?.stringToSign)
      assert.equal(signV1(nodeCrypto, method, params, v.accessKeySecret), v.expected.signature)
    })
  }
})
