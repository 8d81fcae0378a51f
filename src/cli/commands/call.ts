// `eniplane call ACTION --Param value …`, in the aliyun CLI's shape: signs, sends, prints JSON.
import { RpcClient } from '../../client/rpc-client.js'
import { isRpcError } from '../../client/rpc-error.js'
import { resolveClientConfig } from '../../client/credentials.js'
import { unreachableMessage } from '../../client/unreachable.js'
import {
  ACTION_PARAMETERS,
  baseParameterName,
  parametersOf,
  type ActionParameter,
} from '../../api/action-parameters.js'
import { nearestName } from '../../api/nearest-name.js'

const HELP = `Usage: eniplane call ACTION [--Param value …] [--endpoint URL] [--version V] [--method GET|POST]
       eniplane call --help ACTION     lists ACTION's parameters

Signs ACTION with the caller's AccessKey (signature V1) and prints the JSON response.
Lists: repeat a flag (--PrivateIpAddress.1 10.0.0.5 --PrivateIpAddress.2 10.0.0.6), or pass
--PrivateIpAddress 10.0.0.5 --PrivateIpAddress 10.0.0.6 and they are numbered for you.
Endpoint: --endpoint, else ENIPLANE_ENDPOINT, else http://127.0.0.1:8080.
Credentials: ENIPLANE_ACCESS_KEY_ID / ENIPLANE_ACCESS_KEY_SECRET, else ./.eniplane/credentials.
RegionId defaults to cn-hangzhou. On error prints "Code: Message (RequestId)" and exits 1.
A parameter name that ACTION does not take is sent as given (the server ignores it, as
Alibaba's does) after a warning on stderr naming the nearest parameter it does take.`

/** The general help with the Actions served. */
function generalHelp(): string {
  const lines = Object.keys(ACTION_PARAMETERS).map((name) => `  ${name}`)
  return `${HELP}\n\nActions (eniplane call --help ACTION lists one's parameters):\n${lines.join('\n')}`
}

function actionHelp(action: string, params: readonly ActionParameter[]): string {
  const width = Math.max(...params.map((p) => p.name.length + (p.list === true ? 2 : 0)))
  const rows = params.map((p) => {
    const name = p.list === true ? `${p.name}.N` : p.name
    return `  --${name.padEnd(width)}  ${p.required === true ? '(required) ' : ''}${p.about}`
  })
  return `Usage: eniplane call ${action} [--Param value …]\n\nParameters of ${action}:\n${rows.join('\n')}`
}

/** One line per flag name that `action` does not take, with the nearest one it does. */
export function unknownParameterWarnings(action: string, names: readonly string[]): string[] {
  const known = parametersOf(action)
  if (known === undefined) return []
  const real = known.map((p) => p.name)
  return names
    .filter((name) => !real.includes(baseParameterName(name)))
    .map((name) => {
      const base = baseParameterName(name)
      const nearest = nearestName(base, real)
      const suggestion =
        nearest === undefined ? '' : ` Did you mean --${nearest}${name.slice(base.length)}?`
      return `Warning: ${action} takes no parameter "${name}"; the server will ignore it.${suggestion} (eniplane call --help ${action} lists its parameters.)`
    })
}

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
    const params = args.action === undefined ? undefined : parametersOf(args.action)
    if (args.action !== undefined && params === undefined) {
      console.error(`Unknown Action "${args.action}".\n\n${generalHelp()}`)
      return 2
    }
    console.log(params === undefined ? generalHelp() : actionHelp(args.action ?? '', params))
    return args.help ? 0 : 2
  }
  for (const warning of unknownParameterWarnings(args.action, Object.keys(args.params))) {
    console.error(warning)
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
    const unreachable = unreachableMessage(e, client.endpoint)
    if (unreachable !== undefined) {
      console.error(unreachable)
      return 1
    }
    if (!isRpcError(e)) throw e
    console.error(`${e.code}: ${e.message} (${e.requestId})`)
    return 1
  }
}
