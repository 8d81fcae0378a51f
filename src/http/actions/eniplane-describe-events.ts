// EniplaneDescribeEvents (eniplane's own): the caller's events, oldest first — every call that
// changed state, and every refused, throttled or injected one. Filters: `Since` (ISO 8601),
// `EventAction` (an Action name), `ResourceId` (an id the call named or created), `MaxResults`
// (1–1000, default 100: the newest that many).
import { errors } from '../../domain/errors.js'
import { listEvents, MAX_EVENTS } from '../../service/audit.js'
import type { ServiceContext } from '../../service/context.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { optStr } from './shared/request-params.js'

export function eniplaneDescribeEventsAction(deps: { ctx: ServiceContext }): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'EniplaneDescribeEvents',
    handler: async ({ params, accountId }) => {
      const sinceText = optStr(params, 'Since')
      const since = sinceText === undefined ? undefined : new Date(sinceText)
      if (since !== undefined && Number.isNaN(since.getTime())) {
        throw errors.invalidParameter('Since')
      }
      const events = await listEvents(deps.ctx, accountId, {
        since,
        action: optStr(params, 'EventAction'),
        resource: optStr(params, 'ResourceId'),
        limit: params.int('MaxResults', { min: 1, max: MAX_EVENTS }),
      })
      return {
        Events: {
          Event: events.map((e) => ({
            EventId: e.id,
            Time: e.at.toISOString(),
            AccountId: e.accountId,
            AccessKeyId: e.accessKeyId,
            Action: e.action,
            Parameters: JSON.parse(e.params) as unknown,
            Code: e.code,
            HttpStatus: e.httpStatus,
            Outcome: e.outcome,
            EventRequestId: e.requestId,
            SourceIp: e.sourceIp,
            ResourceIds: e.resources,
          })),
        },
      }
    },
  }
}
