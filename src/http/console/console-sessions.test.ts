import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  ConsoleSessions,
  SESSION_COOKIE,
  clearedSessionCookie,
  sessionCookie,
  sessionIdFrom,
} from './console-sessions.js'

describe('ConsoleSessions', () => {
  test('a session lives until it is idle too long, and using it restarts the idle timer', () => {
    let now = 0
    const sessions = new ConsoleSessions({ idleMs: 100, maxAgeMs: 1000, now: () => now })
    const id = sessions.create('acct', 'LTAIkey')
    assert.match(id, /^[A-Za-z0-9_-]{43}$/)
    now = 90
    assert.equal(sessions.touch(id)?.accountId, 'acct')
    now = 180
    assert.equal(sessions.touch(id)?.accessKeyId, 'LTAIkey')
    now = 281
    assert.equal(sessions.touch(id), undefined)
    assert.equal(sessions.size, 0)
  })

  test('a session ends at its maximum age however busy it is', () => {
    let now = 0
    const sessions = new ConsoleSessions({ idleMs: 100, maxAgeMs: 250, now: () => now })
    const id = sessions.create('acct', 'k')
    for (now = 50; now <= 250; now += 50) assert.ok(sessions.touch(id))
    now = 251
    assert.equal(sessions.touch(id), undefined)
  })

  test('ids are unguessable and distinct; delete and unknown ids are harmless', () => {
    const sessions = new ConsoleSessions()
    const a = sessions.create('acct', 'k')
    const b = sessions.create('acct', 'k')
    assert.notEqual(a, b)
    sessions.delete(a)
    sessions.delete(undefined)
    assert.equal(sessions.touch(a), undefined)
    assert.equal(sessions.touch(undefined), undefined)
    assert.equal(sessions.touch('x'.repeat(43)), undefined)
    assert.ok(sessions.touch(b))
  })

  test('expired sessions are swept when a new one starts', () => {
    let now = 0
    const sessions = new ConsoleSessions({ idleMs: 10, now: () => now })
    sessions.create('a', 'k')
    sessions.create('b', 'k')
    now = 100
    sessions.create('c', 'k')
    assert.equal(sessions.size, 1)
  })
})

describe('session cookie', () => {
  test('is HttpOnly, SameSite=Strict and scoped to /console', () => {
    const cookie = sessionCookie('abc', 3600, false)
    assert.equal(
      cookie,
      `${SESSION_COOKIE}=abc; Path=/console; HttpOnly; SameSite=Strict; Max-Age=3600`,
    )
    assert.match(sessionCookie('abc', 1, true), /; Secure$/)
    assert.match(clearedSessionCookie(false), new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`))
  })

  test('sessionIdFrom reads only a well-formed id of our cookie', () => {
    const id = 'A'.repeat(43)
    assert.equal(sessionIdFrom(`other=1; ${SESSION_COOKIE}=${id}; x=y`), id)
    assert.equal(sessionIdFrom(`${SESSION_COOKIE}=short`), undefined)
    assert.equal(sessionIdFrom(`${SESSION_COOKIE}=${'!'.repeat(43)}`), undefined)
    assert.equal(sessionIdFrom('other=1'), undefined)
    assert.equal(sessionIdFrom(undefined), undefined)
  })
})
