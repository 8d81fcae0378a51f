// One Tx implementation in portable SQL, shared by the SQLite and PostgreSQL adapters (the way
// Kysely shares one query compiler across dialects); each adapter supplies the connection.
import type { Tx } from '../store.js'
import { accountQueries } from './account-queries.js'
import { eniQueries } from './eni-queries.js'
import { eventQueries } from './event-queries.js'
import { instanceQueries } from './instance-queries.js'
import { ipQueries } from './ip-queries.js'
import { networkQueries } from './network-queries.js'
import { operationQueries } from './operation-queries.js'
import { replicaQueries } from './replica-queries.js'
import { prefixQueries } from './prefix-queries.js'
import type { Dialect, SqlConnection } from './sql-connection.js'
import { tagQueries } from './tag-queries.js'

/** `scheduled` hears the due time of each operation the transaction inserts or reschedules. */
export function sqlTx(
  c: SqlConnection,
  d: Dialect,
  nextSeq: () => number,
  scheduled: (dueAt: Date) => void = () => undefined,
): Tx {
  return {
    ...accountQueries(c, d),
    ...networkQueries(c, d),
    ...instanceQueries(c, d),
    ...eniQueries(c, d),
    ...ipQueries(c, d, nextSeq),
    ...operationQueries(c, d, scheduled),
    ...tagQueries(c),
    ...replicaQueries(c, d),
    ...eventQueries(c, nextSeq),
    ...prefixQueries(c, nextSeq),
  }
}
