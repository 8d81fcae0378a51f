// What "Modify" in the Manage Secondary Private IP Address dialog does, as API calls in order:
// first every removal, then every assignment, per kind of item:
//   IPv4 address   UnassignPrivateIpAddresses PrivateIpAddress.N;
//                  AssignPrivateIpAddresses PrivateIpAddress.N, then SecondaryPrivateIpAddressCount
//   IPv4 /28       UnassignPrivateIpAddresses Ipv4Prefix.N;
//                  AssignPrivateIpAddresses Ipv4Prefix.N, then Ipv4PrefixCount
//   IPv6 address   UnassignIpv6Addresses Ipv6Address.N;
//                  AssignIpv6Addresses Ipv6Address.N, then Ipv6AddressCount
//   IPv6 /80       UnassignIpv6Addresses Ipv6Prefix.N;
//                  AssignIpv6Addresses Ipv6Prefix.N, then Ipv6PrefixCount
// The API takes either a list or a count per call, and never addresses and prefixes of one family
// together, hence a call per line. Each call is one transaction on the server; the steps run one
// after the other and stop at the first failure, and every step is reported as applied, failed
// or not applied. No DOM here.
import type { RpcParams } from '../../../src/client/flatten-params.js'

export type ItemKind = 'ipv4' | 'ipv4Prefix' | 'ipv6' | 'ipv6Prefix'
export const ITEM_KINDS: readonly ItemKind[] = ['ipv4', 'ipv4Prefix', 'ipv6', 'ipv6Prefix']

export interface KindChanges {
  readonly removals: readonly string[]
  readonly typed: readonly string[]
  readonly automatic: number
}

export interface IpChanges {
  readonly eniId: string
  readonly changes: Partial<Readonly<Record<ItemKind, KindChanges>>>
}

export type StepKind = 'unassign' | 'assign' | 'automatic'

export interface PlannedStep {
  readonly item: ItemKind
  readonly kind: StepKind
  readonly action: string
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

interface KindApi {
  readonly unassign: string
  readonly assign: string
  readonly list: string
  readonly count: string
  /** Most items per call (the list's `.N` and the count both). */
  readonly perCall: number
  readonly one: string
  readonly many: string
  /** The assigned items in the Assign answer. */
  readonly assigned: (res: Answer) => readonly string[] | undefined
}

interface Answer {
  readonly AssignedPrivateIpAddressesSet?: {
    readonly PrivateIpSet?: { readonly PrivateIpAddress?: readonly string[] }
    readonly Ipv4PrefixSet?: { readonly Ipv4Prefixes?: readonly string[] }
  }
  readonly Ipv6Sets?: { readonly Ipv6Address?: readonly string[] }
  readonly Ipv6PrefixSets?: { readonly Ipv6Prefix?: readonly string[] }
}

export const KIND_API: Readonly<Record<ItemKind, KindApi>> = {
  ipv4: {
    unassign: 'UnassignPrivateIpAddresses',
    assign: 'AssignPrivateIpAddresses',
    list: 'PrivateIpAddress',
    count: 'SecondaryPrivateIpAddressCount',
    perCall: 32,
    one: 'address',
    many: 'addresses',
    assigned: (r) => r.AssignedPrivateIpAddressesSet?.PrivateIpSet?.PrivateIpAddress,
  },
  ipv4Prefix: {
    unassign: 'UnassignPrivateIpAddresses',
    assign: 'AssignPrivateIpAddresses',
    list: 'Ipv4Prefix',
    count: 'Ipv4PrefixCount',
    perCall: 10,
    one: 'IPv4 /28 prefix',
    many: 'IPv4 /28 prefixes',
    assigned: (r) => r.AssignedPrivateIpAddressesSet?.Ipv4PrefixSet?.Ipv4Prefixes,
  },
  ipv6: {
    unassign: 'UnassignIpv6Addresses',
    assign: 'AssignIpv6Addresses',
    list: 'Ipv6Address',
    count: 'Ipv6AddressCount',
    perCall: 10,
    one: 'IPv6 address',
    many: 'IPv6 addresses',
    assigned: (r) => r.Ipv6Sets?.Ipv6Address,
  },
  ipv6Prefix: {
    unassign: 'UnassignIpv6Addresses',
    assign: 'AssignIpv6Addresses',
    list: 'Ipv6Prefix',
    count: 'Ipv6PrefixCount',
    perCall: 10,
    one: 'IPv6 /80 prefix',
    many: 'IPv6 /80 prefixes',
    assigned: (r) => r.Ipv6PrefixSets?.Ipv6Prefix,
  },
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

function countChunks(n: number, size: number): number[] {
  const out: number[] = []
  for (let left = n; left > 0; left -= size) out.push(Math.min(left, size))
  return out
}

export function planSteps(plan: IpChanges): PlannedStep[] {
  const eni = { NetworkInterfaceId: plan.eniId }
  const removals: PlannedStep[] = []
  const assignments: PlannedStep[] = []
  for (const item of ITEM_KINDS) {
    const c = plan.changes[item]
    if (c === undefined) continue
    const api = KIND_API[item]
    for (const list of chunks(c.removals, api.perCall)) {
      removals.push({
        item,
        kind: 'unassign',
        action: api.unassign,
        params: { ...eni, [api.list]: list },
        label: `Remove ${list.join(', ')}`,
        addresses: list,
        count: list.length,
      })
    }
    for (const list of chunks(c.typed, api.perCall)) {
      assignments.push({
        item,
        kind: 'assign',
        action: api.assign,
        params: { ...eni, [api.list]: list },
        label: `Assign ${list.join(', ')}`,
        addresses: list,
        count: list.length,
      })
    }
    for (const n of countChunks(c.automatic, api.perCall)) {
      assignments.push({
        item,
        kind: 'automatic',
        action: api.assign,
        params: { ...eni, [api.count]: n },
        label: `Assign ${n} automatic ${n === 1 ? api.one : api.many}`,
        addresses: [],
        count: n,
      })
    }
  }
  return [...removals, ...assignments]
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
      const res = (await call(step.action, step.params)) as Answer
      const assigned =
        step.kind === 'unassign' ? [] : [...(KIND_API[step.item].assigned(res) ?? [])]
      outcomes.push({ step, status: 'applied', assigned })
    } catch (e: unknown) {
      failed = true
      outcomes.push({ step, status: 'failed', ...errorInfo(e) })
    }
  }
  return outcomes
}

/** The `item:kind` pairs whose step did not apply (their rows and marks stay for a retry). */
export function pendingAfter(outcomes: readonly StepOutcome[]): Set<`${ItemKind}:${StepKind}`> {
  return new Set(
    outcomes
      .filter((o) => o.status !== 'applied')
      .map((o) => `${o.step.item}:${o.step.kind}` as const),
  )
}
