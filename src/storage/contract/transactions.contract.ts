// Transactions: commit, rollback, a failed statement, concurrent writers, and migrations.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import { anAccount, anAddress, anOperation, at, privateIpsOf } from '../../testing/builders.js'
import type { Cases } from './harness.js'
import { aTick, rejectsWithCode } from './harness.js'
import { seedEni, seedNetwork } from './seed.js'

export function transactionsContract(c: Cases): void {
  describe('transactions', () => {
    c.it('a new store is migrated and empty', async ({ store }) => {
      await store.transaction(async (tx) => {
        assert.equal(await tx.countAccounts(), 0)
        assert.equal(await tx.countVpcs('acc-any', 'cn-hangzhou'), 0)
        assert.equal(await tx.nextOperationDue(), undefined)
      })
    })

    c.it(
      'opening a migrated database again applies nothing and keeps the data',
      async ({ store, reopen }) => {
        const a = anAccount()
        await store.transaction((tx) => tx.insertAccount(a))
        const again = await reopen()
        assert.deepEqual(await again.transaction((tx) => tx.getAccountByName(a.name)), a)
        await again.transaction((tx) => tx.insertAccount(anAccount()))
        assert.equal(await store.transaction((tx) => tx.countAccounts()), 2)
      },
    )

    c.it('transaction resolves with the value of its function and commits', async ({ store }) => {
      const a = anAccount()
      const result = await store.transaction(async (tx) => {
        await tx.insertAccount(a)
        return 'done'
      })
      assert.equal(result, 'done')
      assert.deepEqual(await store.transaction((tx) => tx.getAccountByName(a.name)), a)
    })

    c.it('a transaction that throws rolls back everything it wrote', async ({ store }) => {
      const boom = new Error('boom')
      const a = anAccount()
      const opResource = 'eni-rolled-back'
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.insertAccount(a)
          const net = await seedNetwork(tx)
          await seedEni(tx, net, {}, { secondaries: [anAddress()] })
          await tx.insertOperation(anOperation({ accountId: a.id, resourceId: opResource }))
          throw boom
        }),
        (e: unknown) => e === boom,
      )
      await store.transaction(async (tx) => {
        assert.equal(await tx.countAccounts(), 0)
        assert.equal(await tx.getAccountByName(a.name), undefined)
        assert.equal(await tx.nextOperationDue(), undefined)
      })
    })

    c.it(
      'a failed statement fails its transaction even when the error is caught',
      async ({ store }) => {
        const a = anAccount()
        await store.transaction((tx) => tx.insertAccount(a))
        const b = anAccount()
        await rejectsWithCode(
          store.transaction(async (tx) => {
            await tx.insertAccount(b)
            await tx.insertAccount(anAccount({ name: a.name })).catch(() => undefined)
            return 'swallowed'
          }),
          'OperationConflict',
        )
        await store.transaction(async (tx) => {
          assert.equal(await tx.getAccountByName(b.name), undefined)
          assert.equal(await tx.countAccounts(), 1)
        })
      },
    )

    c.it(
      'two concurrent transactions allocating one address: exactly one wins',
      async ({ store }) => {
        const address = anAddress()
        const { net, enis } = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          return { net, enis: [await seedEni(tx, net), await seedEni(tx, net)] }
        })
        const results = await Promise.all(
          enis.map((eni) =>
            store.transaction(async (tx) => {
              const inserted = await tx.insertPrivateIps(privateIpsOf(eni, [address]))
              await aTick()
              return inserted
            }),
          ),
        )
        assert.deepEqual(results.map((r) => r.length).sort(), [0, 1])
        const winner = enis[results.findIndex((r) => r.length === 1)]!
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.addressesInUse(net.vswitch.id, [address]), [address])
          assert.deepEqual(
            (await tx.privateIpsOf(winner.id)).map((ip) => ip.address),
            [winner.primaryIp, address],
          )
          assert.equal(await tx.countUsedAddresses(net.vswitch.id), 3)
        })
      },
    )

    c.it('two concurrent claimers never claim the same operation', async ({ store }) => {
      const accountId = anAccount().id
      await store.transaction(async (tx) => {
        await tx.insertOperation(anOperation({ accountId, resourceId: 'eni-1', dueAt: at(1) }))
        await tx.insertOperation(anOperation({ accountId, resourceId: 'eni-2', dueAt: at(2) }))
      })
      const claimOne = () =>
        store.transaction(async (tx) => {
          const op = await tx.claimDueOperation(at(10))
          await aTick()
          if (op) await tx.deleteOperation(op.id)
          return op?.id
        })
      const [x, y] = await Promise.all([claimOne(), claimOne()])
      assert.ok(x === undefined || y === undefined || x !== y, `both claimed ${String(x)}`)
      const claimed = [x, y].filter((id) => id !== undefined).length
      assert.ok(claimed >= 1)
      const left = await store.transaction(async (tx) => {
        let n = 0
        for (
          let op = await tx.claimDueOperation(at(10));
          op;
          op = await tx.claimDueOperation(at(10))
        ) {
          await tx.deleteOperation(op.id)
          n++
        }
        return n
      })
      assert.equal(claimed + left, 2)
    })

    c.it(
      'two concurrent claimers of a single operation: exactly one gets it',
      async ({ store }) => {
        const op = anOperation({ accountId: anAccount().id, resourceId: 'eni-1', dueAt: at(1) })
        await store.transaction((tx) => tx.insertOperation(op))
        const claimOne = () =>
          store.transaction(async (tx) => {
            const claimed = await tx.claimDueOperation(at(10))
            await aTick()
            if (claimed) await tx.deleteOperation(claimed.id)
            return claimed?.id
          })
        const results = await Promise.all([claimOne(), claimOne()])
        assert.deepEqual(
          results.filter((id) => id !== undefined),
          [op.id],
        )
      },
    )
  })
}
