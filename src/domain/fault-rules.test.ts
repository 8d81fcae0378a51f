import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { defaultStatusOf, FaultBook, faultRuleProblems, parseFaultRules } from './fault-rules.js'

/** A deterministic generator for tests: the values given, round and round. */
const cycle = (values: number[]) => () => {
  let i = 0
  return () => values[i++ % values.length] ?? 0
}

const subject = { action: 'AssignPrivateIpAddresses', accountId: 'a1', networkInterfaceId: 'eni-1' }

describe('fault rules', () => {
  test('validation names every problem', () => {
    assert.deepEqual(faultRuleProblems({ action: 'A', code: 'Throttling', times: 2 }), [])
    assert.deepEqual(faultRuleProblems({ transition: 'eni.attached', fail: true }), [])
    const p = faultRuleProblems({ action: 'A', transition: 'eni.attached', httpStatus: 200, x: 1 })
    assert.ok(p.some((m) => m.includes('unknown field "x"')))
    assert.ok(p.some((m) => m.includes('exactly one of')))
    assert.ok(p.some((m) => m.includes('httpStatus')))
    assert.ok(faultRuleProblems({ action: 'A' }).some((m) => m.includes('needs "code"')))
    assert.ok(
      faultRuleProblems({ transition: 'vpc.available', fail: true }).some((m) =>
        m.includes('can fail'),
      ),
    )
    assert.throws(() => parseFaultRules({}), /JSON array/)
    assert.throws(() => parseFaultRules([{ action: 'A', code: 'X', probability: 2 }]), /rule 1/)
  })

  test('times: the next N matching calls, then spent; other Actions untouched', () => {
    const book = new FaultBook(cycle([0]))
    book.add([{ action: 'AssignPrivateIpAddresses', code: 'Operation.Conflict', times: 2 }])
    assert.equal(book.forCall({ ...subject, action: 'DescribeRegions' }), undefined)
    const first = book.forCall(subject)
    assert.deepEqual(first?.error, { code: 'Operation.Conflict', httpStatus: 403 })
    assert.ok(book.forCall(subject))
    assert.equal(book.forCall(subject), undefined)
    assert.deepEqual(
      book.list().map((r) => [r.matched, r.fired, r.spent]),
      [[2, 2, true]],
    )
  })

  test('every Nth, probability from the seeded generator, subject filters', () => {
    const book = new FaultBook(cycle([0.9, 0.1]))
    book.add([
      { action: 'A', code: 'InternalError', every: 3 },
      { action: 'B', code: 'Throttling', probability: 0.5, seed: 3 },
      { action: 'C', code: 'X.Y', networkInterfaceId: 'eni-2', accountId: 'a1' },
    ])
    const a = [1, 2, 3, 4, 5, 6].map(() => book.forCall({ ...subject, action: 'A' }) !== undefined)
    assert.deepEqual(a, [false, false, true, false, false, true])
    const b = [1, 2, 3, 4].map(() => book.forCall({ ...subject, action: 'B' }) !== undefined)
    assert.deepEqual(b, [false, true, false, true])
    assert.equal(book.forCall({ ...subject, action: 'C' }), undefined, 'another ENI')
    assert.equal(
      book.forCall({ ...subject, action: 'C', networkInterfaceId: 'eni-2' })?.error?.httpStatus,
      400,
    )
    assert.equal(
      book.forCall({ ...subject, action: 'C', networkInterfaceId: 'eni-2', accountId: 'a2' }),
      undefined,
      'another account',
    )
  })

  test('transition rules match the kind and the resource; delay-only call rules', () => {
    const book = new FaultBook(cycle([0]))
    book.add([
      { transition: 'eni.attached', networkInterfaceId: 'eni-1', fail: true, times: 1 },
      { transition: 'instance.started', delayMs: 500 },
      { action: 'DescribeVpcs', delayMs: 250 },
    ])
    assert.equal(book.forTransition('eni.attached', 'a1', 'eni-9'), undefined)
    assert.deepEqual(book.forTransition('eni.attached', 'a1', 'eni-1'), {
      ruleId: 'fr-1',
      delayMs: 0,
      fail: true,
    })
    assert.equal(book.forTransition('eni.attached', 'a1', 'eni-1'), undefined)
    assert.equal(book.forTransition('instance.started', 'a1', 'i-1')?.delayMs, 500)
    assert.deepEqual(book.forCall({ ...subject, action: 'DescribeVpcs' }), {
      ruleId: 'fr-3',
      delayMs: 250,
    })
    assert.equal(book.clear(), 3)
    assert.equal(book.forCall(subject), undefined)
  })

  test('default statuses of common codes', () => {
    assert.equal(defaultStatusOf('Operation.Conflict'), 403)
    assert.equal(defaultStatusOf('OperationConflict'), 409)
    assert.equal(defaultStatusOf('InternalError'), 500)
    assert.equal(defaultStatusOf('ServiceUnavailable'), 503)
    assert.equal(defaultStatusOf('InvalidEniId.NotFound'), 404)
    assert.equal(defaultStatusOf('Throttling'), 400)
  })
})
