// Real `eniplane serve` processes for the replica tests (src/testing/serve-process.ts), each with
// the replica AccessKey and an RPC client for it.
import { RpcClient } from '../../../src/client/rpc-client.js'
import {
  freePort,
  startServe as spawnServe,
  type ServeProcess as Spawned,
} from '../../../src/testing/serve-process.js'

export { freePort }

export const REPLICA_KEY = { id: 'LTAIreplicareplica01', secret: 'replica-secret-replica-secret-1' }

export interface ServeProcess extends Spawned {
  readonly api: RpcClient
}

export async function startServe(
  name: string,
  opts: { db: string; dataDir: string; asyncDelayMs?: number; port?: number },
): Promise<ServeProcess> {
  const spawned = await spawnServe({
    name,
    db: opts.db,
    cwd: opts.dataDir,
    key: REPLICA_KEY,
    port: opts.port,
    // The load creates and deletes ENIs as fast as the replicas answer; deletes acknowledged by
    // a replica with a long async delay stay counted until they finish, so the per-region ENI
    // quota (100 by default) is lifted: these tests are about replicas, not that quota.
    serveArgs: [
      '--async-delay-ms',
      String(opts.asyncDelayMs ?? 300),
      '--enis-per-region',
      '100000',
      '--log-level',
      'error',
    ],
  })
  const api = new RpcClient({
    endpoint: spawned.url,
    accessKeyId: REPLICA_KEY.id,
    accessKeySecret: REPLICA_KEY.secret,
  })
  return { ...spawned, api }
}

/**
 * Starts several at once. If one fails to start, the others are stopped before its error (with
 * its output) is thrown, so a test never hangs on a process it does not know it started.
 */
export async function startServes(
  list: readonly (readonly [string, Parameters<typeof startServe>[1]])[],
): Promise<ServeProcess[]> {
  const results = await Promise.allSettled(list.map(([name, opts]) => startServe(name, opts)))
  const failed = results.find((r) => r.status === 'rejected')
  if (failed !== undefined) {
    const up = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    await Promise.all(up.map((p) => p.stop()))
    throw failed.reason
  }
  return results.map((r) => (r as PromiseFulfilledResult<ServeProcess>).value)
}
