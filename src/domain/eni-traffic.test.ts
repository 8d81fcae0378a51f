// The traffic rules (extensions.md §7), table-driven on synthetic types: the ERI budget, the
// queue ceiling, and the queue number an ENI reports.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import {
  checkEriAttach,
  checkQueueNumberFits,
  checkQueueNumberRange,
  checkQueuePairsAllowed,
  checkTrafficMode,
  effectiveQueueNumber,
} from './eni-traffic.js'
import { isApiError } from './errors.js'
import type { InstanceType } from './instance-types.js'
import { findInstanceType } from './instance-types.js'

const g7 = findInstanceType('ecs.g7.large')
assert.ok(g7)
const type = (o: Partial<InstanceType>): InstanceType => ({ ...g7, ...o })
/** `t` without the named figures (a type no source gives them for). */
function without(t: InstanceType, ...keys: (keyof InstanceType)[]): InstanceType {
  const copy: Partial<Record<keyof InstanceType, unknown>> = { ...t }
  for (const key of keys) delete copy[key]
  return copy as InstanceType
}

/** The code and status `fn` throws, or 'ok'. */
function outcome(fn: () => unknown): string {
  try {
    fn()
    return 'ok'
  } catch (e: unknown) {
    assert.ok(isApiError(e))
    return `${e.code} ${e.httpStatus}`
  }
}

describe('ENI traffic rules', () => {
  test('traffic mode values', () => {
    assert.equal(checkTrafficMode(undefined, 'M'), undefined)
    assert.equal(checkTrafficMode('HighPerformance', 'M'), 'HighPerformance')
    assert.equal(
      outcome(() => checkTrafficMode('standard', 'M')),
      'InvalidParameter 400',
    )
  })

  test('ERIs per instance: none without ERI support, at most EriQuantity with it', () => {
    const cases: [eriQuantity: number, attached: number, expected: string][] = [
      [0, 0, 'InvalidOperation.InvalidEniType 403'],
      [1, 0, 'ok'],
      [1, 1, 'InvalidOperation.InvalidEniType 403'],
      [2, 1, 'ok'],
      [2, 2, 'InvalidOperation.InvalidEniType 403'],
    ]
    for (const [eriQuantity, attached, expected] of cases) {
      assert.equal(
        outcome(() => checkEriAttach(type({ eriQuantity }), attached)),
        expected,
        `EriQuantity ${eriQuantity}, ${attached} attached`,
      )
    }
  })

  test('queue numbers: 1–2048, and at most the type maximum when it is known', () => {
    assert.equal(
      outcome(() => checkQueueNumberRange(1, 'Q')),
      'ok',
    )
    assert.equal(
      outcome(() => checkQueueNumberRange(2048, 'Q')),
      'ok',
    )
    assert.equal(
      outcome(() => checkQueueNumberRange(0, 'Q')),
      'InvalidParameter 400',
    )
    assert.equal(
      outcome(() => checkQueueNumberRange(2049, 'Q')),
      'InvalidParameter 400',
    )
    assert.equal(
      outcome(() => checkQueueNumberRange(1.5, 'Q')),
      'InvalidParameter 400',
    )
    const four = type({ maximumQueueNumberPerEni: 4 })
    assert.equal(
      outcome(() => checkQueueNumberFits(4, four)),
      'ok',
    )
    assert.equal(
      outcome(() => checkQueueNumberFits(5, four)),
      'InvalidOperation.MaxEniQueueNumberExceeded 403',
    )
    const unknown = without(four, 'maximumQueueNumberPerEni')
    assert.equal(
      outcome(() => checkQueueNumberFits(2048, unknown)),
      'ok',
    )
    assert.equal(
      outcome(() => checkQueuePairsAllowed('HighPerformance')),
      'ok',
    )
    assert.equal(
      outcome(() => checkQueuePairsAllowed('Standard')),
      'InvalidParameter 400',
    )
  })

  test('the queue number an ENI reports is always a number', () => {
    const t = type({ primaryEniQueueNumber: 8, secondaryEniQueueNumber: 4 })
    const bare = without(t, 'primaryEniQueueNumber', 'secondaryEniQueueNumber')
    const cases: [number | null, boolean, InstanceType | undefined, number][] = [
      [6, false, t, 6],
      [6, false, undefined, 6],
      [null, false, undefined, 0],
      [null, false, t, 4],
      [null, true, t, 8],
      [null, false, bare, 0],
    ]
    for (const [set, primary, attached, expected] of cases) {
      assert.equal(effectiveQueueNumber(set, primary, attached), expected)
    }
  })
})
