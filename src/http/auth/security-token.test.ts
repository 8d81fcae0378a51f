import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkSecurityToken } from './security-token.js'
import type { SignedRequest } from './verify-request.js'

function v1(params: Record<string, string>): SignedRequest {
  return { method: 'GET', path: '/', rawQuery: '', headers: {}, body: '', params }
}

function v3(accessKeyId: string, headers: Record<string, string> = {}): SignedRequest {
  const authorization = `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=host;x-acs-action,Signature=00`
  return {
    method: 'POST',
    path: '/',
    rawQuery: '',
    headers: { Authorization: authorization, ...headers },
    body: '',
    params: {},
  }
}

const refused = (req: SignedRequest, code: string) =>
  assert.throws(
    () => checkSecurityToken(req),
    (e: unknown) => (e as { code?: string; httpStatus?: number }).code === code,
  )

test('a token eniplane did not issue is malformed (V1 parameter, V3 header)', () => {
  refused(v1({ AccessKeyId: 'LTAIkey', SecurityToken: 'CAIS…' }), 'InvalidSecurityToken.Malformed')
  refused(v1({ AccessKeyId: 'STS.key', SecurityToken: 'CAIS…' }), 'InvalidSecurityToken.Malformed')
  refused(v3('STS.NUxyz', { 'X-Acs-Security-Token': 'CAIS…' }), 'InvalidSecurityToken.Malformed')
})

test('an STS. AccessKeyId without a token is MissingSecurityToken (V1, V3)', () => {
  refused(v1({ AccessKeyId: 'STS.NUxyz' }), 'MissingSecurityToken')
  refused(v1({ AccessKeyId: 'STS.NUxyz', SecurityToken: '' }), 'MissingSecurityToken')
  refused(v3('STS.NUxyz'), 'MissingSecurityToken')
})

test('an account key without a token passes (an empty token counts as absent)', () => {
  checkSecurityToken(v1({ AccessKeyId: 'LTAIkey' }))
  checkSecurityToken(v1({ AccessKeyId: 'LTAIkey', SecurityToken: '' }))
  checkSecurityToken(v3('LTAIkey'))
  checkSecurityToken(v1({}))
})
