// The instance metadata service: Alibaba's `http://100.100.100.200/` paths on a plain node:http
// listener of its own (spec/guest-os.md §1.1, spec/extensions.md §9): `meta-data/` (and its
// `all` document) and `dynamic/instance-identity/document`. The caller is the instance that holds
// the request's source address (any private IP of any attached ENI); for local testing only, with
// `trustHeader`, the header `X-Eniplane-Instance-Ip` names it instead. A token (PUT /latest/api/token) is optional, as on
// an instance created without HttpTokens=required, but a token that is sent must be valid.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { InstanceMetadata } from '../service/instance-metadata.js'
import type { MetadataNode } from './metadata-tree.js'
import { allDocument, dynamicTree, metadataTree, resolveMetadata } from './metadata-tree.js'
import { parseTokenTtl, TokenRegistry } from './token-registry.js'

export const TOKEN_HEADER = 'x-aliyun-ecs-metadata-token'
export const TOKEN_TTL_HEADER = 'x-aliyun-ecs-metadata-token-ttl-seconds'
export const INSTANCE_IP_HEADER = 'x-eniplane-instance-ip'

/** The metadata versions served: `latest` and the dated one cloud-init and NM use. */
const VERSIONS = ['latest', '2016-01-01'] as const

export interface MetadataServerOptions {
  /** The instance behind a source address (and the vSwitch the listener serves, if any). */
  readonly lookup: (address: string) => Promise<InstanceMetadata | undefined>
  /** Local testing only: identify the caller by X-Eniplane-Instance-Ip when present. */
  readonly trustHeader?: boolean
  readonly now?: () => number
  readonly newToken?: () => string
  readonly log?: (line: string) => void
}

export interface RunningMetadataServer {
  readonly url: string
  readonly server: Server
  close(): Promise<void>
}

type Reply = { readonly status: number; readonly body: string; readonly headers?: Headers }
type Headers = Readonly<Record<string, string>>

const TEXT = 'text/plain; charset=utf-8'
const NOT_FOUND: Reply = {
  status: 404,
  body: '<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>',
  headers: { 'content-type': 'text/html; charset=utf-8' },
}

function plain(status: number, body: string, headers: Headers = {}): Reply {
  return { status, body, headers: { 'content-type': TEXT, ...headers } }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** The source address without the IPv4-mapped IPv6 prefix. */
export function sourceAddress(req: IncomingMessage): string {
  const raw = req.socket.remoteAddress ?? ''
  return raw.startsWith('::ffff:') ? raw.slice(7) : raw
}

export function createMetadataHandler(
  opts: MetadataServerOptions,
): (req: IncomingMessage) => Promise<Reply> {
  const tokens = new TokenRegistry({
    now: opts.now ?? Date.now,
    newToken: opts.newToken ?? (() => randomBytes(32).toString('base64url')),
  })
  const callerOf = async (req: IncomingMessage) => {
    const claimed = opts.trustHeader === true ? header(req, INSTANCE_IP_HEADER) : undefined
    return opts.lookup(claimed?.trim() || sourceAddress(req))
  }
  return async (req) => {
    let path: string
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://metadata').pathname)
    } catch {
      return NOT_FOUND
    }
    const method = req.method ?? 'GET'
    if (method === 'PUT' && path === '/latest/api/token') {
      const ttl = parseTokenTtl(header(req, TOKEN_TTL_HEADER))
      if (ttl === undefined) return plain(400, 'Bad Request')
      const caller = await callerOf(req)
      if (caller === undefined) return plain(403, 'Forbidden')
      return plain(200, tokens.mint(caller.instanceId, ttl), {
        [TOKEN_TTL_HEADER]: String(ttl),
      })
    }
    if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method Not Allowed')
    if (path === '/') return plain(200, VERSIONS.map((v) => `${v}/`).join('\n'))
    const [, version, area, ...rest] = path.split('/')
    if (!VERSIONS.some((v) => v === version)) return NOT_FOUND
    const caller = await callerOf(req)
    if (caller === undefined) return plain(403, 'Forbidden')
    const token = header(req, TOKEN_HEADER)
    if (token !== undefined && !tokens.valid(token, caller.instanceId)) {
      return plain(401, 'Unauthorized')
    }
    if (area === undefined || area === '') return plain(200, 'dynamic/\nmeta-data/')
    const item = rest.join('/')
    let tree: MetadataNode
    if (area === 'meta-data') {
      tree = metadataTree(caller)
      if (item === 'all') return plain(200, allDocument(tree))
    } else if (area === 'dynamic') {
      tree = dynamicTree(caller)
    } else {
      return NOT_FOUND
    }
    const found = resolveMetadata(tree, item)
    return found.kind === 'absent' ? NOT_FOUND : plain(200, found.text)
  }
}

/** Where to listen: host and port (0 picks a free one, see `url`), or a Unix socket path. */
export type MetadataListen =
  { readonly host: string; readonly port: number } | { readonly socketPath: string }

/** Starts the listener. */
export async function startMetadataServer(
  opts: MetadataServerOptions & MetadataListen,
): Promise<RunningMetadataServer> {
  const handle = createMetadataHandler(opts)
  const send = (req: IncomingMessage, res: ServerResponse, reply: Reply) => {
    res.writeHead(reply.status, {
      ...reply.headers,
      'content-length': String(Buffer.byteLength(reply.body)),
    })
    res.end(req.method === 'HEAD' ? undefined : reply.body)
  }
  const server = createServer((req, res) => {
    // The body of a metadata request is never read; drain it so keep-alive keeps working.
    req.resume()
    handle(req).then(
      (reply) => send(req, res, reply),
      (e: unknown) => {
        const why = e instanceof Error ? e.message : String(e)
        opts.log?.(`metadata: ${req.method ?? '?'} ${req.url ?? '?'}: ${why}`)
        send(req, res, plain(500, 'Internal Server Error'))
      },
    )
  })
  server.requestTimeout = 10_000
  server.headersTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    const ready = () => {
      server.off('error', reject)
      resolve()
    }
    if ('socketPath' in opts) server.listen(opts.socketPath, ready)
    else server.listen(opts.port, opts.host, ready)
  })
  let url: string
  if ('socketPath' in opts) {
    url = `unix:${opts.socketPath}`
  } else {
    const { port } = server.address() as AddressInfo
    url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`
  }
  return {
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
