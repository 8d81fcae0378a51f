// Accounts and their AccessKey pairs (the CLI's `account create`, the bootstrap account, and
// the signature verifier's secret lookup).
import { errors, isApiError } from '../domain/errors.js'
import type { AccessKey } from '../domain/resources.js'
import type { Store, Tx } from '../storage/store.js'

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
    await insertAccountWithKey(tx, now, name, key)
  })
  return key
}

async function insertAccountWithKey(tx: Tx, now: Date, name: string, key: NewAccount) {
  await tx.insertAccount({ id: key.accountId, name, createdAt: now })
  await tx.insertAccessKey({
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    accountId: key.accountId,
  })
}

/**
 * Creates the bootstrap account if the store holds no account, in the transaction that looks:
 * true if this call created it. False when accounts exist, including when a replica starting at
 * the same moment created it first (SQLite's writers take turns, so this one then sees it; on
 * PostgreSQL both may see none, and the later insert of the name is refused OperationConflict).
 */
export async function createFirstAccount(
  store: Store,
  now: Date,
  key: NewAccount,
): Promise<boolean> {
  try {
    return await store.transaction(async (tx) => {
      if ((await tx.countAccounts()) > 0) return false
      await insertAccountWithKey(tx, now, BOOTSTRAP_ACCOUNT_NAME, key)
      return true
    })
  } catch (e: unknown) {
    if (isApiError(e) && e.code === 'OperationConflict' && (await hasAccounts(store))) return false
    throw e
  }
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
