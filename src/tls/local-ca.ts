// `serve --tls` (DESIGN.md): a local certificate authority created once under `<dataDir>/tls/`
// (`ca.pem` is what clients trust, `ca-key.pem` stays private, mode 0600) and a server
// certificate it signs for 127.0.0.1, localhost and Alibaba's ECS/VPC/STS/Location host names —
// so a client that cannot change its endpoint (Cilium) reaches this server through /etc/hosts
// and still verifies the certificate. The server certificate is re-issued when the names it must
// carry change (another region configured) or it nears expiry; the CA is never replaced.
//
// Why node-forge: the most used X.509 library on npm, with no dependencies of its own; it builds
// and signs certificates (SANs with IP addresses included), which Node's own crypto cannot.
// Keys come from Node's native generator (crypto.generateKeyPairSync), not forge's JavaScript one.
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import forge from 'node-forge'

export interface TlsFiles {
  readonly dir: string
  readonly caCertPath: string
  readonly certPath: string
  readonly keyPath: string
}

export interface TlsMaterial {
  readonly cert: string
  readonly key: string
}

const DAY_MS = 24 * 60 * 60 * 1000
const CA_DAYS = 3650
const LEAF_DAYS = 397 // what browsers and Go accept for a server certificate
const RENEW_BEFORE_DAYS = 30
const CA_NAME = 'eniplane local CA'

/** The host names the server certificate carries for `regionIds`. */
export function certificateNames(regionIds: readonly string[]): { dns: string[]; ips: string[] } {
  const dns = new Set<string>([
    'localhost',
    '*.aliyuncs.com', // ecs.aliyuncs.com, vpc.aliyuncs.com, sts.aliyuncs.com, location(-readonly)
    'ecs.aliyuncs.com',
    'vpc.aliyuncs.com',
    'sts.aliyuncs.com',
    'location.aliyuncs.com',
    'location-readonly.aliyuncs.com',
  ])
  for (const region of regionIds) {
    // One wildcard label does not cover two, so each region gets its own:
    // ecs.<r>, ecs-vpc.<r>, vpc.<r>, vpc-vpc.<r>, sts.<r>, sts-vpc.<r> (…aliyuncs.com)
    dns.add(`*.${region}.aliyuncs.com`)
    for (const product of ['ecs', 'ecs-vpc', 'vpc', 'vpc-vpc', 'sts', 'sts-vpc']) {
      dns.add(`${product}.${region}.aliyuncs.com`)
    }
    dns.add(`ecs-${region}.aliyuncs.com`)
  }
  return { dns: [...dns], ips: ['127.0.0.1', '::1'] }
}

export function tlsFiles(dataDir: string): TlsFiles {
  const dir = join(dataDir, 'tls')
  return {
    dir,
    caCertPath: join(dir, 'ca.pem'),
    certPath: join(dir, 'server.pem'),
    keyPath: join(dir, 'server-key.pem'),
  }
}

/**
 * The local CA and a current server certificate under `<dataDir>/tls/`, creating what is
 * missing; `now` is passed in so tests can age the certificate.
 */
export function ensureLocalTls(
  dataDir: string,
  regionIds: readonly string[],
  now: Date = new Date(),
): TlsMaterial & { files: TlsFiles } {
  const files = tlsFiles(dataDir)
  mkdirSync(files.dir, { recursive: true, mode: 0o700 })
  const caKeyPath = join(files.dir, 'ca-key.pem')
  if (!existsSync(files.caCertPath) || !existsSync(caKeyPath)) {
    const ca = createCa(now)
    writePrivate(caKeyPath, ca.key)
    writeFileSync(files.caCertPath, ca.cert, { mode: 0o644 })
  }
  const names = certificateNames(regionIds)
  if (!leafIsCurrent(files, names, now)) {
    const ca = {
      cert: readFileSync(files.caCertPath, 'utf8'),
      key: readFileSync(caKeyPath, 'utf8'),
    }
    const leaf = issueServerCertificate(ca, names, now)
    writePrivate(files.keyPath, leaf.key)
    writeFileSync(files.certPath, leaf.cert, { mode: 0o644 })
  }
  return {
    files,
    cert: readFileSync(files.certPath, 'utf8'),
    key: readFileSync(files.keyPath, 'utf8'),
  }
}

function createCa(now: Date): TlsMaterial {
  const keys = rsaKeyPair()
  const cert = forge.pki.createCertificate()
  cert.publicKey = keys.publicKey
  cert.serialNumber = serial()
  cert.validity.notBefore = new Date(now.getTime() - DAY_MS)
  cert.validity.notAfter = new Date(now.getTime() + CA_DAYS * DAY_MS)
  const subject = [
    { name: 'commonName', value: `${CA_NAME} ${randomBytes(4).toString('hex')}` },
    { name: 'organizationName', value: 'eniplane' },
  ]
  cert.setSubject(subject)
  cert.setIssuer(subject)
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ])
  cert.sign(keys.privateKey, forge.md.sha256.create())
  return { cert: forge.pki.certificateToPem(cert), key: forge.pki.privateKeyToPem(keys.privateKey) }
}

function issueServerCertificate(
  ca: TlsMaterial,
  names: { dns: string[]; ips: string[] },
  now: Date,
): TlsMaterial {
  const caCert = forge.pki.certificateFromPem(ca.cert)
  const caKey = forge.pki.privateKeyFromPem(ca.key)
  const keys = rsaKeyPair()
  const cert = forge.pki.createCertificate()
  cert.publicKey = keys.publicKey
  cert.serialNumber = serial()
  cert.validity.notBefore = new Date(now.getTime() - DAY_MS)
  cert.validity.notAfter = new Date(now.getTime() + LEAF_DAYS * DAY_MS)
  cert.setSubject([{ name: 'commonName', value: 'eniplane' }])
  cert.setIssuer(caCert.subject.attributes)
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...names.dns.map((value) => ({ type: 2, value })),
        ...names.ips.map((ip) => ({ type: 7, ip })),
      ],
    },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes(),
    },
  ])
  cert.sign(caKey, forge.md.sha256.create())
  return { cert: forge.pki.certificateToPem(cert), key: forge.pki.privateKeyToPem(keys.privateKey) }
}

/** The existing server certificate carries exactly `names` and is far from expiry. */
function leafIsCurrent(
  files: TlsFiles,
  names: { dns: string[]; ips: string[] },
  now: Date,
): boolean {
  if (!existsSync(files.certPath) || !existsSync(files.keyPath)) return false
  const leaf = new X509Certificate(readFileSync(files.certPath))
  const ca = new X509Certificate(readFileSync(files.caCertPath))
  if (!leaf.verify(ca.publicKey)) return false
  if (new Date(leaf.validTo).getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return false
  const expected = [
    ...names.dns.map((n) => `DNS:${n}`),
    ...names.ips.map((ip) => `IP Address:${ip === '::1' ? '0:0:0:0:0:0:0:1' : ip}`),
  ]
  const present = new Set((leaf.subjectAltName ?? '').split(', '))
  return expected.length === present.size && expected.every((n) => present.has(n))
}

function rsaKeyPair(): forge.pki.rsa.KeyPair {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  const key = forge.pki.privateKeyFromPem(privateKey)
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) }
}

/** A positive 128-bit serial in hex (a leading 0 bit keeps it positive in DER). */
function serial(): string {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0] ?? 0) & 0x7f
  return bytes.toString('hex')
}

function writePrivate(path: string, pem: string): void {
  writeFileSync(path, pem, { mode: 0o600 })
  chmodSync(path, 0o600)
}
