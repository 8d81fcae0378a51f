// The client's Crypto over node:crypto (client/ may not import http/, so it has its own).
import { createHash, createHmac } from 'node:crypto'
import type { Crypto } from '../api/signing/index.js'

export const nodeCrypto: Crypto = {
  hmacSha1Base64: (key, data) => createHmac('sha1', key).update(data, 'utf8').digest('base64'),
  hmacSha256Hex: (key, data) => createHmac('sha256', key).update(data, 'utf8').digest('hex'),
  sha256Hex: (data) =>
    typeof data === 'string'
      ? createHash('sha256').update(data, 'utf8').digest('hex')
      : createHash('sha256').update(data).digest('hex'),
}
