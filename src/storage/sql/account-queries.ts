import type { AccessKey, Account } from '../../domain/resources.js'
import type { Tx } from '../store.js'
import type { Dialect, SqlConnection } from './sql-connection.js'
import { date, num, str } from './sql-connection.js'

type AccountQueries = Pick<
  Tx,
  | 'insertAccount'
  | 'getAccountByName'
  | 'countAccounts'
  | 'insertAccessKey'
  | 'getAccessKey'
  | 'lockAccount'
>

export function accountQueries(c: SqlConnection, d: Dialect): AccountQueries {
  return {
    async lockAccount(accountId) {
      if (d.forUpdate === '') return
      await c.all(`SELECT id FROM accounts WHERE id = ?${d.forUpdate}`, [accountId])
    },
    async insertAccount(a: Account) {
      await c.run('INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)', [
        a.id,
        a.name,
        a.createdAt.getTime(),
      ])
    },
    async getAccountByName(name) {
      const [r] = await c.all('SELECT * FROM accounts WHERE name = ?', [name])
      return r && { id: str(r['id']), name: str(r['name']), createdAt: date(r['created_at']) }
    },
    async countAccounts() {
      const [r] = await c.all('SELECT COUNT(*) AS n FROM accounts')
      return num(r?.['n'] ?? 0)
    },
    async insertAccessKey(k: AccessKey) {
      await c.run('INSERT INTO access_keys (access_key_id, account_id, secret) VALUES (?, ?, ?)', [
        k.accessKeyId,
        k.accountId,
        k.accessKeySecret,
      ])
    },
    async getAccessKey(accessKeyId) {
      const [r] = await c.all('SELECT * FROM access_keys WHERE access_key_id = ?', [accessKeyId])
      return (
        r && {
          accessKeyId: str(r['access_key_id']),
          accountId: str(r['account_id']),
          accessKeySecret: str(r['secret']),
        }
      )
    },
  }
}
