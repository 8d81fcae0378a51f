// What only SQLite shows: the plans of a Describe page's statements, read with EXPLAIN QUERY
// PLAN on the very SQL the store ran (the real driver, with every prepared text recorded), and
// the page cache the adapter asks for.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'

import Database from 'better-sqlite3'

import { seedEni, seedNetwork } from '../contract/seed.js'
import { CACHE_KIB, SqliteStore, type SqliteDatabase } from './sqlite-store.js'

/** `db` as the adapter sees it, noting each statement text it prepares. */
function recording(db: Database.Database): { db: SqliteDatabase; texts: string[] } {
  const texts: string[] = []
  return {
    texts,
    db: {
      prepare: (sql) => {
        texts.push(sql)
        return db.prepare(sql)
      },
      exec: (sql) => db.exec(sql),
      pragma: (sql) => db.pragma(sql),
      close: () => db.close(),
      get inTransaction() {
        return db.inTransaction
      },
      name: db.name,
      memory: db.memory,
    },
  }
}

/** A store on an in-memory database whose prepared texts are recorded, with a network seeded. */
async function withRecordedStore(
  fn: (r: {
    raw: Database.Database
    texts: string[]
    store: SqliteStore
    net: Awaited<ReturnType<typeof seedNetwork>>
  }) => Promise<void>,
): Promise<void> {
  const raw = new Database(':memory:')
  const { db, texts } = recording(raw)
  const store = await SqliteStore.open(db)
  try {
    await fn({ raw, texts, store, net: await store.transaction((tx) => seedNetwork(tx)) })
  } finally {
    await store.close()
  }
}

/** The plan's lines for `sql` (each `?` bound to NULL: the plan does not depend on values). */
function planOf(db: Database.Database, sql: string): string[] {
  const marks = sql.split('?').length - 1
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array<null>(marks).fill(null)) as {
    detail: string
  }[]
  return rows.map((r) => r.detail)
}

/** The one recorded text that `pick` selects. */
function textOf(texts: readonly string[], what: string, pick: (sql: string) => boolean): string {
  const found = [...new Set(texts)].filter(pick)
  assert.equal(found.length, 1, `${what}: ${found.length} statements`)
  return found[0]!
}

/** Each named statement's plan: `lookups` picks one recorded text per name (textOf). */
function plansOf(
  db: Database.Database,
  texts: readonly string[],
  lookups: Record<string, (sql: string) => boolean>,
): [string, string[]][] {
  return Object.entries(lookups).map(([what, pick]) => [
    what,
    planOf(db, textOf(texts, what, pick)),
  ])
}

