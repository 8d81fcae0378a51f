// Fault injection (DESIGN.md `serve --faults FILE`, extensions.md §4): rules that make matching
// calls answer an error (and change nothing), slow them down, or delay/fail the async transition
// a call starts. Pure: randomness comes from `randomFor(seed)`; matching does no I/O and, with no
// rules loaded, costs one length check.

/** uniform in [0, 1) */
export type Random = () => number

/** Async transitions a rule may delay or fail (the worker's operation kinds). */
export const FAULT_TRANSITIONS = [
  'eni.attached',
  'eni.detached',
  'eni.deleted',
  'instance.started',
  'instance.stopped',
  'vpc.available',
  'vswitch.available',
] as const
export type FaultTransition = (typeof FAULT_TRANSITIONS)[number]
/** Transitions that can end in failure (an attach that ends `Available` again, …). */
export const FAILABLE_TRANSITIONS: readonly FaultTransition[] = [
  'eni.attached',
  'eni.detached',
  'eni.deleted',
  'instance.started',
  'instance.stopped',
]

export interface FaultRuleInput {
  /** an RPC Action (call rule) … */
  readonly action?: string
  /** … or an async transition (transition rule) */
  readonly transition?: FaultTransition
  readonly accountId?: string
  readonly networkInterfaceId?: string
  readonly instanceId?: string
  /** call rules: the error to answer, with its HTTP status */
  readonly code?: string
  readonly httpStatus?: number
  /** call rules: wait this long first; transition rules: the transition takes this much longer */
  readonly delayMs?: number
  /** transition rules: the transition fails (the resource returns to its previous state) */
  readonly fail?: boolean
  /** fire this many times, then the rule is spent */
  readonly times?: number
  /** fire with this probability (seeded by `seed`) */
  readonly probability?: number
  readonly seed?: number
  /** fire on every Nth matching call (N, 2N, …) */
  readonly every?: number
}

export interface FaultRule extends FaultRuleInput {
  readonly id: string
}

export interface FaultRuleState extends FaultRule {
  /** matching calls seen */
  readonly matched: number
  /** times the rule fired */
  readonly fired: number
  /** true when `times` is used up */
  readonly spent: boolean
}

export interface CallFault {
  readonly ruleId: string
  readonly delayMs: number
  readonly error?: { readonly code: string; readonly httpStatus: number }
}

export interface TransitionFault {
  readonly ruleId: string
  readonly delayMs: number
  readonly fail: boolean
}

export interface CallSubject {
  readonly action: string
  readonly accountId: string
  readonly networkInterfaceId?: string | undefined
  readonly instanceId?: string | undefined
}

const CODE = /^[A-Za-z][A-Za-z0-9.]{0,63}$/
const MAX_RULES = 1000
const MAX_DELAY_MS = 600_000

