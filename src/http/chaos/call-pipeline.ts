// What every call goes through between authentication and its handler, for the RPC endpoint and
// the console alike: throttling (in-memory token buckets), fault rules (matched in memory; no
// I/O when none match), the in-flight checks ECS has (IdempotentProcessing, Operation.Conflict),
// the event of the call (written with its effect, or on its own when refused/throttled/injected),
// and the request metrics.
import { errors, isApiError } from '../../domain/errors.js'
import type { FaultBook } from '../../domain/fault-rules.js'
import { throttleError, type TokenBuckets } from '../../domain/throttle-policy.js'
import type { EventOutcome } from '../../domain/resources.js'
import { recordEvent, type AuditTrail, type PendingEvent } from '../../service/audit.js'
import type { ServiceContext } from '../../service/context.js'
import { runWithTrail, ScopedFailure } from './call-scope.js'
import type { Metrics } from './metrics.js'

export interface CallInfo {
  readonly action: string
  readonly accountId: string
  readonly accessKeyId: string
  readonly params: Readonly<Record<string, string>>
  readonly requestId: string
  readonly sourceIp: string
}

export interface CallPipelineDeps {
  readonly ctx: ServiceContext
  readonly throttle: TokenBuckets
  readonly faults: FaultBook
  readonly metrics: Metrics
  readonly nowMs: () => number
  readonly sleep?: (ms: number) => Promise<void>
  readonly onEventError?: (e: unknown) => void
}

/** Read-only Actions: their successes are not events (errors are). */
export function isReadOnlyAction(action: string): boolean {
  return (
    /^(Describe|List|Get|EniplaneDescribe|EniplaneList)/.test(action) || action === 'EniplaneNoOp'
  )
}

/** Parameters that never go into an event: signature fields and credentials. */
const SECRET_PARAMS = new Set([
  'Signature',
  'SignatureNonce',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureType',
  'AccessKeyId',
  'AccessKeySecret',
  'SecurityToken',
  'Timestamp',
  'Action',
  'Version',
  'Format',
])

export function eventParams(params: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(params)) if (!SECRET_PARAMS.has(k)) out[k] = v
  return out
}

/** ENI Actions that mutate one ENI named by `NetworkInterfaceId` (extensions.md §4.3). */
const ENI_MUTATIONS = new Set([
  'AssignPrivateIpAddresses',
  'UnassignPrivateIpAddresses',
  'AssignIpv6Addresses',
  'UnassignIpv6Addresses',
  'ModifyNetworkInterfaceAttribute',
  'AttachNetworkInterface',
  'DetachNetworkInterface',
  'DeleteNetworkInterface',
])

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export class CallPipeline {
  readonly #d: CallPipelineDeps
  readonly #sleep: (ms: number) => Promise<void>
  /** (account, Action, ClientToken) and (account, ENI) of calls running in this process */
  readonly #inFlight = new Set<string>()

  constructor(deps: CallPipelineDeps) {
    this.#d = deps
    this.#sleep = deps.sleep ?? defaultSleep
  }

  /** Runs `run` for `call`; a state-changing call's `run` gets the trail of its event. */
  async execute<T>(call: CallInfo, run: (audit: AuditTrail | undefined) => Promise<T>): Promise<T> {
    const started = this.#d.nowMs()
    let code = 'Success'
    try {
      return await this.#execute(call, run)
    } catch (e: unknown) {
      code = isApiError(e) ? e.code : 'InternalError'
      throw e
    } finally {
      this.#d.metrics.requests.inc({ action: call.action, code })
      this.#d.metrics.duration.observe({ action: call.action }, (this.#d.nowMs() - started) / 1000)
    }
  }

  async #execute<T>(
    call: CallInfo,
    run: (audit: AuditTrail | undefined) => Promise<T>,
  ): Promise<T> {
    const d = this.#d
    const regionId = call.params['RegionId'] ?? ''
    const refused = d.throttle.take(call.accountId, regionId, call.action, d.nowMs())
    if (refused !== null) {
      d.metrics.throttled.inc({ action: call.action, code: refused.code })
      const err = throttleError(refused.code)
      await this.#record(call, err.code, err.httpStatus, 'throttled')
      throw err
    }
    const readOnly = isReadOnlyAction(call.action)
    const keys = readOnly ? [] : this.#inFlightKeys(call)
    for (const [key, error] of keys) {
      if (this.#inFlight.has(key)) {
        const err = error()
        await this.#record(call, err.code, err.httpStatus, 'error')
        throw err
      }
    }
    for (const [key] of keys) this.#inFlight.add(key)
    try {
      const fault = d.faults.forCall({
        action: call.action,
        accountId: call.accountId,
        networkInterfaceId: call.params['NetworkInterfaceId'],
        instanceId: call.params['InstanceId'],
      })
      if (fault !== undefined) {
        if (fault.delayMs > 0) await this.#sleep(fault.delayMs)
        if (fault.error !== undefined) {
          d.metrics.injected.inc({ action: call.action, code: fault.error.code })
          const err = errors.injectedFault(fault.error.code, fault.error.httpStatus)
          await this.#record(call, err.code, err.httpStatus, 'injected')
          throw err
        }
        d.metrics.injected.inc({ action: call.action, code: 'Delay' })
      }
      const pending = readOnly ? undefined : this.#pending(call)
      return await this.#run(call, readOnly, pending, run)
    } finally {
      for (const [key] of keys) this.#inFlight.delete(key)
    }
  }

  async #run<T>(
    call: CallInfo,
    readOnly: boolean,
    pending: PendingEvent | undefined,
    run: (audit: AuditTrail | undefined) => Promise<T>,
  ): Promise<T> {
    try {
      const { value, unwritten } = await runWithTrail(pending, run)
      // A state-changing call that ran no transaction (nothing to write it with): on its own.
      if (unwritten !== undefined) await this.#record(call, 'Success', 200, 'success')
      return value
    } catch (e: unknown) {
      const failure = e instanceof ScopedFailure ? e : new ScopedFailure(e, pending)
      const err = failure.error
      if (failure.unwritten !== undefined || readOnly) {
        const apiError = isApiError(err) ? err : undefined
        await this.#record(
          call,
          apiError?.code ?? 'InternalError',
          apiError?.httpStatus ?? 500,
          'error',
        )
      }
      throw err
    }
  }

  #inFlightKeys(call: CallInfo): [string, () => ReturnType<typeof errors.throttling>][] {
    const keys: [string, () => ReturnType<typeof errors.throttling>][] = []
    const token = call.params['ClientToken']
    if (token !== undefined && token !== '') {
      keys.push([
        `t\u0000${call.accountId}\u0000${call.action}\u0000${token}`,
        errors.idempotentProcessing,
      ])
    }
    const eniId = call.params['NetworkInterfaceId']
    if (eniId !== undefined && ENI_MUTATIONS.has(call.action)) {
      keys.push([`e\u0000${call.accountId}\u0000${eniId}`, errors.eniOperationConflict])
    }
    return keys
  }

  #pending(call: CallInfo): PendingEvent {
    return {
      at: new Date(this.#d.nowMs()),
      accountId: call.accountId,
      accessKeyId: call.accessKeyId,
      action: call.action,
      params: eventParams(call.params),
      requestId: call.requestId,
      sourceIp: call.sourceIp,
    }
  }

  async #record(
    call: CallInfo,
    code: string,
    httpStatus: number,
    kind: EventOutcome,
  ): Promise<void> {
    try {
      await recordEvent(this.#d.ctx, this.#pending(call), { code, httpStatus, kind })
    } catch (e: unknown) {
      this.#d.onEventError?.(e)
    }
  }
}
