import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { SyncThread } from './sync-thread.js'

describe('SyncThread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eniplane-sync-thread-'))
  after(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'wal')
  writeFileSync(file, 'frames')

  it('answers every sync asked, back to back and all at once, then closes', async () => {
    const thread = new SyncThread(file)
    for (let i = 0; i < 20; i++) await thread.sync()
    await Promise.all(Array.from({ length: 50 }, () => thread.sync()))
    const last = thread.sync()
    await thread.close()
    await last // close() waited for it
  })

  it('wakes the thread once it has parked (nothing asked for a while)', async () => {
    const thread = new SyncThread(file)
    try {
      await thread.sync()
      await new Promise((r) => setTimeout(r, 100)) // > LINGER_MS: the thread parks
      await thread.sync()
      await new Promise((r) => setTimeout(r, 100))
      await Promise.all([thread.sync(), thread.sync()])
    } finally {
      await thread.close()
    }
  })

  it("rejects a sync the file cannot take, with the system's code, and goes on", async () => {
    const thread = new SyncThread(join(dir, 'missing'))
    try {
      await assert.rejects(
        thread.sync(),
        (e: unknown) => (e as { code?: string }).code === 'ENOENT',
      )
      await assert.rejects(
        thread.sync(),
        (e: unknown) => (e as { code?: string }).code === 'ENOENT',
      )
    } finally {
      await thread.close()
    }
  })
})
