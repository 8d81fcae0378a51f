import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatQuery, parseQuery, sortPairs } from './query.js'

test('parseQuery decodes UTF-8, treats + as space and keeps wire order', () => {
  assert.deepEqual(parseQuery(''), [])
  assert.deepEqual(parseQuery('b=2&a=1&&c'), [
    ['b', '2'],
    ['a', '1'],
    ['c', ''],
  ])
  assert.deepEqual(parseQuery('Description=a%20b*c~d!e%27f(g)h%2Bi%2Fj%3Dk%26l%E4%B8%AD'), [
    ['Description', "a b*c~d!e'f(g)h+i/j=k&l中"],
  ])
  assert.deepEqual(parseQuery('x=a+b&y=%2B&Tag.1.Value='), [
    ['x', 'a b'],
    ['y', '+'],
    ['Tag.1.Value', ''],
  ])
  assert.deepEqual(parseQuery('k=v=w'), [['k', 'v=w']])
})

test('parseQuery does not throw on malformed escapes', () => {
  assert.deepEqual(parseQuery('a=%zz&b=100%&c=%E4%B8'), [
    ['a', '%zz'],
    ['b', '100%'],
    ['c', '\ufffd'],
  ])
})

test('sortPairs is plain code-unit order, case-sensitive, non-numeric and stable', () => {
  const names = [
    'Version',
    'VSwitchId',
    'PrivateIpAddress.2',
    'PrivateIpAddress.10',
    'PrivateIpAddress.1',
    'a',
  ]
  assert.deepEqual(
    sortPairs(names.map((n) => [n, ''] as const)).map(([n]) => n),
    [
      'PrivateIpAddress.1',
      'PrivateIpAddress.10',
      'PrivateIpAddress.2',
      'VSwitchId',
      'Version',
      'a',
    ],
  )
  assert.deepEqual(
    sortPairs([
      ['x', '2'],
      ['x', '1'],
    ]),
    [
      ['x', '2'],
      ['x', '1'],
    ],
  )
})

test('formatQuery round-trips through parseQuery', () => {
  const pairs: [string, string][] = [
    ['Description', "a b*c~d!e'f(g)h+i/j=k&l中"],
    ['Tag.1.Value', ''],
  ]
  assert.equal(
    formatQuery(pairs),
    'Description=a%20b%2Ac~d%21e%27f%28g%29h%2Bi%2Fj%3Dk%26l%E4%B8%AD&Tag.1.Value=',
  )
  assert.deepEqual(parseQuery(formatQuery(pairs)), pairs)
})
