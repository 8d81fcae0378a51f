// The call pipeline hands a state-changing call's event to the call as its audit trail: the
// call's first transaction writes it with the effect (one transaction, not two), a call that runs
// none gets it written on its own, and a call that fails gets it with its error Code.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { seededRandom } from '../../allocator/seeded-random.js'
import { ManualClock } from '../../domain/clock.js'
import { errors } from '../../domain/errors.js'
import { FaultBook } from '../../domain/fault-rules.js'
import { idGeneratorFrom, seededBytes } from '../../domain/ids.js'
import { DEFAULT_REGION_QUOTAS, QUOTA_PROFILES } from '../../domain/quota-profile.js'
import { DEFAULT_REGIONS } from '../../domain/regions.js'
import { THROTTLE_OFF, TokenBuckets } from '../../domain/throttle-policy.js'
import { createServiceContext, withAudit, type ServiceContext } from '../../service/context.js'
import { runTransaction } from '../../service/run-transaction.js'
import { SqliteStore } from '../../storage/sqlite/sqlite-store.js'
import type { Store } from '../../storage/store.js'
import { CallPipeline, type CallInfo } from './call-pipeline.js'
import { Metrics } from './metrics.js'

const ACCOUNT = '1234567890123456'

async function setup(): Promise<{
  ctx: ServiceContext
  pipeline: CallPipeline
  txCount: () => number
}> {
  const opened = await SqliteStore.open(new Database(':memory:'))
  let transactions = 0
  // Counts the transactions run, so "with the effect" is one transaction and not two.
  const transaction: Store['transaction'] = (fn, opts) => {
    transactions++
    return opened.transaction(fn, opts)
  }
  const store: Store = Object.assign(Object.create(opened) as Store, { transaction })
  const clock = new ManualClock('2026-12-07T00:00:00Z')
  const ctx = createServiceContext({
    store,
    clock,
    ids: idGeneratorFrom(seededBytes(3)),
    random: seededRandom(3),
    profile: QUOTA_PROFILES.seed,
    quotas: DEFAULT_REGION_QUOTAS,
    regions: DEFAULT_REGIONS,
    asyncDelayMs: 0,
  })
  const metrics = new Metrics(
    {
      operationStats: async () => ({ depth: 0, oldestDueAt: undefined }),
      vswitchFree: async () => [],
      now: () => clock.now().getTime(),
    },
    { defaultMetrics: false },
  )
  const pipeline = new CallPipeline({
    ctx,
    throttle: new TokenBuckets(THROTTLE_OFF),
    faults: new FaultBook(seededRandom),
    metrics,
    nowMs: () => clock.now().getTime(),
  })
  return { ctx, pipeline, txCount: () => transactions }
}

function call(action: string, requestId: string): CallInfo {
  return {
    action,
    accountId: ACCOUNT,
    accessKeyId: 'LTAItest000000000001',
    params: { RegionId: 'cn-hangzhou', NetworkInterfaceId: 'eni-x', Signature: 'secret' },
    requestId,
    sourceIp: '127.0.0.1',
  }
}

const events = (ctx: ServiceContext) =>
  ctx.store.transaction((tx) => tx.listEvents(ACCOUNT, { limit: 100 }))

describe('call pipeline: the audit trail', () => {
  it("a state-changing call's first transaction writes its event with the effect", async () => {
    const { ctx, pipeline, txCount } = await setup()
    const before = txCount()
    const value = await pipeline.execute(call('AssignPrivateIpAddresses', 'R-1'), (audit) => {
      assert.ok(audit, 'a state-changing call gets a trail')
      return runTransaction(withAudit(ctx, audit), async () => 'done')
    })
    assert.equal(value, 'done')
    assert.equal(txCount() - before, 1, 'the event rides in the effect transaction')
    const [e, ...rest] = await events(ctx)
    assert.equal(rest.length, 0)
    assert.equal(e?.requestId, 'R-1')
    assert.equal(e?.code, 'Success')
    assert.equal(e?.outcome, 'success')
    assert.equal(JSON.parse(e?.params ?? '{}')['Signature'], undefined)
  })

  it('a call that runs no transaction with its trail has its event written on its own', async () => {
    const { ctx, pipeline, txCount } = await setup()
    const before = txCount()
    await pipeline.execute(call('AssignPrivateIpAddresses', 'R-2'), async () => 'nothing')
    assert.equal(txCount() - before, 1, 'one transaction: the event alone')
    const all = await events(ctx)
    assert.deepEqual(
      all.map((e) => [e.requestId, e.code]),
      [['R-2', 'Success']],
    )
  })

  it('a transaction that fails takes no event with it; the failure is recorded with its Code', async () => {
    const { ctx, pipeline } = await setup()
    await assert.rejects(
      pipeline.execute(call('AssignPrivateIpAddresses', 'R-3'), (audit) =>
        runTransaction(withAudit(ctx, audit), async () => {
          throw errors.invalidEniIdNotFound('eni-x')
        }),
      ),
      (e: unknown) => (e as { code?: string }).code === 'InvalidEniId.NotFound',
    )
    const all = await events(ctx)
    assert.deepEqual(
      all.map((e) => [e.requestId, e.code, e.httpStatus, e.outcome]),
      [['R-3', 'InvalidEniId.NotFound', 404, 'error']],
    )
  })

  it('a read-only call gets no trail and records no event when it succeeds', async () => {
    const { ctx, pipeline } = await setup()
    await pipeline.execute(call('DescribeNetworkInterfaces', 'R-4'), async (audit) => {
      assert.equal(audit, undefined)
      return runTransaction(withAudit(ctx, audit), async () => 'read')
    })
    assert.deepEqual(await events(ctx), [])
  })
})
