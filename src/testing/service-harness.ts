// Service-level test harness: every case runs on SQLite (`:memory:` per case) and on
// PostgreSQL (`ENI_TEST_PG_URL`, one schema per case named from a hash of the case name,
// dropped only when the case passed). Without the URL the PostgreSQL cases skip with a
// message locally and fail when CI=true (STYLE §4).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { seededRandom } from '../allocator/seeded-random.js'
import { ManualClock } from '../domain/clock.js'
import type { ApiError } from '../domain/errors.js'
import { isApiError } from '../domain/errors.js'
import { idGeneratorFrom, seededBytes } from '../domain/ids.js'
import type { QuotaProfileName, RegionQuotas } from '../domain/quota-profile.js'
import { DEFAULT_REGION_QUOTAS, QUOTA_PROFILES } from '../domain/quota-profile.js'
import { DEFAULT_REGIONS } from '../domain/regions.js'
import type { EniView, SecurityGroup, VSwitch, Vpc } from '../domain/resources.js'
import type { Tagged } from '../domain/tags.js'
import { createAccount } from '../service/accounts.js'
import type { AllocationMode, Caller, ServiceContext } from '../service/context.js'
import { createServiceContext } from '../service/context.js'
import type { CreateNetworkInterfaceInput } from '../service/create-network-interface.js'
import { createNetworkInterface } from '../service/create-network-interface.js'
import { createVpc } from '../service/create-vpc.js'
import { createVSwitch } from '../service/create-vswitch.js'
import type { AssignPrivateIpAddressesResult } from '../service/assign-private-ip-addresses.js'
import { assignPrivateIpAddresses } from '../service/assign-private-ip-addresses.js'
import { attachNetworkInterface } from '../service/attach-network-interface.js'
import { describeInstances } from '../service/describe-instances.js'
import {
  describeNetworkInterfaceAttribute,
  describeNetworkInterfaces,
} from '../service/describe-network-interfaces.js'
import type { LaunchInput } from '../service/launch-instances.js'
import { runInstances } from '../service/launch-instances.js'
import {
  createSecurityGroup,
  describeSecurityGroups,
} from '../service/security-group-operations.js'
import { describeVpcs } from '../service/vpc-operations.js'
import { describeVSwitches } from '../service/vswitch-operations.js'
import type { Store } from '../storage/store.js'
import { Worker } from '../worker/worker.js'
import type { EngineName, Opened } from './test-engines.js'
import { ENGINES } from './test-engines.js'

export type { EngineName }

export const REGION = 'cn-hangzhou'
export const ZONE_H = 'cn-hangzhou-h'
export const ZONE_I = 'cn-hangzhou-i'

export interface HarnessOptions {
  /** quota profile (default `seed`) */
  readonly profile?: QuotaProfileName
  /** async transition delay (default 1000; `settle()` steps past it) */
  readonly asyncDelayMs?: number
  /** address picking (default `random`, seeded) */
  readonly allocation?: AllocationMode
  /** overrides of DEFAULT_REGION_QUOTAS */
  readonly quotas?: Partial<RegionQuotas>
  /** seed of ids and randomness (default 1) */
  readonly seed?: number
}

export interface World {
  readonly vpc: Vpc
  readonly vswitch: VSwitch
  readonly sg: SecurityGroup
}

export interface WorldOptions {
  readonly vpcCidr?: string
  readonly vswitchCidr?: string
  readonly zoneId?: string
}

/** A snapshot of everything an account can see, for "a failed call changes nothing". */
export interface AccountState {
  readonly vpcs: unknown[]
  readonly vswitches: unknown[]
  readonly securityGroups: unknown[]
  readonly instances: unknown[]
  readonly enis: unknown[]
  readonly nextOperationDue: number | null
}

export interface Harness {
  readonly engine: EngineName
  readonly ctx: ServiceContext
  readonly clock: ManualClock
  readonly caller: Caller
  readonly regionId: string
  /** Steps the clock past the async delay and applies every due operation. */
  settle(): Promise<number>
  /** VPC 192.168.0.0/16 + vSwitch 192.168.1.0/24 in zone h (both Available) + a security group. */
  world(opts?: WorldOptions): Promise<World>
  /** Another Available vSwitch of `vpc`. */
  vswitch(vpc: Vpc, cidrBlock: string, zoneId?: string): Promise<VSwitch>
  securityGroup(vpc: Vpc, type?: 'normal' | 'enterprise'): Promise<SecurityGroup>
  /** A Running instance (RunInstances, then settled). */
  instance(w: World, type?: string, more?: Partial<LaunchInput>): Promise<string>
  /** CreateNetworkInterface in the world's vSwitch and group, overridable. */
  eni(w: World, more?: Partial<CreateNetworkInterfaceInput>): Promise<EniView & Tagged>
  /** AttachNetworkInterface, then settled (InUse). */
  attach(eniId: string, instanceId: string): Promise<void>
  /** AssignPrivateIpAddresses with SecondaryPrivateIpAddressCount. */
  assignCount(eniId: string, count: number): Promise<AssignPrivateIpAddressesResult>
  /** AssignPrivateIpAddresses with PrivateIpAddress.N. */
  assignIps(eniId: string, addresses: string[]): Promise<AssignPrivateIpAddressesResult>
  getEni(id: string): Promise<EniView & Tagged>
  primaryEniOf(instanceId: string): Promise<EniView & Tagged>
  addressesOf(eniId: string): Promise<string[]>
  /** AvailableIpAddressCount from DescribeVSwitches. */
  available(vswitchId: string): Promise<number>
  instanceStatus(instanceId: string): Promise<string | undefined>
  state(): Promise<AccountState>
  /** Asserts that `call` rejects with `code`/`httpStatus` and that nothing changed. */
  rejects(call: () => Promise<unknown>, code: string, httpStatus: number): Promise<ApiError>
  /** Another ServiceContext on the same database (PostgreSQL: its own pool, as a replica). */
  replica(seed: number, opts?: HarnessOptions): Promise<ServiceContext>
  /** A new Harness on a new, empty database of the same engine. */
  fresh(opts?: HarnessOptions): Promise<Harness>
}

