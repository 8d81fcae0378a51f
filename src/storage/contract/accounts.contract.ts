// Accounts and access keys.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import { anAccessKey, anAccount } from '../../testing/builders.js'
import type { Cases } from './harness.js'
import { rejectsWithCode } from './harness.js'

export function accountsContract(c: Cases): void {
  describe('accounts', () => {
    c.it(
      'insertAccount then getAccountByName returns it and countAccounts counts it',
      async ({ store }) => {
        const a = anAccount()
        const b = anAccount()
        await store.transaction(async (tx) => {
          assert.equal(await tx.countAccounts(), 0)
          await tx.insertAccount(a)
          await tx.insertAccount(b)
        })
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.getAccountByName(a.name), a)
          assert.deepEqual(await tx.getAccountByName(b.name), b)
          assert.equal(await tx.countAccounts(), 2)
        })
      },
    )

    c.it('getAccountByName of an unknown name is undefined', async ({ store }) => {
      await store.transaction(async (tx) => {
        await tx.insertAccount(anAccount())
        assert.equal(await tx.getAccountByName('nobody'), undefined)
      })
    })

    c.it('an account with a duplicate name is OperationConflict', async ({ store }) => {
      const a = anAccount()
      await store.transaction((tx) => tx.insertAccount(a))
      await rejectsWithCode(
        store.transaction((tx) => tx.insertAccount(anAccount({ name: a.name }))),
        'OperationConflict',
      )
      assert.equal(await store.transaction((tx) => tx.countAccounts()), 1)
    })

    c.it('an account with a duplicate id is OperationConflict', async ({ store }) => {
      const a = anAccount()
      await store.transaction((tx) => tx.insertAccount(a))
      await rejectsWithCode(
        store.transaction((tx) => tx.insertAccount(anAccount({ id: a.id }))),
        'OperationConflict',
      )
    })

    c.it(
      'insertAccessKey then getAccessKey returns it; an unknown key is undefined',
      async ({ store }) => {
        const a = anAccount()
        const k = anAccessKey({ accountId: a.id })
        await store.transaction(async (tx) => {
          await tx.insertAccount(a)
          await tx.insertAccessKey(k)
        })
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.getAccessKey(k.accessKeyId), k)
          assert.equal(await tx.getAccessKey('LTAI-unknown'), undefined)
        })
      },
    )

    c.it('an access key with a duplicate id is OperationConflict', async ({ store }) => {
      const a = anAccount()
      const k = anAccessKey({ accountId: a.id })
      await store.transaction(async (tx) => {
        await tx.insertAccount(a)
        await tx.insertAccessKey(k)
      })
      await rejectsWithCode(
        store.transaction((tx) =>
          tx.insertAccessKey(anAccessKey({ accountId: a.id, accessKeyId: k.accessKeyId })),
        ),
        'OperationConflict',
      )
    })
  })
}
