import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ipv4Limit, ipv6Limit, limitSentence, remainingAfter } from './secondary-ip-limit.js'

const seed = { Name: 'seed', AvailableSecondaryIpCap: 10, InUsePrivateIpCeiling: 20 }
const g7 = {
  instanceId: 'i-1',
  instanceType: 'ecs.g7.large',
  eniPrivateIpAddressQuantity: 6,
  eniIpv6AddressQuantity: 6,
}

test('IPv4: the profile cap while Available, the type’s quantity minus the primary when attached', () => {
  assert.equal(ipv4Limit(seed, undefined).max, 10)
  assert.equal(ipv4Limit(seed, g7).max, 5)
  const big = { ...g7, instanceType: 'ecs.g7.8xlarge', eniPrivateIpAddressQuantity: 50 }
  assert.equal(ipv4Limit(seed, big).max, 19, 'capped at 20 private IPs by seed')
  assert.match(ipv4Limit(seed, big).because, /capped at 20 by quota profile seed/)
})

test('IPv6: 10 while Available, EniIpv6AddressQuantity when attached (0: none)', () => {
  assert.equal(ipv6Limit(undefined).max, 10)
  assert.equal(ipv6Limit(g7).max, 6)
  assert.match(ipv6Limit(g7).because, /ecs\.g7\.large, whose EniIpv6AddressQuantity is 6/)
  const none = ipv6Limit({ ...g7, instanceType: 'ecs.t5-lc1m1.small', eniIpv6AddressQuantity: 0 })
  assert.equal(none.max, 0)
  assert.match(none.because, /supports no IPv6 address on an ENI/)
})

test('a prefix is one slot: assigned counts addresses and prefixes together', () => {
  const limit = ipv6Limit(undefined)
  // 3 addresses + 2 /80s assigned, 1 to remove, 4 new rows
  const counts = { assigned: 5, removing: 1, adding: 4 }
  assert.equal(remainingAfter(limit, counts), 2)
  assert.equal(
    limitSentence(limit, counts),
    'At most 10 IPv6 addresses (a /80 prefix takes one slot): the ENI is Available (not attached), which allows 10. 5 assigned, 1 to remove, 4 new; 2 more fit.',
  )
})

test('the IPv4 sentence keeps the words the console tests read', () => {
  const limit = ipv4Limit(seed, undefined)
  assert.match(
    limitSentence(limit, { assigned: 0, removing: 0, adding: 0 }),
    /^At most 10 secondary private IP addresses .*Available.*quota profile seed.*0 assigned; 10 more fit\.$/,
  )
  assert.match(
    limitSentence(limit, { assigned: 0, removing: 0, adding: 10 }),
    /10 new; No more fit/,
  )
  assert.match(
    limitSentence(limit, { assigned: 10, removing: 0, adding: 2 }),
    /2 too many: remove 2 rows\.$/,
  )
})
