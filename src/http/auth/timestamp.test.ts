import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseSignedTime } from './timestamp.js'

test('parseSignedTime accepts the SDK form plus fractions and offsets', () => {
  const cases: [string, string][] = [
    ['2024-05-26T12:00:00Z', '2024-05-26T12:00:00.000Z'],
    ['2024-05-26T12:00:00.5Z', '2024-05-26T12:00:00.500Z'],
    ['2024-05-26T12:00:00.123456789Z', '2024-05-26T12:00:00.123Z'],
    ['2024-05-26T20:00:00+08:00', '2024-05-26T12:00:00.000Z'],
    ['2024-05-26T07:30:00-0430', '2024-05-26T12:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ]
  for (const [input, iso] of cases) assert.equal(parseSignedTime(input)?.toISOString(), iso, input)
})

test('parseSignedTime rejects anything else', () => {
  for (const bad of [
    '',
    '2024-05-26T12:00:00',
    '2024-05-26 12:00:00Z',
    '2024-5-26T12:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-05-26T24:00:00Z',
    '2024-05-26T12:60:00Z',
    '1716724800',
    'Sun, 26 May 2024 12:00:00 GMT',
  ]) {
    assert.equal(parseSignedTime(bad), undefined, bad)
  }
})
