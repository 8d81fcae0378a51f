// The agent's ownership ledger (spec/guest-os.md §15.2): per ENI id, the addresses this agent
// added, their alias suffixes, the debounce counters of pending removals, and the policy-routing
// slot of a secondary ENI. Pure data; state-file.ts stores it.

export interface EniLedger {
  /** lower-case, colons */
  readonly mac: string
  /** the interface the ENI was last seen on */
  readonly ifname: string
  /** addresses this agent added and has not removed */
  readonly owned: readonly string[]
  /** `N` of the label `<ifname>:N` per owned address, kept for the address's lifetime */
  readonly aliases: Readonly<Record<string, number>>
  /** consecutive good reads in which an owned address was not listed */
  readonly absent: Readonly<Record<string, number>>
  /** consecutive good reads in which the ENI itself was not listed */
  readonly missing: number
  /** policy-routing slot of a secondary ENI: table 1000 + slot, priority 20000 + slot */
  readonly slot?: number
  /** IPv6 addresses this agent added, and their debounce counters */
  readonly owned6?: readonly string[]
  readonly absent6?: Readonly<Record<string, number>>
  /** delegated prefixes (local ranges) this agent added, and their debounce counters */
  readonly ownedPrefixes?: readonly string[]
  readonly absentPrefixes?: Readonly<Record<string, number>>
}

export interface Ledger {
  readonly version: 1
  readonly enis: Readonly<Record<string, EniLedger>>
}

export const EMPTY_LEDGER: Ledger = { version: 1, enis: {} }

export const TABLE_BASE = 1000
export const PRIORITY_BASE = 20000
export const MAX_SLOT = 99

export function tableOf(slot: number): number {
  return TABLE_BASE + slot
}

export function priorityOf(slot: number): number {
  return PRIORITY_BASE + slot
}

function isRecordOf<T>(v: unknown, ok: (x: unknown) => x is T): v is Record<string, T> {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => ok(x))
  )
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x)
const isString = (x: unknown): x is string => typeof x === 'string'

function isEniLedger(v: unknown): v is EniLedger {
  if (typeof v !== 'object' || v === null) return false
  const e = v as Record<string, unknown>
  return (
    isString(e['mac']) &&
    isString(e['ifname']) &&
    Array.isArray(e['owned']) &&
    e['owned'].every(isString) &&
    isRecordOf(e['aliases'], isNumber) &&
    isRecordOf(e['absent'], isNumber) &&
    isNumber(e['missing']) &&
    (e['slot'] === undefined || isNumber(e['slot'])) &&
    (e['owned6'] === undefined || (Array.isArray(e['owned6']) && e['owned6'].every(isString))) &&
    (e['absent6'] === undefined || isRecordOf(e['absent6'], isNumber)) &&
    (e['ownedPrefixes'] === undefined ||
      (Array.isArray(e['ownedPrefixes']) && e['ownedPrefixes'].every(isString))) &&
    (e['absentPrefixes'] === undefined || isRecordOf(e['absentPrefixes'], isNumber))
  )
}

/** Parses a stored ledger; undefined when it is not one (the caller decides what to do). */
export function parseLedger(text: string): Ledger | undefined {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof data !== 'object' || data === null) return undefined
  const d = data as Record<string, unknown>
  if (d['version'] !== 1 || !isRecordOf(d['enis'], isEniLedger)) return undefined
  return { version: 1, enis: d['enis'] }
}
