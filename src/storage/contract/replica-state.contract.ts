// What replicas share beyond resources (issue 13): nonces, console sessions, rate-limit
// counters, the worker's retry state, and driver errors that must map to catalogue codes.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import { anAccount, anEni, anOperation, at, aVpc } from '../../testing/builders.js'
import type { Cases } from './harness.js'
import { aTick, rejectsWithCode } from './harness.js'

export function replicaStateContract(c: Cases): void {
  describe('nonces', () => {
    c.it('useNonce records a pair once per AccessKey until it expires', async ({ store }) => {
      const use = (key: string, nonce: string, expires: number, now: number) =>
        store.transaction((tx) => tx.useNonce(key, nonce, at(expires), at(now)))
      assert.equal(await use('ak1', 'n1', 1000, 0), true)
      assert.equal(await use('ak1', 'n1', 1500, 999), false)
      assert.equal(await use('ak2', 'n1', 1000, 0), true)
      assert.equal(await use('ak1', 'n2', 1000, 0), true)
      // Expired: taken over, and live again until its new expiry.
      assert.equal(await use('ak1', 'n1', 3000, 1000), true)
      assert.equal(await use('ak1', 'n1', 4000, 2999), false)
    })

    c.it(
      'useNonces records a batch in one go: new and expired pairs, not live ones or repeats',
      async ({ store }) => {
        await store.transaction(async (tx) => {
          await tx.useNonce('ak1', 'live', at(5000), at(0))
          await tx.useNonce('ak1', 'expired', at(100), at(0))
        })
        const pair = (accessKeyId: string, nonce: string, expires = 9000) => ({
          accessKeyId,
          nonce,
          expiresAt: at(expires),
        })
        const recorded = await store.transaction((tx) =>
          tx.useNonces(
            [
              pair('ak2', 'b'),
              pair('ak1', 'live'),
              pair('ak1', 'expired'),
              pair('ak1', 'new'),
              pair('ak2', 'b'),
              pair('ak2', 'live'),
            ],
            at(200),
          ),
        )
        assert.deepEqual(recorded, [true, false, true, true, false, true])
        assert.deepEqual(await store.transaction((tx) => tx.useNonces([], at(200))), [])
        // every recorded pair is live now, until its expiry
        const again = await store.transaction((tx) =>
          tx.useNonces([pair('ak2', 'b'), pair('ak1', 'expired'), pair('ak1', 'new')], at(8999)),
        )
        assert.deepEqual(again, [false, false, false])
        assert.deepEqual(
          await store.transaction((tx) => tx.useNonces([pair('ak1', 'new', 20_000)], at(9000))),
          [true],
        )
      },
    )

    c.it(
      'a replay through another store on the same database is refused',
      async ({ store, reopen }) => {
        const other = await reopen()
        assert.equal(await store.transaction((tx) => tx.useNonce('ak', 'n', at(1000), at(0))), true)
        assert.equal(
          await other.transaction((tx) => tx.useNonce('ak', 'n', at(1000), at(1))),
          false,
        )
      },
    )

    c.it('purgeNonces deletes only expired pairs', async ({ store }) => {
      await store.transaction(async (tx) => {
        await tx.useNonce('ak', 'old', at(100), at(0))
        await tx.useNonce('ak', 'live', at(5000), at(0))
      })
      assert.equal(await store.transaction((tx) => tx.purgeNonces(at(100))), 1)
      assert.equal(
        await store.transaction((tx) => tx.useNonce('ak', 'live', at(9), at(200))),
        false,
      )
      assert.equal(
        await store.transaction((tx) => tx.useNonce('ak', 'old', at(900), at(200))),
        true,
      )
    })

    c.it('a relaxed-durability transaction commits like any other', async ({ store, reopen }) => {
      await store.transaction((tx) => tx.useNonce('ak', 'r', at(1000), at(0)), {
        durability: 'relaxed',
      })
      const other = await reopen()
      assert.equal(await other.transaction((tx) => tx.useNonce('ak', 'r', at(1000), at(0))), false)
    })
  })

  describe('console sessions and rate limits', () => {
    c.it(
      'sessions are shared, touched and deleted through any store',
      async ({ store, reopen }) => {
        const other = await reopen()
        const s = {
          idHash: 'h1',
          accountId: '1001',
          accessKeyId: 'LTAIx',
          createdAt: at(0),
          lastUsedAt: at(0),
        }
        await store.transaction((tx) => tx.insertConsoleSession(s))
        assert.deepEqual(await other.transaction((tx) => tx.getConsoleSession('h1')), s)
        await other.transaction((tx) => tx.touchConsoleSession('h1', at(50)))
        assert.deepEqual(
          (await store.transaction((tx) => tx.getConsoleSession('h1')))?.lastUsedAt,
          at(50),
        )
        await other.transaction((tx) => tx.deleteConsoleSession('h1'))
        assert.equal(await store.transaction((tx) => tx.getConsoleSession('h1')), undefined)
      },
    )

    c.it('deleteConsoleSessionsBefore removes idle and too-old sessions', async ({ store }) => {
      const base = { accountId: '1', accessKeyId: 'k' }
      await store.transaction(async (tx) => {
        await tx.insertConsoleSession({
          ...base,
          idHash: 'idle',
          createdAt: at(100),
          lastUsedAt: at(100),
        })
        await tx.insertConsoleSession({
          ...base,
          idHash: 'old',
          createdAt: at(0),
          lastUsedAt: at(900),
        })
        await tx.insertConsoleSession({
          ...base,
          idHash: 'live',
          createdAt: at(500),
          lastUsedAt: at(900),
        })
      })
      assert.equal(
        await store.transaction((tx) => tx.deleteConsoleSessionsBefore(at(200), at(50))),
        2,
      )
      assert.ok(await store.transaction((tx) => tx.getConsoleSession('live')))
    })

    c.it(
      'hitRateLimit counts per bucket and window, a new window starts at one',
      async ({ store }) => {
        const hit = (bucket: string, window: number) =>
          store.transaction((tx) => tx.hitRateLimit(bucket, at(window)))
        assert.equal(await hit('a', 0), 1)
        assert.equal(await hit('a', 0), 2)
        assert.equal(await hit('b', 0), 1)
        assert.equal(await hit('a', 60_000), 1)
        assert.equal(await store.transaction((tx) => tx.deleteRateLimitsBefore(at(60_000))), 1)
      },
    )

    c.it(
      'concurrent hits on one bucket from two stores are all counted',
      async ({ store, reopen }) => {
        const other = await reopen()
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 === 0 ? store : other).transaction(async (tx) => {
              await aTick()
              return tx.hitRateLimit('shared', at(0))
            }),
          ),
        )
        assert.equal(await store.transaction((tx) => tx.hitRateLimit('shared', at(0))), 21)
      },
    )
  })

  describe('operation retries', () => {
    c.it(
      'retryOperation records the attempt and postpones; failOperation parks it',
      async ({ store }) => {
        const accountId = anAccount().id
        const op = anOperation({ accountId, resourceId: 'eni-9', dueAt: at(0) })
        const next = anOperation({ accountId, resourceId: 'eni-8', dueAt: at(10) })
        await store.transaction(async (tx) => {
          await tx.insertOperation(op)
          await tx.insertOperation(next)
        })
        await store.transaction((tx) => tx.retryOperation(op.id, 'boom', at(5000)))
        // The failing one no longer blocks the queue.
        assert.equal((await store.transaction((tx) => tx.claimDueOperation(at(100))))?.id, next.id)
        await store.transaction((tx) => tx.deleteOperation(next.id))
        await store.transaction((tx) => tx.insertOperation({ ...next, dueAt: at(9000) }))
        const retried = await store.transaction((tx) => tx.claimDueOperation(at(5000)))
        assert.deepEqual(
          { id: retried?.id, attempts: retried?.attempts, lastError: retried?.lastError },
          { id: op.id, attempts: 1, lastError: 'boom' },
        )
        await store.transaction((tx) => tx.failOperation(op.id, 'gave up', at(6000)))
        assert.equal(
          (await store.transaction((tx) => tx.claimDueOperation(at(99_999))))?.id,
          next.id,
        )
        await store.transaction((tx) => tx.deleteOperation(next.id))
        assert.equal(await store.transaction((tx) => tx.nextOperationDue()), undefined)
        const listed = await store.transaction((tx) => tx.listOperations(accountId))
        assert.deepEqual(
          listed.map((o) => [o.id, o.attempts, o.lastError, o.failedAt]),
          [[op.id, 2, 'gave up', at(6000)]],
        )
        assert.deepEqual(await store.transaction((tx) => tx.listOperations('someone-else')), [])
        assert.equal(await store.transaction((tx) => tx.deleteFailedOperationsBefore(at(6001))), 1)
      },
    )

    c.it('onOperationsScheduled hears committed schedules only', async ({ store }) => {
      const heard: number[] = []
      const stop = store.onOperationsScheduled((d) => heard.push(d.getTime()))
      const accountId = anAccount().id
      await store.transaction((tx) =>
        tx.insertOperation(anOperation({ accountId, resourceId: 'r1', dueAt: at(300) })),
      )
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.insertOperation(anOperation({ accountId, resourceId: 'r2', dueAt: at(100) }))
          throw new Error('rolled back')
        }),
      )
      stop()
      assert.ok(heard.includes(at(300).getTime()))
      assert.ok(!heard.includes(at(100).getTime()))
    })
  })

  describe('driver errors', () => {
    c.it('a foreign-key violation is DependencyViolation, not a 500', async ({ store }) => {
      const accountId = anAccount().id
      const vpc = aVpc({ accountId })
      await rejectsWithCode(
        store.transaction((tx) =>
          tx.insertEni(anEni({ accountId, vpcId: vpc.id, vswitchId: 'vsw-missing' }), []),
        ),
        'DependencyViolation',
      )
    })
  })
}
