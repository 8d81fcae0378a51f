// The case runner behind describeStoreContract: one fresh store per case, declared gaps
// skipped with their reason (node:test prints it), cleanup told whether the case passed.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import { setImmediate as tick } from 'node:timers/promises'

import { isApiError } from '../../domain/errors.js'
import type { Store } from '../store.js'

export interface OpenedStore {
  readonly store: Store
  /** Opens a second store on the same database (a restart, or another replica). */
  readonly reopen: () => Promise<Store>
  /** Closes every store it opened; `passed` lets an engine keep a failed case's data. */
  readonly cleanup: (passed: boolean) => Promise<void>
}

export interface StoreContractOptions {
  readonly name: string
  /** Opens a store on an empty, migrated database named after `testName` (unique per case). */
  readonly open: (testName: string) => Promise<OpenedStore>
  /** Declared gaps: the named cases are skipped with `reason`. */
  readonly skip?: readonly { readonly reason: string; readonly tests: readonly string[] }[]
}

export type CaseBody = (s: Pick<OpenedStore, 'store' | 'reopen'>) => Promise<void>

export interface Cases {
  /** Declares one case; `name` is unique across the whole suite (skips refer to it). */
  readonly it: (name: string, body: CaseBody) => void
}

export function caseRunner(o: StoreContractOptions): Cases & { unknownSkips: () => string[] } {
  const reasons = new Map<string, string>()
  for (const gap of o.skip ?? []) for (const t of gap.tests) reasons.set(t, gap.reason)
  const declared = new Set<string>()
  return {
    it(name, body) {
      if (declared.has(name)) throw new Error(`duplicate contract case: ${name}`)
      declared.add(name)
      const reason = reasons.get(name)
      if (reason !== undefined) {
        it(name, { skip: reason }, () => undefined)
        return
      }
      it(name, async () => {
        const opened = await o.open(`${o.name} › ${name}`)
        let passed = false
        try {
          await body(opened)
          passed = true
        } finally {
          await opened.cleanup(passed)
        }
      })
    },
    unknownSkips: () => [...reasons.keys()].filter((n) => !declared.has(n)),
  }
}

/** Asserts that `p` rejects with an ApiError carrying `code`. */
export async function rejectsWithCode(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isApiError(e), `expected an ApiError, got ${String(e)}`)
    assert.equal(e.code, code)
    return true
  })
}

/** Yields to the event loop once: lets a concurrent transaction run (not a sleep). */
export const aTick = async (): Promise<void> => {
  await tick()
}
