// The catalogue is split by area (src/domain/errors/); merged, no factory may shadow another.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { ERROR_AREAS, errors } from './errors.js'

describe('error catalogue', () => {
  it('no factory name is defined in two areas', () => {
    const names = ERROR_AREAS.flatMap((area) => Object.keys(area))
    const twice = names.filter((n, i) => names.indexOf(n) !== i)
    assert.deepEqual(twice, [])
    assert.equal(Object.keys(errors).length, names.length)
  })
})
