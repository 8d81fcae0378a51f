// What `eniplane serve` (and so `npm start`) prints once it listens: where the API, the console
// and the metadata service are, and where the AccessKey to use them is.
import { join, relative, isAbsolute } from 'node:path'

export interface StartupFacts {
  readonly url: string
  readonly metadataUrl: string | undefined
  readonly quotaProfile: string
  readonly db: string
  readonly dataDir: string
  /** Whether `<dataDir>/credentials` exists (written on a first start without env keys). */
  readonly credentialsFileExists: boolean
  readonly cwd: string
}

export function startupSummary(f: StartupFacts): string {
  const file = join(f.dataDir, 'credentials')
  const shown = isAbsolute(file) ? relative(f.cwd, file) || file : file
  const credentials = f.credentialsFileExists
    ? `${/^(\.{1,2}\/|\/)/.test(shown) ? shown : `./${shown}`} (JSON; eniplane call reads it from this directory)`
    : 'the pair in ENIPLANE_ACCESS_KEY_ID / ENIPLANE_ACCESS_KEY_SECRET at the first start (no credentials file was written)'
  return [
    `eniplane listening on ${f.url} (profile ${f.quotaProfile}, db ${f.db})`,
    `  API       ${f.url}/   (npx eniplane call ACTION …, the Alibaba SDKs)`,
    `  Console   ${f.url}/console/   (sign in with the AccessKey ID and secret: see AccessKey)`,
    f.metadataUrl === undefined
      ? '  Metadata  off (serve --metadata-port P turns it on)'
      : `  Metadata  ${f.metadataUrl}/latest/meta-data/`,
    `  AccessKey ${credentials}`,
    '  Stop with Ctrl-C.',
  ].join('\n')
}
