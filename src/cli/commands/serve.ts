import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError, loadServerConfig } from '../../config/load.js'
import { ChaosConfigError, SchemaTooNewError, startServer } from '../../main.js'
import { HELP_OPTION, parseCommand } from '../parse-command.js'
import { startupSummary } from './startup-summary.js'

const HELP = `Usage: eniplane serve [options]

Runs the RPC API (ECS 2014-05-26 + VPC 2016-04-28 on /), the console (/console) and the worker.

Options:
  --port P                 API/console port (default 8080)
  --host H                 listen address (default 127.0.0.1)
  --db FILE|postgres://…   SQLite file (default .eniplane/eniplane.db) or a PostgreSQL URL
  --async-delay-ms MS      how long Attaching/Detaching/Deleting/Pending/… last (default 1000)
  --quota-profile P        seed (the product document's limits, default) or current
  --metadata-port P        also serve the instance metadata service on this port (off if absent)
  --metadata-host H        metadata listen address (default 127.0.0.1)
  --metadata-trust-header  local testing only: identify the caller by X-Eniplane-Instance-Ip
  --allocation MODE        random (default) or sequential (lowest free address first)
  --sqlite-synchronous S   full (default; an answer means the commit is on disk, concurrent
                           commits share one fsync) or normal (no fsync: survives a crash of
                           the process, not of the machine)
  --pg-prepared-statements on|off
                           PostgreSQL: statements parsed once per connection and then only
                           executed (on, default); off behind a pooler that cannot keep them
                           (PgBouncer in transaction mode without max_prepared_statements)
  --enis-per-region N      region ENI quota (default 100)
  --log-level L            silent|error|warn|info|debug (default info)
  --dataplane netns        lab dataplane (Linux, root): each running instance a network
                           namespace, each vSwitch a bridge, each attached ENI a veth
  --tls                    HTTPS: a certificate from a local CA created once under
                           .eniplane/tls/ (clients trust .eniplane/tls/ca.pem); it names
                           127.0.0.1, localhost and Alibaba's ECS/VPC/STS host names
  --tls-cert FILE          HTTPS with your own certificate (PEM, chain allowed) …
  --tls-key FILE           … and its private key (PEM)
  --regions R              regions and zones, REGION:ZONE,ZONE;REGION:ZONE (default
                           cn-hangzhou:cn-hangzhou-h,cn-hangzhou-i,cn-hangzhou-j)
  --throttle off|default|FILE
                           per account/region/Action token buckets: off (default), default
                           (shaped like Alibaba's, README "Testing your client's retries") or
                           a JSON file of limits
  --faults FILE            fault-injection rules (JSON array) loaded at start
  --latency M              async transition durations: instant, realistic (seeded
                           distributions) or a JSON file; --async-delay-ms overrides it
  --ipv6-pool CIDR         the IPv6 block VPC /56s come from, k-th IPv6 VPC → k-th /56
                           (default 2408:4000::/40)
  --read-workers N         worker threads that serve DescribeNetworkInterfaces from a SQLite
                           file, beside the thread that writes (default 2; 0: none)
  --config FILE            JSON file with the same settings (camelCase keys; "regions" may
                           also be [{"regionId": "…", "zones": ["…"], "localName": "…"}])
Environment: ENI_PORT, ENI_DB, ENI_ASYNC_DELAY_MS, ENI_QUOTA_PROFILE, … override the file;
ENIPLANE_ACCESS_KEY_ID / ENIPLANE_ACCESS_KEY_SECRET set the bootstrap account on first start.`

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    {
      args: argv,
      options: {
        ...HELP_OPTION,
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        'async-delay-ms': { type: 'string' },
        'quota-profile': { type: 'string' },
        'metadata-port': { type: 'string' },
        'metadata-host': { type: 'string' },
        'metadata-trust-header': { type: 'boolean' },
        allocation: { type: 'string' },
        'sqlite-synchronous': { type: 'string' },
        'pg-prepared-statements': { type: 'string' },
        'enis-per-region': { type: 'string' },
        'log-level': { type: 'string' },
        dataplane: { type: 'string' },
        regions: { type: 'string' },
        tls: { type: 'boolean' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        throttle: { type: 'string' },
        faults: { type: 'string' },
        latency: { type: 'string' },
        'ipv6-pool': { type: 'string' },
        'read-workers': { type: 'string' },
        config: { type: 'string' },
      },
    },
    HELP,
  )
  if (typeof parsed === 'number') return parsed
  const { values } = parsed
  let config
  try {
    config = loadServerConfig({
      file: values.config,
      env: process.env,
      flags: {
        port: values.port,
        host: values.host,
        db: values.db,
        asyncDelayMs: values['async-delay-ms'],
        quotaProfile: values['quota-profile'],
        metadataPort: values['metadata-port'],
        metadataHost: values['metadata-host'],
        metadataTrustHeader: values['metadata-trust-header'],
        allocation: values.allocation,
        sqliteSynchronous: values['sqlite-synchronous'],
        pgPreparedStatements: values['pg-prepared-statements'],
        enisPerRegion: values['enis-per-region'],
        logLevel: values['log-level'],
        dataplane: values.dataplane,
        regions: values.regions,
        tls: values.tls,
        tlsCert: values['tls-cert'],
        tlsKey: values['tls-key'],
        throttle: values.throttle,
        faults: values.faults,
        latency: values.latency,
        ipv6Pool: values['ipv6-pool'],
        readWorkers: values['read-workers'],
      },
    })
  } catch (e: unknown) {
    if (e instanceof ConfigError) {
      console.error(e.message)
      return 2
    }
    throw e
  }
  let server
  try {
    server = await startServer(config)
  } catch (e: unknown) {
    if (e instanceof ChaosConfigError || e instanceof SchemaTooNewError) {
      console.error(e.message)
      return 2
    }
    throw e
  }
  console.log(
    startupSummary({
      url: server.url,
      metadataUrl: server.metadataUrl,
      quotaProfile: config.quotaProfile,
      db: config.db,
      dataDir: config.dataDir,
      credentialsFileExists: existsSync(join(config.dataDir, 'credentials')),
      cwd: process.cwd(),
    }),
  )
  if (config.tls && config.tlsCert === undefined) {
    console.log(`HTTPS certificate from the local CA: clients trust ${config.dataDir}/tls/ca.pem`)
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await server.close()
  return 0
}
