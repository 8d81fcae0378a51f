// Action → handler, keyed by (API version, Action). ECS 2014-05-26 and VPC 2016-04-28 share one
// endpoint; eni-api.md §2.1 dispatches on both names.
//
// How to add an Action: one file per Action under src/http/actions/, named after it
// (`assign-private-ip-addresses.ts`), exporting a factory `<action>Action(deps)` that returns
// an `ActionDefinition`. The factory closes over the services it needs; the handler reads
// parameters through `ctx.params` (which throws catalogue errors), calls one service operation
// and returns the response body without `RequestId` (the server adds it first). Lists use
// `wrap()` from ../list-wrapper.ts. The composition root registers each definition:
//
//   export function assignPrivateIpAddressesAction(deps: { eni: EniService }): ActionDefinition {
//     return {
//       version: ECS_VERSION,
//       action: 'AssignPrivateIpAddresses',
//       handler: async ({ params, accountId }) => {
//         const result = await deps.eni.assignPrivateIpAddresses(accountId, {
//           regionId: params.requiredStr('RegionId'),
//           networkInterfaceId: params.requiredStr('NetworkInterfaceId'),
//           privateIpAddresses: params.list('PrivateIpAddress', { max: 50 }),
//           count: params.int('SecondaryPrivateIpAddressCount', { min: 1, max: 49 }),
//         })
//         return { AssignedPrivateIpAddressesSet: { NetworkInterfaceId: result.eniId,
//           PrivateIpSet: { PrivateIpAddress: result.ips } } }
//       },
//     }
//   }
//
//   registry.registerAction(assignPrivateIpAddressesAction({ eni }))
import type { FastifyBaseLogger } from 'fastify'
import { ECS_VERSION, LOCATION_VERSION, STS_VERSION, VPC_VERSION } from '../api/action-versions.js'
import { errors } from '../domain/errors.js'
import type { Params } from './params.js'
import type { AuditTrail } from '../service/audit.js'

export { ECS_VERSION, LOCATION_VERSION, STS_VERSION, VPC_VERSION }

export type ApiVersion =
  typeof ECS_VERSION | typeof VPC_VERSION | typeof STS_VERSION | typeof LOCATION_VERSION

export interface ActionContext {
  params: Params
  /** The caller's account, from the verified AccessKey. */
  accountId: string
  /** The response's RequestId (upper-case UUID). */
  requestId: string
  /** The `RegionId` parameter when sent non-empty. */
  regionId?: string
  /** The `Host` the client reached this server at (`host[:port]`), when it sent one. */
  host?: string
  /** Request-scoped logger (carries `reqId`). */
  log: FastifyBaseLogger
  /**
   * This call's audit trail, for a state-changing call run through the call pipeline: the
   * handler passes it to its service operation (`withAudit(deps.ctx, audit)`), whose first
   * transaction writes the call's event with the effect.
   */
  audit?: AuditTrail
}

/** Returns the response body without `RequestId`; must not contain a top-level `Code`. */
export type ActionHandler = (ctx: ActionContext) => Promise<Record<string, unknown>>

export interface ActionDefinition {
  readonly version: ApiVersion
  readonly action: string
  readonly handler: ActionHandler
}

const KNOWN_VERSIONS: ReadonlySet<string> = new Set<string>([
  ECS_VERSION,
  VPC_VERSION,
  STS_VERSION,
  LOCATION_VERSION,
])

export class ActionRegistry {
  readonly #byKey = new Map<string, ActionDefinition>()

  /** Adds one Action; registering the same (version, action) twice is a programming error. */
  registerAction(definition: ActionDefinition): this {
    if (!KNOWN_VERSIONS.has(definition.version)) {
      throw new Error(`unknown API version ${definition.version} for ${definition.action}`)
    }
    const key = keyOf(definition.version, definition.action)
    if (this.#byKey.has(key)) throw new Error(`action ${key} is already registered`)
    this.#byKey.set(key, definition)
    return this
  }

  /**
   * Finds the handler. No Action → `MissingParameter` (Action); no or an empty Version →
   * `MissingParameter` (Version), as Alibaba's gateway answers (its common error table: "The
   * input parameter "Version" that is mandatory for processing this request is not supplied",
   * 400); an Action unknown for that Version → `InvalidAction.NotFound` (404).
   */
  resolve(action: string | undefined, version: string | undefined): ActionDefinition {
    if (action === undefined || action === '') throw errors.missingParameter('Action')
    if (version === undefined || version === '') throw errors.missingParameter('Version')
    const found = this.#byKey.get(keyOf(version, action))
    if (found === undefined) throw errors.invalidAction(action)
    return found
  }

  /** Every registered Action, in registration order. */
  definitions(): ActionDefinition[] {
    return [...this.#byKey.values()]
  }
}

function keyOf(version: string, action: string): string {
  return `${version} ${action}`
}
