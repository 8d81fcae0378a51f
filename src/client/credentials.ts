// Where the CLI and the agent find their endpoint and AccessKey: flag, then environment, then
// `<cwd>/.eniplane/credentials` (JSON `{"AccessKeyId": "…", "AccessKeySecret": "…"}`).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8080'

export interface ClientConfig {
  endpoint: string
  accessKeyId: string
  accessKeySecret: string
}

const HOW_TO =
  'Set ENIPLANE_ACCESS_KEY_ID and ENIPLANE_ACCESS_KEY_SECRET, or write ' +
  '{"AccessKeyId": "...", "AccessKeySecret": "..."} to .eniplane/credentials in the working directory.'

export function resolveClientConfig(
  env: Readonly<Record<string, string | undefined>>,
  flags: { endpoint?: string | undefined },
  cwd: string,
): ClientConfig {
  const endpoint =
    nonEmpty(flags.endpoint) ?? nonEmpty(env['ENIPLANE_ENDPOINT']) ?? DEFAULT_ENDPOINT
  const id = nonEmpty(env['ENIPLANE_ACCESS_KEY_ID'])
  const secret = nonEmpty(env['ENIPLANE_ACCESS_KEY_SECRET'])
  if (id != null && secret != null) return { endpoint, accessKeyId: id, accessKeySecret: secret }
  if (id != null || secret != null) {
    throw new Error(
      `Only one of ENIPLANE_ACCESS_KEY_ID and ENIPLANE_ACCESS_KEY_SECRET is set; set both. ${HOW_TO}`,
    )
  }
  return { endpoint, ...readCredentialsFile(join(cwd, '.eniplane', 'credentials')) }
}

function readCredentialsFile(path: string): Omit<ClientConfig, 'endpoint'> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e: unknown) {
    if ((e as { code?: unknown }).code === 'ENOENT') {
      throw new Error(`No AccessKey found (${path} does not exist). ${HOW_TO}`, { cause: e })
    }
    throw new Error(`Cannot read ${path}. ${HOW_TO}`, { cause: e })
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e: unknown) {
    throw new Error(`${path} is not valid JSON. ${HOW_TO}`, { cause: e })
  }
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
  const id = record['AccessKeyId']
  const secret = record['AccessKeySecret']
  if (typeof id !== 'string' || id === '' || typeof secret !== 'string' || secret === '') {
    throw new Error(`${path} lacks a string AccessKeyId or AccessKeySecret. ${HOW_TO}`)
  }
  return { accessKeyId: id, accessKeySecret: secret }
}

function nonEmpty(v: string | undefined): string | undefined {
  return v == null || v.trim() === '' ? undefined : v.trim()
}
