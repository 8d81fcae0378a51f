// Child process of src/worker/crash-recovery.test.ts: opens a SQLite FILE database, builds a
// world, leaves an attach pending (its delay is long), then streams assigns, printing each
// acknowledged result as one JSON line only after its transaction has committed. The parent
// SIGKILLs it mid-stream and checks what survived.
//
// Usage: node --import tsx test/crash/assign-child.ts <dbfile>
import Database from 'better-sqlite3'

import { seededRandom } from '../../src/allocator/seeded-random.js'
import { ManualClock } from '../../src/domain/clock.js'
import { idGeneratorFrom, seededBytes } from '../../src/domain/ids.js'
import { DEFAULT_REGION_QUOTAS, QUOTA_PROFILES } from '../../src/domain/quota-profile.js'
import { DEFAULT_REGIONS } from '../../src/domain/regions.js'
import { createAccount } from '../../src/service/accounts.js'
import { assignPrivateIpAddresses } from '../../src/service/assign-private-ip-addresses.js'
import { attachNetworkInterface } from '../../src/service/attach-network-interface.js'
import { createServiceContext } from '../../src/service/context.js'
import { createNetworkInterface } from '../../src/service/create-network-interface.js'
import { createVpc } from '../../src/service/create-vpc.js'
import { createVSwitch } from '../../src/service/create-vswitch.js'
import { runInstances } from '../../src/service/launch-instances.js'
import { createSecurityGroup } from '../../src/service/security-group-operations.js'
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store.js'
import { Worker } from '../../src/worker/worker.js'
import { CRASH_ASYNC_DELAY_MS, CRASH_START } from './constants.js'

/** Assigns the child streams at most (it is normally killed long before); fits the caps. */
const MAX_ASSIGNS = 600
const ENIS = 20

const regionId = 'cn-hangzhou'
const emit = (line: object): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

async function main(dbFile: string): Promise<void> {
  const store = await SqliteStore.open(new Database(dbFile))
  const clock = new ManualClock(CRASH_START)
  const ctx = createServiceContext({
    store,
    clock,
    ids: idGeneratorFrom(seededBytes(11)),
    random: seededRandom(11),
    profile: QUOTA_PROFILES.current,
    quotas: DEFAULT_REGION_QUOTAS,
    regions: DEFAULT_REGIONS,
    asyncDelayMs: CRASH_ASYNC_DELAY_MS,
    allocation: 'random',
  })
  const settle = async (): Promise<void> => {
    clock.advance(CRASH_ASYNC_DELAY_MS + 1)
    await new Worker(ctx).runDue()
  }
  const { accountId } = await createAccount(store, clock.now(), 'crash', {
    accountId: 'acc-crash0001',
    accessKeyId: 'LTAIcrash0000001',
    accessKeySecret: 'secret',
  })
  const caller = { accountId }
  const vpc = await createVpc(ctx, caller, { regionId, cidrBlock: '192.168.0.0/16' })
  await settle()
  const vsw = await createVSwitch(ctx, caller, {
    regionId,
    vpcId: vpc.id,
    zoneId: 'cn-hangzhou-h',
    cidrBlock: '192.168.4.0/22',
  })
  await settle()
  const sg = await createSecurityGroup(ctx, caller, { regionId, vpcId: vpc.id })
  const [instanceId] = await runInstances(ctx, caller, {
    regionId,
    instanceType: 'ecs.g7.large',
    imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
    vswitchId: vsw.id,
    securityGroupIds: [sg.id],
  })
  await settle()
  const enis: string[] = []
  for (let i = 0; i < ENIS; i++) {
    const eni = await createNetworkInterface(ctx, caller, {
      regionId,
      vswitchId: vsw.id,
      securityGroupIds: [sg.id],
    })
    enis.push(eni.id)
  }
  // The attach stays pending: nothing advances this clock past its delay again.
  const attachEniId = enis[0]!
  await attachNetworkInterface(ctx, caller, {
    regionId,
    instanceId: instanceId!,
    networkInterfaceId: attachEniId,
  })
  emit({ kind: 'ready', accountId, vswitchId: vsw.id, instanceId, attachEniId, enis })
  for (let i = 0; i < MAX_ASSIGNS; i++) {
    const eniId = enis[1 + (i % (ENIS - 1))]!
    const r = await assignPrivateIpAddresses(ctx, caller, {
      regionId,
      networkInterfaceId: eniId,
      secondaryPrivateIpAddressCount: 1 + (i % 2),
    })
    emit({ kind: 'assigned', eniId, addresses: r.assigned })
  }
  emit({ kind: 'done' })
}

const dbFile = process.argv[2]
if (dbFile === undefined) {
  process.stderr.write('usage: assign-child.ts <dbfile>\n')
  process.exit(2)
}
await main(dbFile)
