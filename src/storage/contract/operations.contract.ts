// Durable operations and idempotency records.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import { anAccount, anIdempotencyRecord, anOperation, at } from '../../testing/builders.js'
import type { Cases } from './harness.js'
import { rejectsWithCode } from './harness.js'

export function operationsContract(c: Cases): void {
  describe('operations', () => {
    c.it(
      'claimDueOperation returns only due operations, earliest first, until they are deleted',
      async ({ store }) => {
        const accountId = anAccount().id
        const later = anOperation({ accountId, resourceId: 'eni-1', dueAt: at(2000) })
        const due = anOperation({
          accountId,
          resourceId: 'eni-2',
          dueAt: at(1000),
          kind: 'vpc.available',
        })
        const dueNow = anOperation({ accountId, resourceId: 'eni-3', dueAt: at(1500) })
        await store.transaction(async (tx) => {
          await tx.insertOperation(later)
          await tx.insertOperation(dueNow)
          await tx.insertOperation(due)
        })
        await store.transaction(async (tx) => {
          assert.equal(await tx.claimDueOperation(at(999)), undefined)
          assert.deepEqual(await tx.claimDueOperation(at(1500)), due)
          await tx.deleteOperation(due.id)
          assert.deepEqual(await tx.claimDueOperation(at(1500)), dueNow)
          await tx.deleteOperation(dueNow.id)
          assert.equal(await tx.claimDueOperation(at(1500)), undefined)
        })
        assert.deepEqual(await store.transaction((tx) => tx.claimDueOperation(at(2000))), later)
      },
    )

    c.it('an operation with a duplicate id is OperationConflict', async ({ store }) => {
      const op = anOperation({ accountId: anAccount().id, resourceId: 'eni-1' })
      await store.transaction((tx) => tx.insertOperation(op))
      await rejectsWithCode(
        store.transaction((tx) => tx.insertOperation({ ...op, resourceId: 'eni-2' })),
        'OperationConflict',
      )
    })

    c.it('deleteOperationsFor deletes every operation of one resource', async ({ store }) => {
      const accountId = anAccount().id
      const kept = anOperation({ accountId, resourceId: 'i-2', dueAt: at(3000) })
      await store.transaction(async (tx) => {
        await tx.insertOperation(anOperation({ accountId, resourceId: 'i-1', dueAt: at(1000) }))
        await tx.insertOperation(anOperation({ accountId, resourceId: 'i-1', dueAt: at(2000) }))
        await tx.insertOperation(kept)
        await tx.deleteOperationsFor('i-1')
        await tx.deleteOperationsFor('i-unknown')
        assert.deepEqual(await tx.claimDueOperation(at(10_000)), kept)
      })
    })

    c.it('nextOperationDue is the earliest due time, or undefined with none', async ({ store }) => {
      const accountId = anAccount().id
      await store.transaction(async (tx) => {
        assert.equal(await tx.nextOperationDue(), undefined)
        await tx.insertOperation(anOperation({ accountId, resourceId: 'i-1', dueAt: at(5000) }))
        await tx.insertOperation(anOperation({ accountId, resourceId: 'i-2', dueAt: at(4000) }))
        assert.deepEqual(await tx.nextOperationDue(), at(4000))
      })
    })
  })

  describe('idempotency', () => {
    c.it(
      'insertIdempotency then getIdempotency returns it; another key is undefined',
      async ({ store }) => {
        const accountId = anAccount().id
        const r = anIdempotencyRecord({ accountId })
        await store.transaction((tx) => tx.insertIdempotency(r))
        await store.transaction(async (tx) => {
          assert.deepEqual(await tx.getIdempotency(accountId, r.regionId, r.action, r.token), r)
          assert.equal(
            await tx.getIdempotency(anAccount().id, r.regionId, r.action, r.token),
            undefined,
          )
          assert.equal(
            await tx.getIdempotency(accountId, r.regionId, 'DeleteNetworkInterface', r.token),
            undefined,
          )
          assert.equal(
            await tx.getIdempotency(accountId, r.regionId, r.action, 'token-unknown'),
            undefined,
          )
        })
      },
    )

    c.it(
      'an idempotency record with a duplicate (account, region, action, token) is OperationConflict',
      async ({ store }) => {
        const r = anIdempotencyRecord({ accountId: anAccount().id })
        await store.transaction((tx) => tx.insertIdempotency(r))
        await rejectsWithCode(
          store.transaction((tx) => tx.insertIdempotency({ ...r, paramsHash: 'other' })),
          'OperationConflict',
        )
        // the same token under another action or account is another record
        await store.transaction(async (tx) => {
          await tx.insertIdempotency({ ...r, action: 'AttachNetworkInterface' })
          await tx.insertIdempotency({ ...r, accountId: anAccount().id })
        })
      },
    )

    c.it(
      'one token in two regions is two idempotency records, each read and deleted alone',
      async ({ store }) => {
        const accountId = anAccount().id
        const hz = anIdempotencyRecord({ accountId, regionId: 'cn-hangzhou' })
        const bj = { ...hz, regionId: 'cn-beijing', paramsHash: 'other', result: '{}' }
        await store.transaction(async (tx) => {
          await tx.insertIdempotency(hz)
          await tx.insertIdempotency(bj)
        })
        await store.transaction(async (tx) => {
          assert.deepEqual(
            await tx.getIdempotency(accountId, 'cn-hangzhou', hz.action, hz.token),
            hz,
          )
          assert.deepEqual(
            await tx.getIdempotency(accountId, 'cn-beijing', hz.action, hz.token),
            bj,
          )
          assert.equal(
            await tx.getIdempotency(accountId, 'cn-qingdao', hz.action, hz.token),
            undefined,
          )
          await tx.deleteIdempotency(accountId, 'cn-beijing', hz.action, hz.token)
          assert.equal(
            await tx.getIdempotency(accountId, 'cn-beijing', hz.action, hz.token),
            undefined,
          )
          assert.deepEqual(
            await tx.getIdempotency(accountId, 'cn-hangzhou', hz.action, hz.token),
            hz,
          )
        })
      },
    )

    c.it(
      'deleteIdempotencyBefore deletes records created strictly before the time',
      async ({ store }) => {
        const accountId = anAccount().id
        const old = anIdempotencyRecord({ accountId, createdAt: at(-1) })
        const edge = anIdempotencyRecord({ accountId, createdAt: at(0) })
        await store.transaction(async (tx) => {
          await tx.insertIdempotency(old)
          await tx.insertIdempotency(edge)
          await tx.deleteIdempotencyBefore(at(0))
          assert.equal(
            await tx.getIdempotency(accountId, old.regionId, old.action, old.token),
            undefined,
          )
          assert.deepEqual(
            await tx.getIdempotency(accountId, edge.regionId, edge.action, edge.token),
            edge,
          )
        })
      },
    )
  })
}
