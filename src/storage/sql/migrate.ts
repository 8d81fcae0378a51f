// Applies the schema migrations not yet recorded, each in the caller's transaction.
import { MIGRATIONS } from './schema.js'
import type { SqlConnection } from './sql-connection.js'
import { num } from './sql-connection.js'

export async function migrate(c: SqlConnection): Promise<number[]> {
  await c.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
  )
  const done = new Set(
    (await c.all('SELECT version FROM schema_migrations')).map((r) => num(r['version'])),
  )
  const applied: number[] = []
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue
    for (const statement of m.statements) await c.run(statement)
    await c.run('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)', [
      m.version,
      Date.now(),
    ])
    applied.push(m.version)
  }
  return applied
}

/** Monotonic sequence for ordering private IPs within an ENI (assignment order). */
export function sequenceFrom(now: () => number): () => number {
  let last = 0
  return () => {
    const candidate = now() * 1000
    last = candidate > last ? candidate : last + 1
    return last
  }
}
