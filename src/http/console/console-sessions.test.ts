import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  SESSION_COOKIE,
  clearedSessionCookie,
  sessionCookie,
  sessionIdFrom,
} from './console-sessions.js'

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