/** Checks one rule; returns every problem (empty when valid). */
export function faultRuleProblems(r: unknown): string[] {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return ['a rule must be an object']
  const x = r as Record<string, unknown>
  const p: string[] = []
  const known = new Set([
    'id',
    'action',
    'transition',
    'accountId',
    'networkInterfaceId',
    'instanceId',
    'code',
    'httpStatus',
    'delayMs',
    'fail',
    'times',
    'probability',
    'seed',
    'every',
  ])
  for (const k of Object.keys(x)) if (!known.has(k)) p.push(`unknown field "${k}"`)
  const isStr = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 128
  const isInt = (v: unknown, min: number, max: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
  if ((x['action'] === undefined) === (x['transition'] === undefined)) {
    p.push('exactly one of "action" and "transition" is required')
  }
  if (x['action'] !== undefined && !isStr(x['action'])) p.push('"action" must be a string')
  if (
    x['transition'] !== undefined &&
    !(FAULT_TRANSITIONS as readonly unknown[]).includes(x['transition'])
  ) {
    p.push(`"transition" must be one of ${FAULT_TRANSITIONS.join(', ')}`)
  }
  for (const k of ['accountId', 'networkInterfaceId', 'instanceId']) {
    if (x[k] !== undefined && !isStr(x[k])) p.push(`"${k}" must be a string`)
  }
  if (x['code'] !== undefined && !(typeof x['code'] === 'string' && CODE.test(x['code']))) {
    p.push('"code" must be an error code such as Throttling or Operation.Conflict')
  }
  if (x['httpStatus'] !== undefined && !isInt(x['httpStatus'], 400, 599)) {
    p.push('"httpStatus" must be an integer from 400 to 599')
  }
  if (x['httpStatus'] !== undefined && x['code'] === undefined) {
    p.push('"httpStatus" needs "code"')
  }
  if (x['delayMs'] !== undefined && !isInt(x['delayMs'], 0, MAX_DELAY_MS)) {
    p.push(`"delayMs" must be an integer from 0 to ${MAX_DELAY_MS}`)
  }
  if (x['fail'] !== undefined && typeof x['fail'] !== 'boolean') p.push('"fail" must be boolean')
  if (x['times'] !== undefined && !isInt(x['times'], 1, 1_000_000_000)) {
    p.push('"times" must be a positive integer')
  }
  if (x['every'] !== undefined && !isInt(x['every'], 1, 1_000_000_000)) {
    p.push('"every" must be a positive integer')
  }
  const prob = x['probability']
  if (prob !== undefined && !(typeof prob === 'number' && prob >= 0 && prob <= 1)) {
    p.push('"probability" must be a number from 0 to 1')
  }
  if (x['seed'] !== undefined && !isInt(x['seed'], 0, 2 ** 32 - 1)) {
    p.push('"seed" must be an integer from 0 to 4294967295')
  }
  if (x['probability'] !== undefined && x['every'] !== undefined) {
    p.push('"probability" and "every" cannot be used together')
  }
  if (x['action'] !== undefined) {
    if (x['fail'] !== undefined) p.push('"fail" is for transition rules')
    if (x['code'] === undefined && x['delayMs'] === undefined) {
      p.push('a call rule needs "code" (an error) or "delayMs"')
    }
  }
  if (x['transition'] !== undefined) {
    if (x['code'] !== undefined) p.push('"code" is for call rules')
    if (x['fail'] !== true && x['delayMs'] === undefined) {
      p.push('a transition rule needs "fail": true or "delayMs"')
    }
    if (
      x['fail'] === true &&
      !(FAILABLE_TRANSITIONS as readonly unknown[]).includes(x['transition'])
    ) {
      p.push(`only ${FAILABLE_TRANSITIONS.join(', ')} can fail`)
    }
  }
  return p
}

/** Parses a rules file's JSON (an array of rules); throws an Error naming every problem. */
export function parseFaultRules(json: unknown): FaultRuleInput[] {
  if (!Array.isArray(json)) throw new Error('fault rules must be a JSON array')
  const problems = json.flatMap((r, i) => faultRuleProblems(r).map((m) => `rule ${i + 1}: ${m}`))
  if (problems.length > 0) throw new Error(`invalid fault rules: ${problems.join('; ')}`)
  return json as FaultRuleInput[]
}

/** Default HTTP status for a code a rule names without one. */
export function defaultStatusOf(code: string): number {
  if (code === 'Operation.Conflict' || code === 'IdempotentProcessing') return 403
  if (code === 'OperationConflict' || code === 'InvalidOperation.Conflict') return 409
  if (code === 'InternalError') return 500
  if (code === 'ServiceUnavailable') return 503
  if (code.endsWith('.NotFound')) return 404
  return 400
}

interface LiveRule {
  readonly rule: FaultRule
  readonly random: Random | undefined
  matched: number
  fired: number
}

/**
 * The loaded rules and their counters (per process: each replica keeps its own). The first rule
 * that matches and fires decides a call; a rule that matches but does not fire (probability,
 * every Nth) lets later rules try.
 */
export class FaultBook {
  readonly #randomFor: (seed: number) => Random
  #rules: LiveRule[] = []
  #nextId = 1

  constructor(randomFor: (seed: number) => Random) {
    this.#randomFor = randomFor
  }

  /** Adds validated rules; returns them with their ids. */
  add(inputs: readonly FaultRuleInput[]): FaultRule[] {
    if (this.#rules.length + inputs.length > MAX_RULES) {
      throw new Error(`at most ${MAX_RULES} fault rules`)
    }
    const added = inputs.map((input) => {
      // A listed rule's own id is replaced: ids are this book's.
      const rule: FaultRule = { ...input, id: `fr-${this.#nextId++}` }
      return rule
    })
    for (const rule of added) {
      const random = rule.probability === undefined ? undefined : this.#randomFor(rule.seed ?? 1)
      this.#rules.push({ rule, random, matched: 0, fired: 0 })
    }
    return added
  }

  clear(): number {
    const n = this.#rules.length
    this.#rules = []
    return n
  }

  get size(): number {
    return this.#rules.length
  }

  list(): FaultRuleState[] {
    return this.#rules.map((l) => ({
      ...l.rule,
      matched: l.matched,
      fired: l.fired,
      spent: l.rule.times !== undefined && l.fired >= l.rule.times,
    }))
  }

  /** The fault for an incoming call, if a call rule fires. */
  forCall(s: CallSubject): CallFault | undefined {
    if (this.#rules.length === 0) return undefined
    for (const l of this.#rules) {
      const r = l.rule
      if (r.action === undefined || r.action !== s.action) continue
      if (!matchesSubject(r, s.accountId, s.networkInterfaceId, s.instanceId)) continue
      if (!this.#fires(l)) continue
      return {
        ruleId: r.id,
        delayMs: r.delayMs ?? 0,
        ...(r.code === undefined
          ? {}
          : { error: { code: r.code, httpStatus: r.httpStatus ?? defaultStatusOf(r.code) } }),
      }
    }
    return undefined
  }

  /** The fault for an async transition being scheduled, if a transition rule fires. */
  forTransition(kind: string, accountId: string, resourceId: string): TransitionFault | undefined {
    if (this.#rules.length === 0) return undefined
    const onEni = kind.startsWith('eni.')
    const onInstance = kind.startsWith('instance.')
    for (const l of this.#rules) {
      const r = l.rule
      if (r.transition === undefined || r.transition !== kind) continue
      const eniId = onEni ? resourceId : undefined
      const instanceId = onInstance ? resourceId : undefined
      if (!matchesSubject(r, accountId, eniId, instanceId)) continue
      if (!this.#fires(l)) continue
      return { ruleId: r.id, delayMs: r.delayMs ?? 0, fail: r.fail === true }
    }
    return undefined
  }

  #fires(l: LiveRule): boolean {
    const r = l.rule
    if (r.times !== undefined && l.fired >= r.times) return false
    l.matched++
    if (r.every !== undefined && l.matched % r.every !== 0) return false
    if (l.random !== undefined && !(l.random() < (r.probability ?? 1))) return false
    l.fired++
    return true
  }
}

function matchesSubject(
  r: FaultRule,
  accountId: string,
  eniId: string | undefined,
  instanceId: string | undefined,
): boolean {
  if (r.accountId !== undefined && r.accountId !== accountId) return false
  if (r.networkInterfaceId !== undefined && r.networkInterfaceId !== eniId) return false
  if (r.instanceId !== undefined && r.instanceId !== instanceId) return false
  return true
}
