import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { AddressPool } from './address-pool.js'
import { type Cidr, isUsable, parseCidr, usableCount } from './cidr.js'
import { parseIpv4 } from './ipv4.js'
import { seededRandom } from './seeded-random.js'

const cidr = (s: string): Cidr => {
  const c = parseCidr(s)
  assert.ok(c, `test CIDR ${s} must parse`)
  return c
}
const ip = (s: string): number => {
  const n = parseIpv4(s)
  assert.ok(n !== undefined, `test IP ${s} must parse`)
  return n
}
const range = (from: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => from + i)

describe('AddressPool.create', () => {
  const sizes: [string, number][] = [
    ['10.0.0.0/16', 65532],
    ['192.168.1.0/24', 252],
    ['192.168.1.0/28', 12],
    ['192.168.1.248/29', 4],
  ]
  for (const [c, free] of sizes) {
    test(`${c} starts with ${free} free`, () => {
      const pool = AddressPool.create(cidr(c), [])
      assert.equal(pool.freeCount, free)
      assert.equal(pool.freeCount, usableCount(cidr(c)))
    })
  }

  for (const c of ['10.0.0.0/8', '10.0.0.0/15', '10.0.0.0/30', '10.0.0.0/32', '0.0.0.0/0']) {
    test(`rejects ${c} with a plain Error`, () => {
      assert.throws(
        () => AddressPool.create(cidr(c), []),
        (e: unknown) => e instanceof Error && e.constructor === Error,
      )
    })
  }

  test('a /29 has exactly the 4 usable addresses, in order', () => {
    const pool = AddressPool.create(cidr('192.168.1.248/29'), [])
    assert.deepEqual(
      pool.pickLowest(10),
      ['192.168.1.249', '192.168.1.250', '192.168.1.251', '192.168.1.252'].map(ip),
    )
    for (const r of ['192.168.1.248', '192.168.1.253', '192.168.1.254', '192.168.1.255']) {
      assert.equal(pool.isFree(ip(r)), false, r)
    }
  })

  test('used entries reduce the free set; reserved, outside and duplicate entries are ignored', () => {
    const c = cidr('192.168.1.0/24')
    const used = [
      ip('192.168.1.1'),
      ip('192.168.1.1'),
      ip('192.168.1.100'),
      ip('192.168.1.0'),
      ip('192.168.1.253'),
      ip('192.168.1.255'),
      ip('192.168.2.7'),
      ip('10.0.0.1'),
      -1,
      1.5,
    ]
    const pool = AddressPool.create(c, new Set(used))
    assert.equal(pool.freeCount, 250)
    assert.equal(pool.isFree(ip('192.168.1.1')), false)
    assert.equal(pool.isFree(ip('192.168.1.100')), false)
    assert.equal(pool.isFree(ip('192.168.1.2')), true)
    assert.deepEqual(pool.pickLowest(2), [ip('192.168.1.2'), ip('192.168.1.3')])
  })

  test('internal order does not depend on the iteration order of used', () => {
    const c = cidr('10.0.0.0/24')
    const used = range(ip('10.0.0.10'), 50)
    const a = AddressPool.create(c, used)
    const b = AddressPool.create(c, [...used].reverse())
    assert.deepEqual(a.pickRandom(20, seededRandom(9)), b.pickRandom(20, seededRandom(9)))
  })
})

describe('markUsed / markFree / isFree', () => {
  test('are idempotent and ignore reserved and outside addresses', () => {
    const pool = AddressPool.create(cidr('192.168.1.0/24'), [])
    const a = ip('192.168.1.7')
    pool.markUsed(a)
    pool.markUsed(a)
    assert.equal(pool.freeCount, 251)
    assert.equal(pool.isFree(a), false)
    pool.markFree(a)
    pool.markFree(a)
    assert.equal(pool.freeCount, 252)
    assert.equal(pool.isFree(a), true)
    for (const other of ['192.168.1.0', '192.168.1.253', '192.168.1.255', '192.168.2.1']) {
      pool.markFree(ip(other))
      pool.markUsed(ip(other))
      assert.equal(pool.isFree(ip(other)), false)
    }
    pool.markFree(1.5)
    pool.markUsed(Number.NaN)
    assert.equal(pool.freeCount, 252)
  })
})

