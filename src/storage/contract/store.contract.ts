// The contract every Store backend passes (STYLE §4). Not a test file itself: each engine's
// <engine>-store.test.ts calls describeStoreContract with a factory that opens a fresh, empty
// database per case. Gaps are declared in `skip`, never branched on inside a case.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { accountsContract } from './accounts.contract.js'
import { eniFiltersContract } from './eni-filters.contract.js'
import { enisContract } from './enis.contract.js'
import { eniTextContract } from './eni-text.contract.js'
import type { StoreContractOptions } from './harness.js'
import { caseRunner } from './harness.js'
import { instancesContract } from './instances.contract.js'
import { operationsContract } from './operations.contract.js'
import { pagingContract } from './paging.contract.js'
import { prefixesContract } from './prefixes.contract.js'
import { privateIpsContract } from './private-ips.contract.js'
import { replicaStateContract } from './replica-state.contract.js'
import { securityGroupsContract } from './security-groups.contract.js'
import { tagsContract } from './tags.contract.js'
import { transactionsContract } from './transactions.contract.js'
import { vpcsContract } from './vpcs.contract.js'

export type { OpenedStore, StoreContractOptions } from './harness.js'

export function describeStoreContract(o: StoreContractOptions): void {
  describe(`Store contract: ${o.name}`, () => {
    const cases = caseRunner(o)
    accountsContract(cases)
    vpcsContract(cases)
    securityGroupsContract(cases)
    instancesContract(cases)
    enisContract(cases)
    eniTextContract(cases)
    eniFiltersContract(cases)
    privateIpsContract(cases)
    prefixesContract(cases)
    operationsContract(cases)
    pagingContract(cases)
    transactionsContract(cases)
    tagsContract(cases)
    replicaStateContract(cases)

    it('declares gaps only for cases that exist', () => {
      assert.deepEqual(cases.unknownSkips(), [])
    })
  })
}
