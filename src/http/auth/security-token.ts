// STS credentials on the wire (extensions.md §5.3): a temporary AccessKeyId starts with `STS.`
// and travels with its SecurityToken — V1 query/form parameter `SecurityToken`, V3 header
// `x-acs-security-token`. eniplane issues no temporary credentials, so any token it is shown is
// one it did not issue (`InvalidSecurityToken.Malformed`), and an `STS.` key without a token is
// `MissingSecurityToken`. Checked before the key is looked up: an STS key is never stored here.
// An empty token counts as absent (the SDKs omit an unset one).
import { parseAuthorizationV3 } from '../../api/signing/index.js'
import { errors } from '../../domain/errors.js'
import type { SignedRequest } from './verify-request.js'

export function checkSecurityToken(req: SignedRequest): void {
  const { accessKeyId, token } = credentialOf(req)
  if (token !== undefined && token !== '') throw errors.invalidSecurityTokenMalformed()
  if (accessKeyId?.startsWith('STS.') === true) throw errors.missingSecurityToken()
}

function credentialOf(req: SignedRequest): { accessKeyId?: string; token?: string } {
  const authorization = header(req, 'authorization')
  if (authorization !== undefined && /^ACS\d/i.test(authorization.trim())) {
    const parsed = parseAuthorizationV3(authorization)
    const token = header(req, 'x-acs-security-token')
    return {
      ...(parsed.ok ? { accessKeyId: parsed.value.credential } : {}),
      ...(token !== undefined ? { token } : {}),
    }
  }
  const accessKeyId = req.params['AccessKeyId']
  const token = req.params['SecurityToken']
  return {
    ...(accessKeyId !== undefined ? { accessKeyId } : {}),
    ...(token !== undefined ? { token } : {}),
  }
}

function header(req: SignedRequest, name: string): string | undefined {
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.toLowerCase() !== name || value == null) continue
    return typeof value === 'string' ? value : value.join(', ')
  }
  return undefined
}