export type CaseBody = (h: Harness) => Promise<void>

export interface EngineCases {
  it(name: string, body: CaseBody): void
  it(name: string, opts: HarnessOptions, body: CaseBody): void
}

/** Asserts that `p` rejects with an ApiError of this code and HTTP status. */
export async function rejectsWith(
  p: Promise<unknown>,
  code: string,
  httpStatus: number,
): Promise<ApiError> {
  let caught: ApiError | undefined
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isApiError(e), `expected an ApiError ${code}, got ${String(e)}`)
    assert.equal(e.code, code)
    assert.equal(e.httpStatus, httpStatus, `HTTP status of ${code}`)
    caught = e
    return true
  })
  return caught!
}

// --- harness -------------------------------------------------------------------------------

function contextFor(store: Store, clock: ManualClock, opts: HarnessOptions): ServiceContext {
  const seed = opts.seed ?? 1
  return createServiceContext({
    store,
    clock,
    ids: idGeneratorFrom(seededBytes(seed)),
    random: seededRandom(seed),
    profile: QUOTA_PROFILES[opts.profile ?? 'seed'],
    quotas: { ...DEFAULT_REGION_QUOTAS, ...opts.quotas },
    regions: DEFAULT_REGIONS,
    asyncDelayMs: opts.asyncDelayMs ?? 1000,
    allocation: opts.allocation ?? 'random',
  })
}

let accountCounter = 0

