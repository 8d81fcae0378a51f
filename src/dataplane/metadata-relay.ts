// The metadata relay of the lab dataplane. It runs inside a vSwitch's network namespace (started
// with `ip netns exec`), listens on TCP port 80 there (the namespace holds 100.100.100.200 and
// the vSwitch gateway), and forwards each request to the control plane's metadata listener over
// a Unix socket — sockets in the filesystem cross network namespaces. The caller's identity is
// the TCP source address the relay sees, passed on as X-Eniplane-Instance-Ip; whatever the guest
// sent in X-Eniplane-* headers is dropped. The relay exits when its parent closes its stdin.
import { createServer, request } from 'node:http'
import type { IncomingHttpHeaders, Server } from 'node:http'
import { pathToFileURL } from 'node:url'

export const INSTANCE_IP_HEADER = 'x-eniplane-instance-ip'

export interface RelayOptions {
  readonly socketPath: string
  readonly host: string
  readonly port: number
  readonly timeoutMs?: number
}

function forwardedHeaders(headers: IncomingHttpHeaders, source: string): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-eniplane-') && name !== 'connection') out[name] = value
  }
  out[INSTANCE_IP_HEADER] = source
  return out
}

export function startRelay(opts: RelayOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const raw = req.socket.remoteAddress ?? ''
    const source = raw.startsWith('::ffff:') ? raw.slice(7) : raw
    const upstream = request(
      {
        socketPath: opts.socketPath,
        method: req.method,
        path: req.url,
        headers: forwardedHeaders(req.headers, source),
        timeout: opts.timeoutMs ?? 10_000,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      },
    )
    upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')))
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end('Bad Gateway')
    })
    req.pipe(upstream)
  })
  server.requestTimeout = 15_000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject)
      resolve(server)
    })
  })
}

/** `node metadata-relay.ts SOCKET [HOST] [PORT]`: prints `ready` once listening. */
async function main(argv: string[]): Promise<void> {
  const [socketPath, host = '0.0.0.0', port = '80'] = argv
  if (socketPath === undefined) throw new Error('usage: metadata-relay SOCKET [HOST] [PORT]')
  const server = await startRelay({ socketPath, host, port: Number(port) })
  process.stdout.write('ready\n')
  const stop = () => {
    server.close()
    server.closeAllConnections()
    process.exit(0)
  }
  process.stdin.on('end', stop)
  process.stdin.on('close', stop)
  process.stdin.resume()
  process.on('SIGTERM', stop)
}

const entry = process.argv[1]
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`metadata-relay: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exit(1)
  })
}
