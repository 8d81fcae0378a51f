// Shared set-up for the Action tests (src/http/actions/*.test.ts). It lives in src/testing because
// it opens the SQLite driver, which code under src/http may not import (STYLE.md §2).
// A real ServiceContext on in-memory SQLite, one account, the HTTP server driven by
// `app.inject`. The `authenticate` stub stands in for the signature verifier (src/http/auth),
// which has its own tests: every request here is the test account's.
import assert from 'node:assert/strict'
import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { versionForAction } from '../api/action-versions.js'
import type { Wrapped } from '../api/wire/list.js'
import type { WireNetworkInterface } from '../api/wire/network-interface.js'
import { seededRandom } from '../allocator/seeded-random.js'
import { ManualClock } from '../domain/clock.js'
import { idGeneratorFrom, seededBytes } from '../domain/ids.js'
import {
  DEFAULT_REGION_QUOTAS,
  QUOTA_PROFILES,
  type QuotaProfileName,
} from '../domain/quota-profile.js'
import { DEFAULT_REGIONS, type Region } from '../domain/regions.js'
import { createAccount } from '../service/accounts.js'
import { createServiceContext, type ServiceContext } from '../service/context.js'
import { SqliteStore } from '../storage/sqlite/sqlite-store.js'
import { Worker } from '../worker/worker.js'
import { ActionRegistry } from '../http/action-registry.js'
import { createHttpServer } from '../http/server.js'
import { registerActions } from '../http/actions/register-actions.js'

export const REGION = 'cn-hangzhou'
export const ZONE = 'cn-hangzhou-h'
export const ACCOUNT_ID = '1234567890123'
export const IMAGE_ID = 'aliyun_3_x64_20G_alibase_20240819.vhd'
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/

export type Body = Record<string, unknown>

export interface Harness {
  readonly ctx: ServiceContext
  readonly registry: ActionRegistry
  readonly app: FastifyInstance
  /** One Action as a form POST (Version from the Action); status and parsed JSON body. */
  call(action: string, params?: Record<string, string>): Promise<{ status: number; body: Body }>
  /** Expects HTTP 200 with a RequestId; returns the body, typed as the caller says. */
  ok<T = Body>(action: string, params?: Record<string, string>): Promise<T>
  /** Expects the error envelope with this HTTP status and Code. */
  fails(action: string, params: Record<string, string>, status: number, code: string): Promise<void>
  /** Completes every due async operation (the async delay is 0). */
  settle(): Promise<void>
  close(): Promise<void>
}

export interface HarnessOptions {
  /** Regions and zones served (default: cn-hangzhou with zones h, i, j). */
  readonly regions?: readonly Region[]
  /** Quota profile (default `seed`). */
  readonly profile?: QuotaProfileName
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const store = await SqliteStore.open(new Database(':memory:'))
  const clock = new ManualClock('2026-01-01T00:00:00Z')
  const ctx = createServiceContext({
    store,
    clock,
    ids: idGeneratorFrom(seededBytes(1)),
    random: seededRandom(1),
    profile: QUOTA_PROFILES[options.profile ?? 'seed'],
    quotas: DEFAULT_REGION_QUOTAS,
    regions: options.regions ?? DEFAULT_REGIONS,
    asyncDelayMs: 0,
  })
  await createAccount(store, clock.now(), 'tester', {
    accountId: ACCOUNT_ID,
    accessKeyId: 'LTAItest000000000001',
    accessKeySecret: 'secret',
  })
  const registry = new ActionRegistry()
  registerActions(registry, ctx)
  const app: FastifyInstance = createHttpServer({
    registry,
    authenticate: async () => ({ accountId: ACCOUNT_ID }),
  })
  const worker = new Worker(ctx)

