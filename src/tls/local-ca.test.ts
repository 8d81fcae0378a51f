import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { ensureLocalTls } from './local-ca.js'

const dir = mkdtempSync(join(tmpdir(), 'eniplane-tls-'))
after(() => rmSync(dir, { recursive: true, force: true }))

test('the local CA is created once; its server certificate names the local and Alibaba hosts', () => {
  const first = ensureLocalTls(dir, ['cn-hangzhou'])
  const ca = new X509Certificate(readFileSync(first.files.caCertPath))
  const leaf = new X509Certificate(first.cert)
  assert.ok(ca.ca)
  assert.ok(!leaf.ca)
  assert.ok(leaf.verify(ca.publicKey))
  assert.equal(leaf.checkIP('127.0.0.1'), '127.0.0.1')
  for (const host of [
    'localhost',
    'ecs.aliyuncs.com',
    'ecs.cn-hangzhou.aliyuncs.com',
    'ecs-vpc.cn-hangzhou.aliyuncs.com',
    'vpc.cn-hangzhou.aliyuncs.com',
    'sts.cn-hangzhou.aliyuncs.com',
    'sts.aliyuncs.com',
    'location-readonly.aliyuncs.com',
  ]) {
    assert.notEqual(leaf.checkHost(host), undefined, host)
  }
  assert.equal(leaf.checkHost('ecs.cn-beijing.aliyuncs.com'), undefined)
  assert.equal(leaf.checkHost('example.com'), undefined)
  assert.equal(statSync(join(dir, 'tls', 'ca-key.pem')).mode & 0o777, 0o600)
  assert.equal(statSync(first.files.keyPath).mode & 0o777, 0o600)

  const again = ensureLocalTls(dir, ['cn-hangzhou'])
  assert.equal(again.cert, first.cert, 'a current certificate is kept')
})

test('another region re-issues the server certificate under the same CA', () => {
  const before = readFileSync(join(dir, 'tls', 'ca.pem'), 'utf8')
  const issued = ensureLocalTls(dir, ['cn-hangzhou', 'cn-beijing'])
  assert.equal(readFileSync(issued.files.caCertPath, 'utf8'), before, 'the CA is never replaced')
  const leaf = new X509Certificate(issued.cert)
  assert.notEqual(leaf.checkHost('ecs.cn-beijing.aliyuncs.com'), undefined)
  assert.ok(leaf.verify(new X509Certificate(before).publicKey))
})

test('a certificate close to expiry is renewed', () => {
  const current = ensureLocalTls(dir, ['cn-hangzhou', 'cn-beijing'])
  const validTo = new Date(new X509Certificate(current.cert).validTo)
  const nearEnd = new Date(validTo.getTime() - 10 * 24 * 60 * 60 * 1000)
  const renewed = ensureLocalTls(dir, ['cn-hangzhou', 'cn-beijing'], nearEnd)
  assert.notEqual(renewed.cert, current.cert)
  assert.ok(new Date(new X509Certificate(renewed.cert).validTo) > validTo)
})
