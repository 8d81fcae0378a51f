// Loads the server configuration: defaults, then an optional JSON file, then `ENI_*`
// environment overrides, then command-line flags. Every problem is reported at once.
import { readFileSync } from 'node:fs'
import type { ServerConfig } from './server-config.js'
import { DEFAULT_SERVER_CONFIG } from './server-config.js'
import { parseRegions } from './regions.js'

type Raw = Partial<Record<keyof ServerConfig, unknown>>

const ENV: Record<string, keyof ServerConfig> = {
  ENI_HOST: 'host',
  ENI_PORT: 'port',
  ENI_DB: 'db',
  ENI_ASYNC_DELAY_MS: 'asyncDelayMs',
  ENI_QUOTA_PROFILE: 'quotaProfile',
  ENI_METADATA_PORT: 'metadataPort',
  ENI_METADATA_HOST: 'metadataHost',
  ENI_ALLOCATION: 'allocation',
  ENI_SQLITE_SYNCHRONOUS: 'sqliteSynchronous',
  ENI_PG_PREPARED_STATEMENTS: 'pgPreparedStatements',
  ENI_ENIS_PER_REGION: 'enisPerRegion',
  ENI_LOG_LEVEL: 'logLevel',
  ENI_DATAPLANE: 'dataplane',
  ENI_REGIONS: 'regions',
  ENI_TLS: 'tls',
  ENI_TLS_CERT: 'tlsCert',
  ENI_TLS_KEY: 'tlsKey',
  ENI_THROTTLE: 'throttle',
  ENI_FAULTS: 'faults',
  ENI_LATENCY: 'latency',
  ENI_IPV6_POOL: 'ipv6Pool',
  ENI_READ_WORKERS: 'readWorkers',
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

export function loadServerConfig(opts: {
  file?: string | undefined
  env?: Readonly<Record<string, string | undefined>>
  flags?: Raw
}): ServerConfig {
  const raw: Raw = {}
  if (opts.file !== undefined) {
    Object.assign(raw, JSON.parse(readFileSync(opts.file, 'utf8')) as Raw)
  }
  for (const [name, key] of Object.entries(ENV)) {
    const v = opts.env?.[name]
    if (v !== undefined && v !== '') raw[key] = v
  }
  for (const [k, v] of Object.entries(opts.flags ?? {})) {
    if (v !== undefined) raw[k as keyof ServerConfig] = v
  }
  return validate(raw)
}

function validate(raw: Raw): ServerConfig {
  const problems: string[] = []
  const d = DEFAULT_SERVER_CONFIG
  const int = (key: keyof ServerConfig, min: number, max: number, fallback: number) => {
    const v = raw[key]
    if (v === undefined) return fallback
    const n = typeof v === 'number' ? v : Number(v)
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${key} must be an integer from ${min} to ${max} (got ${JSON.stringify(v)})`)
      return fallback
    }
    return n
  }
  const oneOf = <T extends string>(key: keyof ServerConfig, values: readonly T[], fallback: T) => {
    const v = raw[key]
    if (v === undefined) return fallback
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T
    problems.push(`${key} must be one of ${values.join(', ')} (got ${JSON.stringify(v)})`)
    return fallback
  }
  const text = (key: keyof ServerConfig, fallback: string) => {
    const v = raw[key]
    if (v === undefined) return fallback
    if (typeof v !== 'string' || v === '') {
      problems.push(`${key} must be a non-empty string`)
      return fallback
    }
    return v
  }
  const optionalText = (key: keyof ServerConfig): string | undefined =>
    raw[key] === undefined ? undefined : text(key, '')
  const tlsCert = optionalText('tlsCert')
  const tlsKey = optionalText('tlsKey')
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    problems.push('tlsCert and tlsKey must be given together')
  }
  const config: ServerConfig = {
    host: text('host', d.host),
    port: int('port', 0, 65535, d.port),
    db: text('db', d.db),
    asyncDelayMs: int('asyncDelayMs', 0, 3_600_000, d.asyncDelayMs),
    quotaProfile: oneOf('quotaProfile', ['seed', 'current'], d.quotaProfile),
    metadataPort: raw.metadataPort === undefined ? undefined : int('metadataPort', 0, 65535, 0),
    metadataHost: text('metadataHost', d.metadataHost),
    metadataTrustHeader: raw.metadataTrustHeader === true || raw.metadataTrustHeader === 'true',
    allocation: oneOf('allocation', ['random', 'sequential'], d.allocation),
    sqliteSynchronous: oneOf('sqliteSynchronous', ['full', 'normal'], d.sqliteSynchronous),
    pgPreparedStatements: oneOf('pgPreparedStatements', ['on', 'off'], d.pgPreparedStatements),
    enisPerRegion: int('enisPerRegion', 1, 1_000_000, d.enisPerRegion),
    logLevel: oneOf('logLevel', ['silent', 'error', 'warn', 'info', 'debug'], d.logLevel),
    dataDir: text('dataDir', d.dataDir),
    dataplane: oneOf('dataplane', ['none', 'netns'], d.dataplane),
    regions:
      raw.regions === undefined ? d.regions : (parseRegions(raw.regions, problems) ?? d.regions),
    tls: raw.tls === true || raw.tls === 'true' || tlsCert !== undefined,
    tlsCert,
    tlsKey,
    throttle: text('throttle', d.throttle),
    faults: raw.faults === undefined ? undefined : text('faults', ''),
    // `--async-delay-ms` stays a fixed override of any latency model.
    latency: raw.asyncDelayMs !== undefined ? 'fixed' : text('latency', d.latency),
    ipv6Pool: text('ipv6Pool', d.ipv6Pool),
    readWorkers: int('readWorkers', 0, 16, d.readWorkers),
  }
  if (!/^[0-9a-fA-F:]+\/(\d|[1-4]\d|5[0-6])$/.test(config.ipv6Pool)) {
    problems.push(`ipv6Pool must be an IPv6 CIDR block of /8 to /56 (got "${config.ipv6Pool}")`)
  }
  if (problems.length > 0)
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`)
  return Object.freeze(config)
}
