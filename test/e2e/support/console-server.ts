// Starts the real server in-process for the console tests: a temporary SQLite file, port 0,
// a short async delay, and a known bootstrap AccessKey pair; plus a signed API client.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_SERVER_CONFIG } from '../../../src/config/server-config.js'
import { RpcClient } from '../../../src/client/rpc-client.js'
import { startServer, type RunningServer } from '../../../src/main.js'

export const CONSOLE_ACCESS_KEY_ID = 'LTAIconsole0000000001'
export const CONSOLE_ACCESS_KEY_SECRET = 'console-e2e-secret-0123456789'
export const ASYNC_DELAY_MS = 300

export interface ConsoleServer {
  readonly url: string
  readonly server: RunningServer
  readonly api: RpcClient
  close(): Promise<void>
}

export async function startConsoleServer(): Promise<ConsoleServer> {
  const dir = await mkdtemp(join(tmpdir(), 'eniplane-console-'))
  const server = await startServer(
    {
      ...DEFAULT_SERVER_CONFIG,
      db: join(dir, 'console.db'),
      dataDir: dir,
      port: 0,
      asyncDelayMs: ASYNC_DELAY_MS,
      logLevel: 'silent',
    },
    {
      ENIPLANE_ACCESS_KEY_ID: CONSOLE_ACCESS_KEY_ID,
      ENIPLANE_ACCESS_KEY_SECRET: CONSOLE_ACCESS_KEY_SECRET,
    },
    () => undefined,
  )
  const api = new RpcClient({
    endpoint: server.url,
    accessKeyId: CONSOLE_ACCESS_KEY_ID,
    accessKeySecret: CONSOLE_ACCESS_KEY_SECRET,
  })
  return {
    url: server.url,
    server,
    api,
    async close() {
      await server.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
