// `eniplane call ACTION --Param value …`, in the aliyun CLI's shape: signs, sends, prints JSON.
import { RpcClient } from '../../client/rpc-client.js'
import { isRpcError } from '../../client/rpc-error.js'
import { resolveClientConfig } from '../../client/credentials.js'

const HELP = `Usage: eniplane call ACTION [--Param value …] [--endpoint URL] [--version V] [--method GET|POST]

Signs ACTION with the caller's AccessKey (signature V1) and prints the JSON response.
Lists: repeat a flag (--PrivateIpAddress.1 10.0.0.5 --PrivateIpAddress.2 10.0.0.6), or pass
--PrivateIpAddress 10.0.0.5 --PrivateIpAddress 10.0.0.6 and they are numbered for you.
Endpoint: --endpoint, else ENIPLANE_ENDPOINT, else http://127.0.0.1:8080.
Credentials: ENIPLANE_ACCESS_KEY_ID / ENIPLANE_ACCESS_KEY_SECRET, else ./.eniplane/credentials.
RegionId defaults to cn-hangzhou. On error prints "Code: Message (RequestId)" and exits 1.`

export function parseCallArgs(argv: string[]): {
  action: string | undefined
  params: Record<string, string | string[]>
  endpoint: string | undefined
  version: string | undefined
  method: 'GET' | 'POST'
  help: boolean
} {
  const params: Record<string, string | string[]> = {}
  let action: string | undefined
  let endpoint: string | undefined
  let version: string | undefined
  let method: 'GET' | 'POST' = 'POST'
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--help' || arg === '-h') {
      help = true
      continue
    }
    if (!arg.startsWith('--')) {
      if (action === undefined) action = arg
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2)
    const value = eq > 0 ? arg.slice(eq + 1) : (argv[++i] ?? '')
    if (name === 'endpoint') endpoint = value
    else if (name === 'version') version = value
    else if (name === 'method') method = value.toUpperCase() === 'GET' ? 'GET' : 'POST'
    else {
      const prior = params[name]
      params[name] =
        prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value]
    }
  }
  return { action, params, endpoint, version, method, help }
}

export async function run(argv: string[]): Promise<number> {
  const args = parseCallArgs(argv)
  if (args.help || args.action === undefined) {
    console.log(HELP)
    return args.help ? 0 : 2
  }
  const config = resolveClientConfig(process.env, { endpoint: args.endpoint }, process.cwd())
  const client = new RpcClient(config)
  const params = { RegionId: 'cn-hangzhou', ...args.params }
  try {
    const result = await client.call(args.action, params, {
      method: args.method,
      ...(args.version === undefined ? {} : { version: args.version }),
    })
    console.log(JSON.stringify(result, null, 2))
    return 0
  } catch (e: unknown) {
    if (!isRpcError(e)) throw e
    console.error(`${e.code}: ${e.message} (${e.requestId})`)
    return 1
  }
}
