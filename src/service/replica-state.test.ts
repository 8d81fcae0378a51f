// Replay protection, console sessions and sign-in limits kept in the store (issue 13): a replay
// through another replica (PostgreSQL: its own pool) or after a restart is refused, one tenant
// cannot push out another's nonces, a sign-out on one replica ends the session on all.
import assert from 'node:assert/strict'

import { describeOnEngines, rejectsWith } from '../testing/service-harness.js'
import { ConsoleSessions } from './console-sessions.js'
import { housekeeping } from './housekeeping.js'
import { NonceLedger, TIMESTAMP_WINDOW_MS } from './nonce-ledger.js'
import { hitRateLimits } from './rate-limit.js'

describeOnEngines('replica state', (t) => {
  t.it('a nonce used on one replica is refused on another and after a restart', async (h) => {
    const now = h.clock.now()
    const a = new NonceLedger(h.ctx.store)
    await a.use('LTAIa', 'nonce-1', now, now)
    const replica = await h.replica(2)
    await rejectsWith(
      new NonceLedger(replica.store).use('LTAIa', 'nonce-1', now, now),
      'SignatureNonceUsed',
      400,
    )
    // A "restart": a new ledger on the same store knows it too.
    await rejectsWith(
      new NonceLedger(h.ctx.store).use('LTAIa', 'nonce-1', now, now),
      'SignatureNonceUsed',
      400,
    )
    await new NonceLedger(replica.store).use('LTAIb', 'nonce-1', now, now)
  })

  t.it('the same nonce sent at once through two replicas is accepted exactly once', async (h) => {
    const now = h.clock.now()
    const replica = await h.replica(3)
    const ledgers = [new NonceLedger(h.ctx.store), new NonceLedger(replica.store)]
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => ledgers[i % 2]!.use('LTAIc', 'same', now, now)),
    )
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1)
  })

  t.it("one tenant's flood never pushes out another's nonce; expiry and purge do", async (h) => {
    const now = h.clock.now()
    const ledger = new NonceLedger(h.ctx.store)
    await ledger.use('LTAIvictim', 'kept', now, now)
    await Promise.all(
      Array.from({ length: 3000 }, (_, i) => ledger.use('LTAInoisy', `n${i}`, now, now)),
    )
    await rejectsWith(ledger.use('LTAIvictim', 'kept', now, now), 'SignatureNonceUsed', 400)
    const later = new Date(now.getTime() + TIMESTAMP_WINDOW_MS + 1)
    h.clock.advance(TIMESTAMP_WINDOW_MS + 1)
    const swept = await housekeeping(h.ctx, { nonces: ledger })
    assert.equal(swept.nonces, 3001)
    await ledger.use('LTAIvictim', 'kept', later, later)
  })

  t.it('a session started on one replica works on another; sign-out ends it on both', async (h) => {
    let now = 1_000_000
    const opts = { idleMs: 10_000, maxAgeMs: 60_000, touchEveryMs: 1000, now: () => now }
    const a = new ConsoleSessions(h.ctx.store, opts)
    const b = new ConsoleSessions((await h.replica(4)).store, opts)
    const id = await a.create('acct-1', 'LTAIkey')
    assert.match(id, /^[A-Za-z0-9_-]{43}$/)
    assert.equal((await b.touch(id))?.accountId, 'acct-1')
    // A restart: a new ConsoleSessions on the same store.
    assert.equal((await new ConsoleSessions(h.ctx.store, opts).touch(id))?.accessKeyId, 'LTAIkey')
    now += 9000
    assert.ok(await b.touch(id), 'used within the idle limit')
    now += 9000
    assert.ok(await a.touch(id), 'the use through b restarted the idle timer')
    await b.delete(id)
    assert.equal(await a.touch(id), undefined)
    assert.equal(await b.touch(id), undefined)
    assert.equal(await a.touch(undefined), undefined)
  })

  t.it('sessions end when idle or too old, and are swept', async (h) => {
    let now = 0
    const s = new ConsoleSessions(h.ctx.store, { idleMs: 100, maxAgeMs: 250, now: () => now })
    const idle = await s.create('a', 'k')
    const busy = await s.create('b', 'k')
    for (now = 50; now <= 250; now += 50) assert.ok(await s.touch(busy))
    assert.equal(await s.touch(idle), undefined, 'idle past 100 ms')
    now = 251
    assert.equal(await s.touch(busy), undefined, 'older than 250 ms')
    await s.create('c', 'k')
    now = 1000
    assert.equal(await s.sweep(), 1)
  })

  t.it('sign-in limits count across replicas, per source and per AccessKey', async (h) => {
    const replica = await h.replica(5)
    const now = h.clock.now()
    const rule = { limit: 3, windowMs: 60_000 }
    const attempt = (store: typeof h.ctx.store, source: string, key: string) =>
      hitRateLimits(store, now, [
        { bucket: `src:${source}`, rule: { limit: 5, windowMs: 60_000 } },
        { bucket: `key:${key}`, rule },
      ])
    await attempt(h.ctx.store, '10.0.0.1', 'LTAIk')
    await attempt(replica.store, '10.0.0.2', 'LTAIk')
    await attempt(h.ctx.store, '10.0.0.3', 'LTAIk')
    await rejectsWith(attempt(replica.store, '10.0.0.4', 'LTAIk'), 'Throttling', 400)
    for (let i = 0; i < 4; i++) await attempt(h.ctx.store, '10.0.0.9', `LTAIother${i}`)
    await attempt(replica.store, '10.0.0.9', 'LTAIother9')
    await rejectsWith(attempt(h.ctx.store, '10.0.0.9', 'LTAIfresh'), 'Throttling', 400)
    // The next window starts afresh.
    await hitRateLimits(h.ctx.store, new Date(now.getTime() + 60_000), [
      { bucket: 'key:LTAIk', rule },
    ])
  })
})
