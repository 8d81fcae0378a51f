// `eniplane faults add|list|clear`: manages fault-injection rules on a running server, signed
// with the caller's AccessKey (only the bootstrap account is allowed).
import { RpcClient } from '../../client/rpc-client.js'
import { isRpcError } from '../../client/rpc-error.js'
import { resolveClientConfig } from '../../client/credentials.js'
import { HELP_OPTION, parseCommand } from '../parse-command.js'

const HELP = `Usage: eniplane faults add RULE_JSON|--file FILE
       eniplane faults list
       eniplane faults clear

Manages fault-injection rules on a running server (bootstrap account only). A rule is JSON in
the serve --faults format, e.g.
  eniplane faults add '{"action":"AttachNetworkInterface","code":"Operation.Conflict","httpStatus":403,"every":2}'
  eniplane faults add '{"transition":"eni.attached","fail":true,"times":1}'
  eniplane faults add '{"action":"DescribeNetworkInterfaces","delayMs":2000}'
add accepts one rule or an array; --file reads them from a file.
Options: --endpoint URL (else ENIPLANE_ENDPOINT, else http://127.0.0.1:8080).`

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    {
      args: argv,
      allowPositionals: true,
      options: { ...HELP_OPTION, endpoint: { type: 'string' }, file: { type: 'string' } },
    },
    HELP,
  )
  if (typeof parsed === 'number') return parsed
  const [verb, rule] = parsed.positionals
  const config = resolveClientConfig(
    process.env,
    { endpoint: parsed.values.endpoint },
    process.cwd(),
  )
  const client = new RpcClient(config)
  try {
    if (verb === 'add') {
      const text =
        parsed.values.file !== undefined
          ? (await import('node:fs')).readFileSync(parsed.values.file, 'utf8')
          : rule
      if (text === undefined) {
        console.error(HELP)
        return 2
      }
      let rules: unknown
      try {
        rules = JSON.parse(text) as unknown
      } catch {
        console.error('faults add: the rule is not valid JSON')
        return 2
      }
      const body = JSON.stringify(Array.isArray(rules) ? rules : [rules])
      const r = await client.call('EniplaneAddFaultRules', { Rules: body })
      console.log(JSON.stringify(r['Rules'], null, 2))
      return 0
    }
    if (verb === 'list') {
      const r = await client.call('EniplaneListFaultRules', {})
      console.log(JSON.stringify(r['Rules'], null, 2))
      return 0
    }
    if (verb === 'clear') {
      const r = await client.call('EniplaneClearFaultRules', {})
      console.log(`cleared ${String(r['Cleared'])} rule(s)`)
      return 0
    }
    console.error(HELP)
    return 2
  } catch (e: unknown) {
    if (!isRpcError(e)) throw e
    console.error(`${e.code}: ${e.message} (${e.requestId})`)
    return 1
  }
}