describe('pickRandom', () => {
  const blocks = ['10.0.0.0/16', '192.168.1.0/24', '192.168.1.248/29']

  test('never returns reserved, used, excluded or duplicate addresses (many seeds)', () => {
    for (const text of blocks) {
      const c = cidr(text)
      for (let seed = 1; seed <= 60; seed++) {
        const random = seededRandom(seed)
        const usable = usableCount(c)
        // Use about half of the first 512 usable addresses, chosen by the seed.
        const used = range(c.base + 1, Math.min(usable, 512)).filter(() => random() < 0.5)
        const pool = AddressPool.create(c, used)
        const usedSet = new Set(used)
        const exclude = new Set(
          range(c.base + 1, Math.min(usable, 512)).filter((_, i) => i % 7 === 0),
        )
        const count = 1 + Math.floor(random() * 40)
        const picks = pool.pickRandom(count, random, exclude)
        const available = range(c.base + 1, usable).filter(
          (a) => !usedSet.has(a) && !exclude.has(a),
        ).length
        assert.equal(picks.length, Math.min(count, available), `${text} seed ${seed}`)
        assert.equal(new Set(picks).size, picks.length, 'distinct')
        for (const p of picks) {
          assert.ok(isUsable(c, p), `${p} usable`)
          assert.ok(!usedSet.has(p), `${p} not used`)
          assert.ok(!exclude.has(p), `${p} not excluded`)
          assert.ok(pool.isFree(p), `${p} free`)
        }
      }
    }
  })

  test('does not change the pool', () => {
    const pool = AddressPool.create(cidr('192.168.1.0/24'), [])
    const before = pool.pickLowest(252)
    pool.pickRandom(100, seededRandom(3))
    assert.equal(pool.freeCount, 252)
    assert.deepEqual(pool.pickLowest(252), before)
    assert.deepEqual(pool.pickRandom(5, seededRandom(3)), pool.pickRandom(5, seededRandom(3)))
  })

  test('the same seed gives the same picks; different seeds differ', () => {
    const c = cidr('10.0.0.0/16')
    const picks = (seed: number) => AddressPool.create(c, []).pickRandom(16, seededRandom(seed))
    assert.deepEqual(picks(7), picks(7))
    assert.notDeepEqual(picks(7), picks(8))
  })

  test('touches many distinct addresses and spreads across the block', () => {
    const c = cidr('192.168.1.0/24')
    const pool = AddressPool.create(c, [])
    const random = seededRandom(1234)
    const hits = new Map<number, number>()
    const draws = 25_200
    for (let i = 0; i < draws; i++) {
      const [p] = pool.pickRandom(1, random)
      assert.ok(p !== undefined)
      hits.set(p, (hits.get(p) ?? 0) + 1)
    }
    assert.equal(hits.size, 252, 'every usable address is drawn')
    for (const n of hits.values()) assert.ok(n > 50 && n < 160, `count ${n} near 100`)
  })

  const fills: [string, number][] = [
    ['192.168.1.0/24', 252],
    ['192.168.1.248/29', 4],
  ]
  for (const [text, usable] of fills) {
    test(`filling ${text} one by one uses every usable address, then picks []`, () => {
      const c = cidr(text)
      const pool = AddressPool.create(c, [])
      const random = seededRandom(77)
      const taken = new Set<number>()
      for (let i = 0; i < usable; i++) {
        const picks = pool.pickRandom(1, random)
        assert.equal(picks.length, 1)
        const [p] = picks
        assert.ok(p !== undefined && !taken.has(p) && isUsable(c, p))
        taken.add(p)
        pool.markUsed(p)
      }
      assert.equal(taken.size, usable)
      assert.equal(pool.freeCount, 0)
      assert.deepEqual(pool.pickRandom(1, random), [])
      assert.deepEqual(pool.pickRandom(10, random), [])
      assert.deepEqual(pool.pickLowest(1), [])

      const back = ip(text.startsWith('192.168.1.0') ? '192.168.1.77' : '192.168.1.250')
      pool.markFree(back)
      assert.deepEqual(pool.pickRandom(3, random), [back])
      assert.deepEqual(pool.pickLowest(3), [back])
      assert.deepEqual(pool.pickRandom(3, random, new Set([back])), [])
    })
  }

  test('count larger than free returns all free; count 0 returns []; bad counts throw', () => {
    const c = cidr('192.168.1.248/29')
    const pool = AddressPool.create(c, [ip('192.168.1.250')])
    assert.deepEqual(
      pool.pickRandom(100, seededRandom(1)).sort((a, b) => a - b),
      ['192.168.1.249', '192.168.1.251', '192.168.1.252'].map(ip),
    )
    assert.deepEqual(pool.pickRandom(0, seededRandom(1)), [])
    for (const bad of [-1, 1.5, Number.NaN]) {
      assert.throws(() => pool.pickRandom(bad, seededRandom(1)), RangeError)
      assert.throws(() => pool.pickLowest(bad), RangeError)
    }
  })

  test('stays fast in a 99%-full /16 (bounded)', () => {
    const c = cidr('10.0.0.0/16')
    const used = range(c.base + 1, 65532).filter((_, i) => i % 100 !== 0)
    const pool = AddressPool.create(c, used)
    assert.equal(pool.freeCount, 656)
    const random = seededRandom(5)
    for (let i = 0; i < 20_000; i++) {
      const [p] = pool.pickRandom(1, random)
      assert.ok(p !== undefined && pool.isFree(p))
    }
  })
})

