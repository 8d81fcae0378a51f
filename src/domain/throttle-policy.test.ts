import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  DEFAULT_LIMITS_PER_MINUTE,
  DEFAULT_OTHER_PER_MINUTE,
  throttleError,
  throttlePolicyFrom,
  TokenBuckets,
} from './throttle-policy.js'

describe('throttle policy', () => {
  test('default: Terway numbers per Action (extensions.md §4.2), 500/min for the rest', () => {
    const p = throttlePolicyFrom('default')
    assert.deepEqual(p.limitFor('AssignPrivateIpAddresses'), {
      perMinute: 400,
      burst: 400,
      code: 'Throttling',
    })
    assert.equal(p.limitFor('DescribeNetworkInterfaceAttribute')?.perMinute, 2000)
    assert.equal(p.limitFor('TagResources')?.perMinute, DEFAULT_OTHER_PER_MINUTE)
    assert.equal(Object.keys(DEFAULT_LIMITS_PER_MINUTE).length, 12)
  })

  test('off never limits; a file can start from none, scale, and name codes', () => {
    assert.equal(throttlePolicyFrom('off').limitFor('AssignPrivateIpAddresses'), undefined)
    const p = throttlePolicyFrom({
      base: 'none',
      scale: 2,
      limits: { DescribeVpcs: { perMinute: 5, code: 'Throttling.User' } },
    })
    assert.deepEqual(p.limitFor('DescribeVpcs'), {
      perMinute: 10,
      burst: 10,
      code: 'Throttling.User',
    })
    assert.equal(p.limitFor('DescribeZones'), undefined)
    const raised = throttlePolicyFrom({ scale: 1000 })
    assert.equal(raised.limitFor('AssignPrivateIpAddresses')?.burst, 400_000)
    const star = throttlePolicyFrom({ base: 'none', limits: { '*': { perMinute: 1 } } })
    assert.equal(star.limitFor('Anything')?.perMinute, 1)
  })

  test('a bad file names every problem', () => {
    assert.throws(
      () =>
        throttlePolicyFrom({
          scale: -1,
          limits: { A: { perMinute: 0 }, B: { perMinute: 1, code: 'Nope' as 'Throttling' } },
        }),
      /scale must be a positive number.*limits\.A\.perMinute.*limits\.B\.code/,
    )
  })

  test('throttle codes keep Alibaba statuses', () => {
    for (const code of ['Throttling', 'Throttling.User', 'Throttling.Api'] as const) {
      const e = throttleError(code)
      assert.equal(e.code, code)
      assert.equal(e.httpStatus, 400)
    }
  })
})

describe('token buckets', () => {
  const policy = throttlePolicyFrom({ base: 'none', limits: { A: { perMinute: 60, burst: 2 } } })

  test('burst, then one token per second; per account, region and Action', () => {
    const b = new TokenBuckets(policy)
    assert.equal(b.take('acc', 'r', 'A', 0), null)
    assert.equal(b.take('acc', 'r', 'A', 0), null)
    assert.equal(b.take('acc', 'r', 'A', 0)?.code, 'Throttling')
    assert.equal(b.take('other', 'r', 'A', 0), null, 'another account has its own bucket')
    assert.equal(b.take('acc', 'r2', 'A', 0), null, 'another region has its own bucket')
    assert.equal(b.take('acc', 'r', 'B', 0), null, 'an unlimited Action')
    assert.notEqual(b.take('acc', 'r', 'A', 999), null, 'not yet a whole token')
    assert.equal(b.take('acc', 'r', 'A', 1000), null)
    assert.notEqual(b.take('acc', 'r', 'A', 1000), null)
    assert.equal(b.take('acc', 'r', 'A', 60_000), null, 'refilled, capped at the burst')
    assert.equal(b.take('acc', 'r', 'A', 60_000), null)
    assert.notEqual(b.take('acc', 'r', 'A', 60_000), null)
  })
})
