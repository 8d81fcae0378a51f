import { DEFAULT_SERVER_CONFIG } from '../../config/server-config.js'
import { createAccountOnDb } from '../../main.js'
import { HELP_OPTION, parseCommand } from '../parse-command.js'

const HELP = `Usage: eniplane account create NAME [--db FILE|postgres://…]

Creates an account and prints {"AccountId", "AccessKeyId", "AccessKeySecret"} as JSON.
--db defaults to ENI_DB, else .eniplane/eniplane.db (the server's default).`

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    { args: argv, allowPositionals: true, options: { ...HELP_OPTION, db: { type: 'string' } } },
    HELP,
  )
  if (typeof parsed === 'number') return parsed
  const { values, positionals } = parsed
  const [verb, name] = positionals
  if (verb !== 'create' || name === undefined) {
    console.error(HELP)
    return 2
  }
  const db = values.db ?? process.env['ENI_DB'] ?? DEFAULT_SERVER_CONFIG.db
  const result = await createAccountOnDb(db, name)
  if (!result.ok) {
    console.error(`${result.code}: ${result.message}`)
    return 1
  }
  const { accountId, accessKeyId, accessKeySecret } = result.key
  console.log(
    JSON.stringify({
      AccountId: accountId,
      AccessKeyId: accessKeyId,
      AccessKeySecret: accessKeySecret,
    }),
  )
  return 0
}
