// Text and numbers come back from every ENI read exactly as written, whatever they hold. SQLite
// hands these reads' rows over as JSON text (Dialect.row), so escaping, non-ASCII and
// number-like strings must survive the trip; PostgreSQL reads them as plain columns.
import assert from 'node:assert/strict'
import { describe } from 'node:test'

import { anInstance, at } from '../../testing/builders.js'
import type { Cases } from './harness.js'
import { seedEni, seedNetwork, viewOf } from './seed.js'

/** Names and descriptions a JSON round trip could get wrong. */
const AWKWARD = [
  'quote " backslash \\ slash / solidus',
  'tab\tnewline\nreturn\r bell\u0007 unit\u001f',
  'line\u2028paragraph\u2029',
  '中文名称 ñ é ü',
  'emoji 🚀 and 𝄞 (outside the BMP)',
  '0123',
  '1e5',
  'true',
  'null',
  '[1,2]',
  '{"a":1}',
  '',
]

export function eniTextContract(c: Cases): void {
  describe('ENI text round trips', () => {
    c.it(
      'names, descriptions and tags read back exactly from getEni, listEnis and enisOfInstance',
      async ({ store }) => {
        const w = await store.transaction(async (tx) => {
          const net = await seedNetwork(tx)
          const instance = anInstance({ accountId: net.account.id })
          await tx.insertInstance(instance)
          const enis = []
          for (const [i, text] of AWKWARD.entries()) {
            const eni = await seedEni(tx, net, {
              name: text,
              description: [...text].reverse().join(''),
              createdAt: at(i),
              instanceId: instance.id,
              deviceIndex: i,
              status: 'InUse',
              queueNumber: 2 ** 31 - 1,
              queuePairNumber: 0,
            })
            await tx.putTags(net.account.id, 'cn-hangzhou', 'eni', eni.id, [
              { key: text === '' ? 'empty' : text, value: text },
            ])
            enis.push(eni)
          }
          return { net, instance, enis }
        })
        const views = w.enis.map((e) => viewOf(e, [w.net.sg.id], [], w.instance.instanceType))
        await store.transaction(async (tx) => {
          for (const view of views)
            assert.deepEqual(await tx.getEni(w.net.account.id, view.id), view)
          assert.deepEqual(await tx.enisOfInstance(w.instance.id), views)
          const page = await tx.listEnis(
            w.net.account.id,
            { regionId: 'cn-hangzhou' },
            { limit: AWKWARD.length },
          )
          assert.deepEqual(
            page.items,
            views.map((v, i) => ({
              ...v,
              tags: [{ key: AWKWARD[i] === '' ? 'empty' : AWKWARD[i]!, value: AWKWARD[i]! }],
            })),
          )
        })
      },
    )
  })
}
