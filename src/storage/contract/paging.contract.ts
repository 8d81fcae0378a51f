// Ordering by (created_at, id), keyset pages (limit + nextToken) and offset pages, for every
// list method. Rows are built in id order and inserted in reverse, with created_at ties.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import {
  aSecurityGroup,
  aVSwitch,
  aVpc,
  anAccount,
  anEni,
  anInstance,
  at,
} from '../../testing/builders.js'
import type { Page, PageResult, Tx } from '../store.js'
import type { Cases } from './harness.js'
import type { Network } from './seed.js'
import { ids, seedNetwork } from './seed.js'

type Listed = PageResult<{ readonly id: string }>

interface Lister {
  readonly name: string
  /** Inserts one row per created_at for `accountId` (parents from `parent`); returns their ids. */
  readonly seed: (
    tx: Tx,
    accountId: string,
    parent: Network,
    createdAts: Date[],
  ) => Promise<string[]>
  readonly list: (tx: Tx, accountId: string, page: Page) => Promise<Listed>
}

/** Takes rows built in id order, inserts them last-built first, and returns their ids. */
async function insertReversed<T extends { readonly id: string }>(
  rows: T[],
  insert: (row: T) => Promise<void>,
): Promise<string[]> {
  for (const row of [...rows].reverse()) await insert(row)
  return ids(rows)
}

const REGION = { regionId: 'cn-hangzhou' }

const LISTERS: readonly Lister[] = [
  {
    name: 'listVpcs',
    seed: (tx, accountId, _p, dates) =>
      insertReversed(
        dates.map((createdAt) => aVpc({ accountId, createdAt })),
        (v) => tx.insertVpc(v),
      ),
    list: (tx, accountId, page) => tx.listVpcs(accountId, REGION, page),
  },
  {
    name: 'listVSwitches',
    seed: (tx, accountId, p, dates) =>
      insertReversed(
        dates.map((createdAt) => aVSwitch({ accountId, vpcId: p.vpc.id, createdAt })),
        (v) => tx.insertVSwitch(v),
      ),
    list: (tx, accountId, page) => tx.listVSwitches(accountId, REGION, page),
  },
  {
    name: 'listSecurityGroups',
    seed: (tx, accountId, p, dates) =>
      insertReversed(
        dates.map((createdAt) => aSecurityGroup({ accountId, vpcId: p.vpc.id, createdAt })),
        (g) => tx.insertSecurityGroup(g),
      ),
    list: (tx, accountId, page) => tx.listSecurityGroups(accountId, REGION, page),
  },
  {
    name: 'listInstances',
    seed: (tx, accountId, _p, dates) =>
      insertReversed(
        dates.map((createdAt) => anInstance({ accountId, createdAt })),
        (i) => tx.insertInstance(i),
      ),
    list: (tx, accountId, page) => tx.listInstances(accountId, REGION, page),
  },
  {
    name: 'listEnis',
    seed: (tx, accountId, p, dates) =>
      insertReversed(
        dates.map((createdAt) =>
          anEni({ accountId, vpcId: p.vpc.id, vswitchId: p.vswitch.id, createdAt }),
        ),
        (e) => tx.insertEni(e, []),
      ),
    list: (tx, accountId, page) => tx.listEnis(accountId, REGION, page),
  },
]

/** Seven rows with created_at ties; returns the account and the ids in list order. */
async function seedRows(tx: Tx, l: Lister): Promise<{ accountId: string; expected: string[] }> {
  const parent = await seedNetwork(tx)
  const accountId = anAccount().id
  const offsets = [3, 1, 1, 2, 1, 0, 3]
  const built = await l.seed(
    tx,
    accountId,
    parent,
    offsets.map((ms) => at(ms)),
  )
  const expected = built
    .map((id, n) => ({ ms: offsets[n] ?? 0, id }))
    .sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : 1))
    .map((r) => r.id)
  return { accountId, expected }
}

