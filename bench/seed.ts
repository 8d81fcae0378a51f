// Bulk data for the scale figures, written through the Store port of the project under test
// (so it follows that project's schema) while no server holds the database.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { formatIpv4, parseIpv4 } from '../src/allocator/ipv4.js'
import type { NewPrivateIp, Store } from '../src/storage/store.js'

type OpenStore = (config: { db: string; sqliteSynchronous: 'full' | 'normal' }) => Promise<Store>

async function openStoreOf(root: string, db: string): Promise<Store> {
  const main = (await import(pathToFileURL(join(root, 'src', 'main.js')).href)) as {
    openStore: OpenStore
  }
  return main.openStore({ db, sqliteSynchronous: 'normal' })
}

const BENCH_ACCOUNT_KEY = 'LTAIbenchbenchbench01'

async function withStore<T>(root: string, db: string, fn: (s: Store) => Promise<T>): Promise<T> {
  const store = await openStoreOf(root, db)
  try {
    return await fn(store)
  } finally {
    await store.close()
  }
}

/**
 * `count` copies of ENI `templateId` (same vSwitch, security groups and account), each with its
 * own id, MAC and primary address, the addresses counting up from `firstOffset` in the vSwitch.
 * Returns one of the new primary addresses from the middle (for the private-IP filter).
 */
export async function cloneEnis(
  root: string,
  db: string,
  templateId: string,
  count: number,
  tag: number,
): Promise<string> {
  return withStore(root, db, async (store) => {
    const key = await store.transaction((tx) => tx.getAccessKey(BENCH_ACCOUNT_KEY))
    if (!key) throw new Error('bench account missing')
    const template = await store.transaction((tx) => tx.getEni(key.accountId, templateId))
    if (!template) throw new Error(`template ENI ${templateId} missing`)
    const vswitch = await store.transaction((tx) =>
      tx.getVSwitch(key.accountId, template.vswitchId),
    )
    if (!vswitch) throw new Error('template vSwitch missing')
    const base = parseIpv4(vswitch.cidrBlock.split('/')[0] ?? '') ?? 0
    const firstOffset = 16
    const batch = 2000
    let middle = ''
    const t0 = template.createdAt.getTime()
    for (let start = 0; start < count; start += batch) {
      await store.transaction(async (tx) => {
        for (let i = start; i < Math.min(count, start + batch); i++) {
          const n = tag * 1_000_000 + i
          const id = `eni-bench${String(n).padStart(15, '0')}`
          const address = formatIpv4(base + firstOffset + i)
          if (i === Math.floor(count / 2)) middle = address
          const mac = `02:be:${[24, 16, 8, 0].map((s) => ((n >>> s) & 255).toString(16).padStart(2, '0')).join(':')}`
          await tx.insertEni(
            {
              ...template,
              id,
              macAddress: mac,
              primaryIp: address,
              name: '',
              createdAt: new Date(t0 + 1 + n),
            },
            template.securityGroupIds,
          )
          await tx.insertPrivateIps([
            {
              vswitchId: vswitch.id,
              address,
              eniId: id,
              accountId: key.accountId,
              primary: true,
            },
          ])
        }
      })
    }
    return middle
  })
}

/** Assigns every usable address of ENI `eniId`'s vSwitch from offset 16 up, `count` of them. */
export async function fillAddresses(
  root: string,
  db: string,
  eniId: string,
  count: number,
): Promise<void> {
  await withStore(root, db, async (store) => {
    const key = await store.transaction((tx) => tx.getAccessKey(BENCH_ACCOUNT_KEY))
    if (!key) throw new Error('bench account missing')
    const eni = await store.transaction((tx) => tx.getEni(key.accountId, eniId))
    if (!eni) throw new Error(`ENI ${eniId} missing`)
    const vswitch = await store.transaction((tx) => tx.getVSwitch(key.accountId, eni.vswitchId))
    if (!vswitch) throw new Error('vSwitch missing')
    const base = parseIpv4(vswitch.cidrBlock.split('/')[0] ?? '') ?? 0
    const batch = 10_000
    for (let start = 0; start < count; start += batch) {
      const rows: NewPrivateIp[] = []
      for (let i = start; i < Math.min(count, start + batch); i++) {
        rows.push({
          vswitchId: vswitch.id,
          address: formatIpv4(base + 16 + i),
          eniId,
          accountId: key.accountId,
          primary: false,
        })
      }
      await store.transaction((tx) => tx.insertPrivateIps(rows))
    }
  })
}
