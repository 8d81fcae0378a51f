// What "Modify" in the Manage Secondary Private IP Address dialog does, as API calls in order:
//   1. UnassignPrivateIpAddresses  PrivateIpAddress.N          (addresses marked for removal)
//   2. AssignPrivateIpAddresses    PrivateIpAddress.N          (rows with a typed address)
//   3. AssignPrivateIpAddresses    SecondaryPrivateIpAddressCount (blank rows: automatic)
// The API takes either explicit addresses or a count per call, hence two assign calls. Each call
// is one transaction on the server; the steps run one after the other and stop at the first
// failure, and every step is reported as applied, failed or not applied. No DOM here.
import type { RpcParams } from '../../../src/client/flatten-params.js'
import type { AssignPrivateIpAddressesResponse } from '../wire-types.js'

export interface IpChanges {
  readonly eniId: string
  readonly removals: readonly string[]
  readonly typed: readonly string[]
  readonly automatic: number
}

export interface PlannedStep {
  readonly kind: 'unassign' | 'assign' | 'automatic'
  readonly action: 'UnassignPrivateIpAddresses' | 'AssignPrivateIpAddresses'
  readonly params: RpcParams
  /** What the step does, in words. */
  readonly label: string
  readonly addresses: readonly string[]
  readonly count: number
}

export type StepOutcome =
  | { readonly step: PlannedStep; readonly status: 'applied'; readonly assigned: readonly string[] }
  | {
      readonly step: PlannedStep
      readonly status: 'failed'
      readonly code: string
      readonly message: string
      readonly requestId?: string
    }
  | { readonly step: PlannedStep; readonly status: 'not-applied' }

export type CallAction = (action: string, params: RpcParams) => Promise<object>
export type ErrorInfo = (e: unknown) => { code: string; message: string; requestId?: string }

export function planSteps(changes: IpChanges): PlannedStep[] {
  const steps: PlannedStep[] = []
  const eni = { NetworkInterfaceId: changes.eniId }
  if (changes.removals.length > 0) {
    steps.push({
      kind: 'unassign',
      action: 'UnassignPrivateIpAddresses',
      params: { ...eni, PrivateIpAddress: changes.removals },
      label: `Remove ${changes.removals.join(', ')}`,
      addresses: changes.removals,
      count: changes.removals.length,
    })
  }
  if (changes.typed.length > 0) {
    steps.push({
      kind: 'assign',
      action: 'AssignPrivateIpAddresses',
      params: { ...eni, PrivateIpAddress: changes.typed },
      label: `Assign ${changes.typed.join(', ')}`,
      addresses: changes.typed,
      count: changes.typed.length,
    })
  }
  if (changes.automatic > 0) {
    const n = changes.automatic
    steps.push({
      kind: 'automatic',
      action: 'AssignPrivateIpAddresses',
      params: { ...eni, SecondaryPrivateIpAddressCount: n },
      label: `Assign ${n} automatic address${n === 1 ? '' : 'es'}`,
      addresses: [],
      count: n,
    })
  }
  return steps
}

/** Runs the steps in order; after a failure the remaining steps are reported as not applied. */
export async function applySteps(
  steps: readonly PlannedStep[],
  call: CallAction,
  errorInfo: ErrorInfo,
): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = []
  let failed = false
  for (const step of steps) {
    if (failed) {
      outcomes.push({ step, status: 'not-applied' })
      continue
    }
    try {
      const res = await call(step.action, step.params)
      const assigned =
        step.kind === 'unassign'
          ? []
          : (res as AssignPrivateIpAddressesResponse).AssignedPrivateIpAddressesSet.PrivateIpSet
              .PrivateIpAddress
      outcomes.push({ step, status: 'applied', assigned })
    } catch (e: unknown) {
      failed = true
      outcomes.push({ step, status: 'failed', ...errorInfo(e) })
    }
  }
  return outcomes
}