export function pagingContract(c: Cases): void {
  describe('ordering and pagination', () => {
    for (const l of LISTERS) {
      c.it(`${l.name} orders by (created_at, id), not by insertion`, async ({ store }) => {
        await store.transaction(async (tx) => {
          const { accountId, expected } = await seedRows(tx, l)
          const page = await l.list(tx, accountId, { limit: 100 })
          assert.deepEqual(ids(page.items), expected)
          assert.equal(page.totalCount, 7)
          assert.equal(page.nextToken, '')
        })
      })

      c.it(`${l.name} limit + nextToken walks every row exactly once`, async ({ store }) => {
        await store.transaction(async (tx) => {
          const { accountId, expected } = await seedRows(tx, l)
          for (const limit of [1, 2, 3, 7]) {
            const seen: string[] = []
            const sizes: number[] = []
            let after: string | undefined
            do {
              const page = await l.list(tx, accountId, { limit, after })
              assert.equal(page.totalCount, 7)
              seen.push(...ids(page.items))
              sizes.push(page.items.length)
              after = page.nextToken === '' ? undefined : page.nextToken
            } while (after !== undefined && sizes.length <= 7)
            assert.deepEqual(seen, expected, `limit ${limit}`)
            assert.equal(sizes.length, Math.ceil(7 / limit), `pages at limit ${limit}`)
          }
        })
      })

      c.it(`${l.name} rejects a NextToken it did not issue`, async ({ store }) => {
        await store.transaction(async (tx) => {
          const { accountId } = await seedRows(tx, l)
          await assert.rejects(
            l.list(tx, accountId, { limit: 2, after: 'not-a-token' }),
            (e: { code?: string; httpStatus?: number }) =>
              e.code === 'InvalidParameter' && e.httpStatus === 400,
          )
        })
      })

      c.it(`${l.name} offset pages`, async ({ store }) => {
        await store.transaction(async (tx) => {
          const { accountId, expected } = await seedRows(tx, l)
          for (const offset of [0, 3, 6, 7, 10]) {
            const page = await l.list(tx, accountId, { limit: 3, offset })
            assert.deepEqual(
              ids(page.items),
              expected.slice(offset, offset + 3),
              `offset ${offset}`,
            )
            assert.equal(page.totalCount, 7)
            assert.equal(page.nextToken === '', offset + 3 >= 7, `nextToken at offset ${offset}`)
          }
        })
      })
    }

    c.it(
      'a nextToken walk neither repeats nor skips rows when earlier rows are deleted',
      async ({ store }) => {
        const accountId = anAccount().id
        const vpcs = [0, 1, 2, 3, 4].map((ms) => aVpc({ accountId, createdAt: at(ms) }))
        await store.transaction(async (tx) => {
          for (const v of vpcs) await tx.insertVpc(v)
        })
        const first = await store.transaction((tx) => tx.listVpcs(accountId, REGION, { limit: 2 }))
        assert.deepEqual(ids(first.items), ids(vpcs.slice(0, 2)))
        await store.transaction((tx) => tx.deleteVpc(accountId, vpcs[0]!.id))
        const second = await store.transaction((tx) =>
          tx.listVpcs(accountId, REGION, { limit: 2, after: first.nextToken }),
        )
        assert.deepEqual(ids(second.items), ids(vpcs.slice(2, 4)))
        assert.equal(second.totalCount, 4)
      },
    )

    c.it('a nextToken walk keeps the filter', async ({ store }) => {
      await store.transaction(async (tx) => {
        const net = await seedNetwork(tx)
        const named: string[] = []
        for (let n = 0; n < 6; n++) {
          const name = n % 2 === 0 ? 'even' : 'odd'
          const e = anEni({
            accountId: net.account.id,
            vpcId: net.vpc.id,
            vswitchId: net.vswitch.id,
            name,
          })
          await tx.insertEni(e, [])
          if (name === 'even') named.push(e.id)
        }
        const f = { regionId: 'cn-hangzhou', name: 'even' }
        const p1 = await tx.listEnis(net.account.id, f, { limit: 2 })
        const p2 = await tx.listEnis(net.account.id, f, { limit: 2, after: p1.nextToken })
        assert.deepEqual([...ids(p1.items), ...ids(p2.items)], named)
        assert.equal(p1.totalCount, 3)
        assert.equal(p2.nextToken, '')
      })
    })
  })
}
