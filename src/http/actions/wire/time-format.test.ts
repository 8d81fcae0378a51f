// The UTC timestamp shapes agree with toISOString wherever it is defined.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { formatMinutes, formatSeconds } from './time-format.js'

const iso = (d: Date, n: number) => `${d.toISOString().slice(0, n)}Z`

describe('time formats', () => {
  it('match toISOString, cut to seconds or minutes', () => {
    const cases = [
      0,
      Date.UTC(2019, 11, 25, 12, 31, 31, 999),
      Date.UTC(2024, 1, 29, 23, 59, 59),
      Date.UTC(2000, 0, 1, 0, 0, 0),
      Date.UTC(1000, 0, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(999, 5, 1, 1, 2, 3),
      Date.UTC(10000, 0, 1),
      -1,
    ]
    for (let ms = 1_700_000_000_000; ms < 1_700_000_000_000 + 400 * 86_400_000; ms += 7_777_777) {
      cases.push(ms)
    }
    for (const ms of cases) {
      const d = new Date(ms)
      assert.equal(formatSeconds(d), iso(d, 19), `${ms}`)
      assert.equal(formatMinutes(d), iso(d, 16), `${ms}`)
    }
    assert.equal(formatSeconds(new Date(Date.UTC(2017, 11, 10, 4, 4, 5))), '2017-12-10T04:04:05Z')
    assert.equal(formatMinutes(new Date(Date.UTC(2017, 11, 10, 4, 4, 5))), '2017-12-10T04:04Z')
  })

  it('formats each date afresh, whichever second came before', () => {
    const base = Date.UTC(2019, 11, 25, 12, 31, 31)
    for (const ms of [
      base,
      base + 999,
      base + 1000,
      base - 1,
      base,
      -1,
      -1000,
      -1001,
      999,
      0,
      -1,
      0,
    ]) {
      const d = new Date(ms)
      assert.equal(formatSeconds(d), iso(d, 19), `${ms}`)
    }
  })

  it('refuses an invalid date as toISOString does', () => {
    assert.throws(() => formatSeconds(new Date(Number.NaN)), RangeError)
    assert.throws(() => formatMinutes(new Date(Number.NaN)), RangeError)
  })
})
