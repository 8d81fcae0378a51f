// Runs one Action through the same ActionRegistry handler the RPC endpoint uses, for an account
// the console has already authenticated (its session), so the console performs exactly the
// operations the API performs, with the same checks and the same response body.
import type { FastifyBaseLogger } from 'fastify'
import { versionForAction } from '../../api/action-versions.js'
import { errors } from '../../domain/errors.js'
import type { ActionContext, ActionDefinition, ActionRegistry } from '../action-registry.js'
import type { AuditTrail } from '../../service/audit.js'
import type { CallRunner } from '../server.js'
import { Params } from '../params.js'

export interface ConsoleCall {
  readonly action: string
  /** Flat wire parameters (`PrivateIpAddress.1`, …). */
  readonly params: Readonly<Record<string, string>>
  readonly accountId: string
  readonly requestId: string
  readonly log: FastifyBaseLogger
  /** Defaults to the Action's own version (api/action-versions.ts). */
  readonly version?: string | undefined
  readonly accessKeyId?: string | undefined
  readonly sourceIp?: string | undefined
  /** Throttling, fault rules, events and metrics, as on the RPC endpoint. */
  readonly calls?: CallRunner | undefined
}

export interface ConsoleCallResult {
  readonly definition: ActionDefinition
  /** The response body, `RequestId` first, exactly as the RPC endpoint renders it in JSON. */
  readonly body: Record<string, unknown>
}

export async function invokeAction(
  registry: ActionRegistry,
  call: ConsoleCall,
): Promise<ConsoleCallResult> {
  const definition = registry.resolve(call.action, call.version ?? versionForAction(call.action))
  const params = new Params(call.params)
  const ctx: ActionContext = {
    params,
    accountId: call.accountId,
    requestId: call.requestId,
    log: call.log,
  }
  const regionId = params.str('RegionId')
  if (regionId !== undefined && regionId !== '') ctx.regionId = regionId
  const run = (audit?: AuditTrail) => definition.handler(audit ? { ...ctx, audit } : ctx)
  const result =
    call.calls === undefined
      ? await run()
      : await call.calls.execute(
          {
            action: definition.action,
            accountId: call.accountId,
            accessKeyId: call.accessKeyId ?? '',
            params: call.params,
            requestId: call.requestId,
            sourceIp: call.sourceIp ?? '',
          },
          run,
        )
  if (Object.hasOwn(result, 'Code')) {
    throw new Error(`${definition.action} returned a top-level Code`)
  }
  const rest = { ...result }
  delete rest['RequestId']
  return { definition, body: { RequestId: call.requestId, ...rest } }
}

/**
 * `{ Action, Version?, Params }` from the console's JSON body. Parameter values must be strings
 * (numbers and booleans are accepted and sent as their text, like the SDKs do).
 */
export function parseConsoleCall(body: Record<string, unknown>): {
  action: string
  version: string | undefined
  params: Record<string, string>
} {
  const action = body['Action']
  if (typeof action !== 'string' || action === '') throw errors.missingParameter('Action')
  const version = body['Version']
  if (version !== undefined && typeof version !== 'string') throw errors.invalidParameter('Version')
  const raw = body['Params'] ?? {}
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw errors.invalidParameter('Params')
  }
  const params = Object.create(null) as Record<string, string>
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'string') params[name] = value
    else if (typeof value === 'number' || typeof value === 'boolean') params[name] = String(value)
    else throw errors.invalidParameter(name)
  }
  return { action, version, params }
}