async function makeHarness(
  engine: EngineName,
  opened: Opened,
  opts: HarnessOptions,
): Promise<Harness> {
  const clock = new ManualClock()
  const ctx = contextFor(opened.store, clock, opts)
  const n = ++accountCounter
  const account = await createAccount(opened.store, clock.now(), `svc-account-${n}`, {
    accountId: `acc-svc${String(n).padStart(6, '0')}`,
    accessKeyId: `LTAIsvc${String(n).padStart(10, '0')}`,
    accessKeySecret: `secret-${n}`,
  })
  const caller: Caller = { accountId: account.accountId }
  const regionId = REGION
  let freshCount = 0

  const settle = async (): Promise<number> => {
    clock.advance(ctx.asyncDelayMs + 1)
    return new Worker(ctx).runDue()
  }

  const getEni = (id: string) =>
    describeNetworkInterfaceAttribute(ctx, caller, { regionId, networkInterfaceId: id })

  const vswitch = async (vpc: Vpc, cidrBlock: string, zoneId = ZONE_H): Promise<VSwitch> => {
    const v = await createVSwitch(ctx, caller, { regionId, vpcId: vpc.id, zoneId, cidrBlock })
    await settle()
    const [settled] = (await describeVSwitches(ctx, caller, { regionId, ids: [v.id] })).items
    assert.equal(settled?.status, 'Available', 'the vSwitch settled')
    return settled
  }

  const securityGroup = (vpc: Vpc, type: 'normal' | 'enterprise' = 'normal') =>
    createSecurityGroup(ctx, caller, { regionId, vpcId: vpc.id, type })

  const allPages = async <T>(
    fetch: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken: string }>,
  ): Promise<T[]> => {
    const out: T[] = []
    let token: string | undefined
    for (let i = 0; i < 1000; i++) {
      const page = await fetch(token)
      out.push(...page.items)
      if (page.nextToken === '') return out
      token = page.nextToken
    }
    throw new Error('paging did not end')
  }

  const state = async (): Promise<AccountState> => {
    const vpcs = await allPages((t) =>
      describeVpcs(ctx, caller, { regionId, maxResults: 50, nextToken: t }),
    )
    const vswitches = await allPages((t) =>
      describeVSwitches(ctx, caller, { regionId, maxResults: 50, nextToken: t }),
    )
    const securityGroups = await allPages((t) =>
      describeSecurityGroups(ctx, caller, { regionId, maxResults: 50, nextToken: t }),
    )
    const instances = await allPages((t) =>
      describeInstances(ctx, caller, { regionId, maxResults: 100, nextToken: t }),
    )
    const enis = await allPages((t) =>
      describeNetworkInterfaces(ctx, caller, { regionId, maxResults: 500, nextToken: t }),
    )
    const next = await ctx.store.transaction((tx) => tx.nextOperationDue())
    return {
      vpcs,
      vswitches,
      securityGroups,
      instances,
      enis,
      nextOperationDue: next?.getTime() ?? null,
    }
  }

  const h: Harness = {
    engine,
    ctx,
    clock,
    caller,
    regionId,
    settle,
    async world(o = {}) {
      const vpc = await createVpc(ctx, caller, {
        regionId,
        cidrBlock: o.vpcCidr ?? '192.168.0.0/16',
      })
      await settle()
      const [available] = (await describeVpcs(ctx, caller, { regionId, ids: [vpc.id] })).items
      assert.equal(available?.status, 'Available', 'the VPC settled')
      const vsw = await vswitch(available, o.vswitchCidr ?? '192.168.1.0/24', o.zoneId ?? ZONE_H)
      const sg = await securityGroup(available)
      return { vpc: available, vswitch: vsw, sg }
    },
    vswitch,
    securityGroup,
    async instance(w, type = 'ecs.g7.large', more = {}) {
      const [id] = await runInstances(ctx, caller, {
        regionId,
        instanceType: type,
        imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
        vswitchId: w.vswitch.id,
        securityGroupIds: [w.sg.id],
        ...more,
      })
      await settle()
      assert.ok(id !== undefined)
      return id
    },
    eni: (w, more = {}) =>
      createNetworkInterface(ctx, caller, {
        regionId,
        vswitchId: w.vswitch.id,
        securityGroupIds: [w.sg.id],
        ...more,
      }),
    async attach(eniId, instanceId) {
      await attachNetworkInterface(ctx, caller, {
        regionId,
        instanceId,
        networkInterfaceId: eniId,
      })
      await settle()
    },
    assignCount: (networkInterfaceId, count) =>
      assignPrivateIpAddresses(ctx, caller, {
        regionId,
        networkInterfaceId,
        secondaryPrivateIpAddressCount: count,
      }),
    assignIps: (networkInterfaceId, privateIpAddresses) =>
      assignPrivateIpAddresses(ctx, caller, { regionId, networkInterfaceId, privateIpAddresses }),
    getEni,
    async primaryEniOf(instanceId) {
      const { items } = await describeNetworkInterfaces(ctx, caller, {
        regionId,
        instanceId,
        type: 'Primary',
      })
      assert.equal(items.length, 1)
      return items[0]!
    },
    async addressesOf(eniId) {
      return (await getEni(eniId)).privateIps.map((p) => p.address)
    },
    async available(vswitchId) {
      const { items } = await describeVSwitches(ctx, caller, { regionId, ids: [vswitchId] })
      assert.equal(items.length, 1, `vSwitch ${vswitchId}`)
      return items[0]!.availableIpAddressCount
    },
    async instanceStatus(instanceId) {
      const { items } = await describeInstances(ctx, caller, { regionId, ids: [instanceId] })
      return items[0]?.status
    },
    state,
    async rejects(call, code, httpStatus) {
      const before = await state()
      const e = await rejectsWith(call(), code, httpStatus)
      assert.deepEqual(await state(), before, `a failed call (${code}) changed nothing`)
      return e
    },
    async replica(seed, o = {}) {
      return contextFor(await opened.replicaStore(), clock, { ...opts, ...o, seed })
    },
    async fresh(o = {}) {
      const child = await opened.fresh(String(++freshCount))
      return makeHarness(engine, child, { ...opts, ...o })
    },
  }
  return h
}

/**
 * Declares the cases of `define` once per engine, as `<name> [sqlite]` and `<name> [postgres]`.
 * Each case gets a fresh database and Harness built with its options.
 */
export function describeOnEngines(name: string, define: (cases: EngineCases) => void): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine.name}]`, () => {
      const cases: EngineCases = {
        it(caseName: string, a: HarnessOptions | CaseBody, b?: CaseBody) {
          const opts = typeof a === 'function' ? {} : a
          const body = typeof a === 'function' ? a : b!
          if (engine.unavailable !== undefined) {
            if (process.env['CI'] === 'true') {
              it(caseName, () => {
                throw new Error(`${engine.unavailable} (CI=true: PostgreSQL is required)`)
              })
            } else {
              it(caseName, { skip: engine.unavailable }, () => undefined)
            }
            return
          }
          it(caseName, async () => {
            const opened = await engine.open(`${name} › ${caseName}`)
            let passed = false
            try {
              await body(await makeHarness(engine.name, opened, opts))
              passed = true
            } finally {
              await opened.cleanup(passed)
            }
          })
        },
      }
      define(cases)
    })
  }
}
