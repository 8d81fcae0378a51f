// The server's configuration: one typed, frozen object, validated once (STYLE §7).
import { DEFAULT_REGIONS, type Region } from '../domain/regions.js'

export interface ServerConfig {
  readonly host: string
  readonly port: number
  /** a SQLite file path or a postgres:// URL */
  readonly db: string
  readonly asyncDelayMs: number
  readonly quotaProfile: 'seed' | 'current'
  readonly metadataPort: number | undefined
  readonly metadataHost: string
  /** local testing only: identify the metadata caller by the X-Eniplane-Instance-Ip header */
  readonly metadataTrustHeader: boolean
  readonly allocation: 'random' | 'sequential'
  readonly sqliteSynchronous: 'full' | 'normal'
  /**
   * PostgreSQL: run statements as named (server-side prepared) statements, each parsed once per
   * connection (`on`, default); `off` for a pooler that cannot keep them (PgBouncer in
   * transaction mode before 1.21, or without `max_prepared_statements`).
   */
  readonly pgPreparedStatements: 'on' | 'off'
  readonly enisPerRegion: number
  readonly logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug'
  readonly dataDir: string
  /** `netns`: the lab dataplane (Linux, root): instances and vSwitches as network namespaces */
  readonly dataplane: 'none' | 'netns'
  /** Regions and zones served (config/regions.ts); default `cn-hangzhou` with zones h, i, j. */
  readonly regions: readonly Region[]
  /** `serve --tls`: HTTPS with a certificate of the local CA under `<dataDir>/tls/` */
  readonly tls: boolean
  /** `--tls-cert`/`--tls-key`: HTTPS with a certificate of your own (PEM files) */
  readonly tlsCert: string | undefined
  readonly tlsKey: string | undefined
  /** `off` (default), `default` (extensions.md §4.2 table) or a JSON file of limits */
  readonly throttle: string
  /** a JSON file of fault rules loaded at start */
  readonly faults: string | undefined
  /** `fixed` (asyncDelayMs for every transition), `instant`, `realistic` or a JSON file */
  readonly latency: string
  /** IPv6 pool (a CIDR of /8–/56): the k-th IPv6-enabled VPC gets its k-th /56 */
  readonly ipv6Pool: string
  /** worker threads serving the heavy reads of a SQLite file (http/read-pool.ts); 0: none */
  readonly readWorkers: number
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 8080,
  db: '.eniplane/eniplane.db',
  asyncDelayMs: 1000,
  quotaProfile: 'seed',
  metadataPort: undefined,
  metadataHost: '127.0.0.1',
  metadataTrustHeader: false,
  allocation: 'random',
  sqliteSynchronous: 'full',
  pgPreparedStatements: 'on',
  enisPerRegion: 100,
  logLevel: 'info',
  dataDir: '.eniplane',
  dataplane: 'none',
  regions: DEFAULT_REGIONS,
  tls: false,
  tlsCert: undefined,
  tlsKey: undefined,
  throttle: 'off',
  faults: undefined,
  latency: 'fixed',
  ipv6Pool: '2408:4000::/40',
  readWorkers: 2,
}
