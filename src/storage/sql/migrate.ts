// Applies the schema migrations not yet recorded, each in the caller's transaction. A database
// that records a migration this code does not know was migrated by a newer eniplane, whose
// bookkeeping this one would not keep (migration 11's per-membership counts, say): it is refused,
// so a replica left on an older version cannot write beside newer ones.
import { MIGRATIONS } from './schema.js'
import type { SqlConnection } from './sql-connection.js'
import { num } from './sql-connection.js'

/** The schema version this code migrates to. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version))

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError'
  constructor(readonly found: number) {
    super(
      `the database is at schema version ${found}, written by a newer eniplane; this one knows ` +
        `versions up to ${SCHEMA_VERSION}: run the newer version (every replica of a database ` +
        `must be at least as new as the newest that migrated it)`,
    )
  }
}

export async function migrate(c: SqlConnection): Promise<number[]> {
  await c.run(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
  )
  const done = new Set(
    (await c.all('SELECT version FROM schema_migrations')).map((r) => num(r['version'])),
  )
  const newest = Math.max(0, ...done)
  if (newest > SCHEMA_VERSION) throw new SchemaTooNewError(newest)
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