/** The names of private_ips' indexes. */
function privateIpIndexes(db: Database.Database): string[] {
  return (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'private_ips'`)
      .all() as { name: string }[]
  ).map((i) => i.name)
}

describe('SQLite query plans of a Describe page', () => {
  it('a NextToken page seeks the (account, region, created_at, id) index to its token', () =>
    withRecordedStore(async ({ raw, texts, store, net }) => {
      const hz = { regionId: 'cn-hangzhou' }
      await store.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await seedEni(tx, net)
        const first = await tx.listEnis(net.account.id, hz, { limit: 1 })
        await tx.listEnis(net.account.id, hz, { limit: 1, after: first.nextToken })
      })
      const page = textOf(
        texts,
        'the page after a token',
        (s) =>
          s.includes('FROM enis') && s.includes('ORDER BY created_at, id') && s.includes('id) >'),
      )
      assert.ok(
        planOf(raw, page).some((line) =>
          /^SEARCH enis USING (COVERING )?INDEX enis_account \(account_id=\? AND region_id=\? AND \(created_at,id\)>\(\?,\?\)\)$/.test(
            line,
          ),
        ),
        planOf(raw, page).join('\n'),
      )
    }))

  it("the page's children are index lookups per ENI, never a scan of a table", () =>
    withRecordedStore(async ({ raw, texts, store, net }) => {
      await store.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await seedEni(tx, net)
        await tx.listEnis(net.account.id, { regionId: 'cn-hangzhou' }, { limit: 10 })
      })
      const children = textOf(texts, 'the children query', (s) => s.includes('UNION ALL'))
      const plan = planOf(raw, children)
      const searches = plan.filter((line) => line.startsWith('SEARCH t USING'))
      // security groups, private IPs, IPv6 addresses, /80 prefixes, tags
      assert.equal(searches.length, 5, plan.join('\n'))
      assert.ok(!plan.some((line) => /^SCAN t\b/.test(line)), plan.join('\n'))
    }))

  it('a NextToken page of ListTagResources seeks the tags key to its token', () =>
    withRecordedStore(async ({ raw, texts, store, net }) => {
      const a = net.account.id
      const f = { regionId: 'cn-hangzhou', resourceType: 'eni' as const }
      await store.transaction(async (tx) => {
        const e = await seedEni(tx, net)
        await tx.putTags(a, 'cn-hangzhou', 'eni', e.id, [
          { key: 'k1', value: '1' },
          { key: 'k2', value: '2' },
        ])
        const first = await tx.listTagResources(a, f, { limit: 1 })
        await tx.listTagResources(a, f, { limit: 1, after: first.nextToken })
      })
      const page = textOf(texts, 'the tags page after a token', (s) =>
        s.includes('(resource_id, tag_key) >'),
      )
      assert.ok(
        planOf(raw, page).some((line) => line.includes('(resource_id,tag_key)>(?,?)')),
        planOf(raw, page).join('\n'),
      )
    }))
})

describe('SQLite query plans of the lookups by private IP', () => {
  it('the ENI and instance filters and the metadata lookup all seek private_ips_address', () =>
    withRecordedStore(async ({ raw, texts, store, net }) => {
      const a = net.account.id
      await store.transaction(async (tx) => {
        const e = await seedEni(tx, net)
        const hz = { regionId: 'cn-hangzhou', privateIps: [e.primaryIp] }
        await tx.listEnis(a, hz, { limit: 10 })
        await tx.listInstances(a, hz, { limit: 10 })
        await tx.findInstancesByAddress(e.primaryIp)
      })
      const plans = plansOf(raw, texts, {
        'the ENI filter': (s) => s.includes('SELECT DISTINCT eni_id FROM private_ips'),
        'the instance filter': (s) => s.includes('SELECT DISTINCT e.instance_id'),
        'the metadata lookup': (s) => s.includes('SELECT i.* FROM private_ips p'),
      })
      for (const [what, plan] of plans) {
        // (address, account_id) for the filters, (address) for the metadata lookup
        assert.ok(
          plan.some((line) =>
            /^SEARCH p(rivate_ips)? USING INDEX private_ips_address \(address=\?( AND account_id=\?)?\)$/.test(
              line,
            ),
          ),
          `${what}:\n${plan.join('\n')}`,
        )
      }
      assert.ok(!privateIpIndexes(raw).includes('private_ips_account_address'))
    }))
})

describe('SQLite query plans of the lookups by ENI', () => {
  it("without private_ips_eni (dropped by migration 8), reading and removing an ENI's addresses seek an index", () =>
    withRecordedStore(async ({ raw, texts, store, net }) => {
      await store.transaction(async (tx) => {
        const e = await seedEni(tx, net, {}, { secondaries: ['192.168.1.77'] })
        await tx.getEni(net.account.id, e.id)
        await tx.deletePrivateIps(e.id, ['192.168.1.77'])
      })
      const plans = plansOf(raw, texts, {
        "the ENI's children": (s) => s.includes('UNION ALL'),
        'the removal': (s) => s.startsWith('DELETE FROM private_ips WHERE eni_id = ?'),
      })
      for (const [what, plan] of plans) {
        // private_ips_prefix (eni_id, prefix) by ENI; removing one address may seek it by address
        assert.ok(
          plan.some((line) =>
            /INDEX private_ips_(prefix \(eni_id=\?|address \(address=\?)/.test(line),
          ),
          `${what}:\n${plan.join('\n')}`,
        )
        assert.ok(!plan.some((line) => /^SCAN (t|p|private_ips)\b/.test(line)), plan.join('\n'))
      }
      assert.ok(!privateIpIndexes(raw).includes('private_ips_eni'))
    }))

  it("a group's count reads its members' rows by the group's index, and keeping it seeks the ENI's memberships", () =>
    withRecordedStore(async ({ raw, texts, store, net }) => {
      await store.transaction(async (tx) => {
        const e = await seedEni(tx, net, {}, { secondaries: ['192.168.1.77'] })
        await tx.countSecurityGroupIpsIn([net.sg.id])
        await tx.deletePrivateIps(e.id, ['192.168.1.77'])
      })
      const plans = new Map(
        plansOf(raw, texts, {
          "the group's count": (s) => s.includes('SUM(ip_count)'),
          "the slots' update": (s) => s.includes('SET ip_count = ip_count + ?'),
        }),
      )
      const count = plans.get("the group's count") ?? []
      assert.ok(
        count.some((l) => l.includes('INDEX eni_security_groups_sg (sg_id=?)')),
        count.join('\n'),
      )
      assert.ok(!count.some((l) => l.includes('private_ips')), count.join('\n'))
      const update = plans.get("the slots' update") ?? []
      assert.ok(
        update.some((l) => /SEARCH eni_security_groups USING INDEX .*\(eni_id=\?\)/.test(l)),
        update.join('\n'),
      )
    }))
})

describe('SQLite page cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eniplane-cache-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it(`a store's connection caches up to ${CACHE_KIB / 1024} MiB of pages`, async () => {
    const db = new Database(join(dir, 'cache.db'))
    const store = await SqliteStore.open(db)
    try {
      assert.equal(db.pragma('cache_size', { simple: true }), -CACHE_KIB)
    } finally {
      await store.close()
    }
  })
})