  const call: Harness['call'] = async (action, params = {}) => {
    const form = new URLSearchParams({
      Action: action,
      Version: versionForAction(action),
      Format: 'JSON',
      ...params,
    })
    const res = await app.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    })
    return { status: res.statusCode, body: res.json<Body>() }
  }

  return {
    ctx,
    registry,
    app,
    call,
    async ok<T = Body>(action: string, params: Record<string, string> = {}): Promise<T> {
      const { status, body } = await call(action, params)
      assert.equal(status, 200, `${action} failed: ${JSON.stringify(body)}`)
      assert.match(String(body['RequestId']), UUID)
      assert.equal(body['Code'], undefined)
      return body as T
    },
    async fails(action, params, status, code) {
      const res = await call(action, params)
      assert.deepEqual([res.status, res.body['Code']], [status, code], JSON.stringify(res.body))
      assert.match(String(res.body['RequestId']), UUID)
    },
    async settle() {
      await worker.runDue()
    },
    async close() {
      await app.close()
      await store.close()
    },
  }
}

export interface World {
  readonly vpcId: string
  readonly vswitchId: string
  readonly securityGroupId: string
}

/** A VPC 192.168.0.0/16 with vSwitch 192.168.1.0/24 in zone h (both Available) and a group. */
export async function buildWorld(h: Harness): Promise<World> {
  const vpc = await h.ok<{ VpcId: string }>('CreateVpc', {
    RegionId: REGION,
    CidrBlock: '192.168.0.0/16',
  })
  await h.settle()
  const vsw = await h.ok<{ VSwitchId: string }>('CreateVSwitch', {
    RegionId: REGION,
    VpcId: vpc.VpcId,
    ZoneId: ZONE,
    CidrBlock: '192.168.1.0/24',
  })
  await h.settle()
  const sg = await h.ok<{ SecurityGroupId: string }>('CreateSecurityGroup', {
    RegionId: REGION,
    VpcId: vpc.VpcId,
  })
  return { vpcId: vpc.VpcId, vswitchId: vsw.VSwitchId, securityGroupId: sg.SecurityGroupId }
}

/** RunInstances parameters for one ecs.g7.large on the world's vSwitch and group. */
export function launchParams(world: World): Record<string, string> {
  return {
    RegionId: REGION,
    InstanceType: 'ecs.g7.large',
    ImageId: IMAGE_ID,
    VSwitchId: world.vswitchId,
    SecurityGroupId: world.securityGroupId,
  }
}

/** One running ecs.g7.large (3 ENIs, 6 private IPs each) on the world's vSwitch; `more` overrides. */
export async function runInstance(
  h: Harness,
  world: World,
  more: Record<string, string> = {},
): Promise<string> {
  const run = await h.ok<{ InstanceIdSets: { InstanceIdSet: string[] } }>('RunInstances', {
    ...launchParams(world),
    ...more,
  })
  await h.settle()
  const [id] = run.InstanceIdSets.InstanceIdSet
  assert.ok(id)
  return id
}

/** Asserts `value` is an object whose `inner` key holds an array; returns the array. */
export function listIn(value: unknown, inner: string): unknown[] {
  assert.ok(value !== null && typeof value === 'object', `wrapper for ${inner} missing`)
  const list = (value as Record<string, unknown>)[inner]
  assert.ok(Array.isArray(list), `${inner} is not an array`)
  return list
}

export type EniPage = {
  TotalCount: number
  PageNumber: number
  PageSize: number
  NextToken: string
  NetworkInterfaceSets: Wrapped<'NetworkInterfaceSet', WireNetworkInterface>
}

/** CreateNetworkInterface on the world's vSwitch and group, plus `params`. */
export async function createEni(
  h: Harness,
  world: World,
  params: Record<string, string> = {},
): Promise<WireNetworkInterface> {
  return h.ok<WireNetworkInterface>('CreateNetworkInterface', {
    RegionId: REGION,
    VSwitchId: world.vswitchId,
    SecurityGroupId: world.securityGroupId,
    ...params,
  })
}