describe('pickLowest', () => {
  test('returns the lowest free addresses in order, honouring exclude', () => {
    const c = cidr('192.168.1.0/24')
    const pool = AddressPool.create(c, [ip('192.168.1.1'), ip('192.168.1.3')])
    assert.deepEqual(pool.pickLowest(3), ['192.168.1.2', '192.168.1.4', '192.168.1.5'].map(ip))
    assert.deepEqual(
      pool.pickLowest(2, new Set([ip('192.168.1.2'), ip('192.168.1.5')])),
      ['192.168.1.4', '192.168.1.6'].map(ip),
    )
  })

  test('follows markUsed and markFree, including below the cursor', () => {
    const pool = AddressPool.create(cidr('192.168.1.0/24'), [])
    for (let i = 1; i <= 100; i++) {
      const [p] = pool.pickLowest(1)
      assert.equal(p, ip(`192.168.1.${i}`))
      pool.markUsed(p)
    }
    pool.markFree(ip('192.168.1.42'))
    pool.markFree(ip('192.168.1.17'))
    assert.deepEqual(pool.pickLowest(3), ['192.168.1.17', '192.168.1.42', '192.168.1.101'].map(ip))
    pool.markUsed(ip('192.168.1.17'))
    assert.deepEqual(pool.pickLowest(1), [ip('192.168.1.42')])
  })

  test('drains a /16 in ascending order', () => {
    const c = cidr('10.0.0.0/16')
    const pool = AddressPool.create(c, [])
    let expected = c.base + 1
    for (;;) {
      const [p] = pool.pickLowest(1)
      if (p === undefined) break
      assert.equal(p, expected)
      pool.markUsed(p)
      expected++
    }
    assert.equal(expected, ip('10.0.255.253'))
    assert.equal(pool.freeCount, 0)
  })
})

describe('AddressPool /28 blocks (IPv4 prefixes)', () => {
  test('a /24 has 14 free /28s: the first and last hold reserved addresses', () => {
    const pool = AddressPool.create(cidr('192.168.1.0/24'), [])
    assert.equal(pool.freeBlockCount, 14)
    assert.equal(pool.isBlockFree(ip('192.168.1.0')), false)
    assert.equal(pool.isBlockFree(ip('192.168.1.16')), true)
    assert.equal(pool.isBlockFree(ip('192.168.1.17')), false)
    assert.equal(pool.isBlockFree(ip('192.168.1.240')), false)
    assert.deepEqual(pool.pickLowestBlocks(2), [ip('192.168.1.16'), ip('192.168.1.32')])
  })
  test('/27 and smaller vSwitches have no free /28', () => {
    for (const c of ['192.168.1.0/27', '192.168.1.0/28', '192.168.1.0/29']) {
      assert.equal(AddressPool.create(cidr(c), []).freeBlockCount, 0, c)
    }
    assert.equal(AddressPool.create(cidr('192.168.1.0/26'), []).freeBlockCount, 2)
  })
  test('one used address takes its block; freeing it gives the block back', () => {
    const pool = AddressPool.create(cidr('192.168.1.0/24'), [ip('192.168.1.20')])
    assert.equal(pool.isBlockFree(ip('192.168.1.16')), false)
    assert.equal(pool.freeBlockCount, 13)
    pool.markUsed(ip('192.168.1.21'))
    pool.markFree(ip('192.168.1.20'))
    assert.equal(pool.isBlockFree(ip('192.168.1.16')), false)
    pool.markFree(ip('192.168.1.21'))
    assert.equal(pool.isBlockFree(ip('192.168.1.16')), true)
    assert.equal(pool.freeBlockCount, 14)
  })
  test('markBlockUsed takes 16 addresses; single picks never land in it', () => {
    const pool = AddressPool.create(cidr('192.168.1.0/24'), [])
    pool.markBlockUsed(ip('192.168.1.32'))
    assert.equal(pool.freeCount, 252 - 16)
    assert.equal(pool.freeBlockCount, 13)
    const all = pool.pickRandom(1000, seededRandom(3))
    assert.ok(all.every((n) => n < ip('192.168.1.32') || n >= ip('192.168.1.48')))
    pool.markBlockFree(ip('192.168.1.32'))
    assert.equal(pool.freeBlockCount, 14)
    assert.equal(pool.freeCount, 252)
  })
  test('random block picks are distinct, aligned and free', () => {
    const pool = AddressPool.create(cidr('10.0.0.0/16'), range(ip('10.0.1.0'), 4000))
    const picks = pool.pickRandomBlocks(100, seededRandom(9))
    assert.equal(new Set(picks).size, 100)
    for (const b of picks) {
      assert.equal((b - ip('10.0.0.0')) % 16, 0)
      assert.ok(pool.isBlockFree(b))
    }
  })
})
