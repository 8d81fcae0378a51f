// `eniplane events [--since T] [--action A] [--resource ID] [--limit N] [--json]`: the caller's
// events (state-changing, refused, throttled and injected calls), oldest first, one per line.
import { RpcClient } from '../../client/rpc-client.js'
import { isRpcError } from '../../client/rpc-error.js'
import { resolveClientConfig } from '../../client/credentials.js'
import { HELP_OPTION, parseCommand } from '../parse-command.js'

const HELP = `Usage: eniplane events [--since TIME] [--action ACTION] [--resource ID] [--limit N] [--json]

Prints the caller's events, oldest first: every call that changed state, and every refused,
throttled or injected one (time, Action, Code, outcome, AccessKeyId, source address, RequestId,
resources). --since takes an ISO 8601 time or a duration back from now (90s, 15m, 2h);
--limit (1-1000, default 100) keeps the newest N. --json prints the full records.
Options: --endpoint URL (else ENIPLANE_ENDPOINT, else http://127.0.0.1:8080).`

/** `15m` → 15 minutes ago; otherwise the text as an ISO time. */
export function sinceOf(text: string, now: Date): string {
  const m = /^(\d+)(s|m|h|d)$/.exec(text)
  if (m === null) return text
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd']
  return new Date(now.getTime() - Number(m[1]) * unit).toISOString()
}

interface EventLine {
  Time: string
  Action: string
  Code: string
  Outcome: string
  AccessKeyId: string
  SourceIp: string
  EventRequestId: string
  ResourceIds: string[]
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    {
      args: argv,
      options: {
        ...HELP_OPTION,
        endpoint: { type: 'string' },
        since: { type: 'string' },
        action: { type: 'string' },
        resource: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
      },
    },
    HELP,
  )
  if (typeof parsed === 'number') return parsed
  const v = parsed.values
  const config = resolveClientConfig(process.env, { endpoint: v.endpoint }, process.cwd())
  const params: Record<string, string> = {}
  if (v.since !== undefined) params['Since'] = sinceOf(v.since, new Date())
  if (v.action !== undefined) params['EventAction'] = v.action
  if (v.resource !== undefined) params['ResourceId'] = v.resource
  if (v.limit !== undefined) params['MaxResults'] = v.limit
  try {
    const r = await new RpcClient(config).call('EniplaneDescribeEvents', params)
    const events = (r['Events'] as { Event?: EventLine[] } | undefined)?.Event ?? []
    if (v.json === true) {
      console.log(JSON.stringify(events, null, 2))
      return 0
    }
    for (const e of events) {
      console.log(
        [
          e.Time,
          e.Action,
          e.Code,
          e.Outcome,
          e.AccessKeyId,
          e.SourceIp,
          e.EventRequestId,
          e.ResourceIds.join(','),
        ].join('\t'),
      )
    }
    return 0
  } catch (e: unknown) {
    if (!isRpcError(e)) throw e
    console.error(`${e.code}: ${e.message} (${e.requestId})`)
    return 1
  }
}
