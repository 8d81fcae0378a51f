// Accounts and their AccessKey pairs (the CLI's `account create`, the bootstrap account, and
// the signature verifier's secret lookup).
import { errors } from '../domain/errors.js'
import type { AccessKey } from '../domain/resources.js'
import type { Store } from '../storage/store.js'

export interface NewAccount {
  readonly accountId: string
  readonly accessKeyId: string
  readonly accessKeySecret: string
}

export async function createAccount(
  store: Store,
  now: Date,
  name: string,
  key: NewAccount,
): Promise<NewAccount> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name)) throw errors.invalidParameter('Name')
  await store.transaction(async (tx) => {
    if (await tx.getAccountByName(name))
      throw errors.invalidParameter('Name', `Account "${name}" already exists.`)
    await tx.insertAccount({ id: key.accountId, name, createdAt: now })
    await tx.insertAccessKey({
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
      accountId: key.accountId,
    })
  })
  return key
}

export async function findAccessKey(
  store: Store,
  accessKeyId: string,
): Promise<AccessKey | undefined> {
  return store.transaction((tx) => tx.getAccessKey(accessKeyId))
}

/** The bootstrap account exists once; returns false when accounts already exist. */
export async function hasAccounts(store: Store): Promise<boolean> {
  return (await store.transaction((tx) => tx.countAccounts())) > 0
}

/** The bootstrap account's name: `serve` creates it on first start (main.ts). */
export const BOOTSTRAP_ACCOUNT_NAME = 'default'

/** The bootstrap account's id (the only one that may manage fault rules), if it exists. */
export async function bootstrapAccountId(store: Store): Promise<string | undefined> {
  const a = await store.transaction((tx) => tx.getAccountByName(BOOTSTRAP_ACCOUNT_NAME))
  return a?.id
}
