// EniplaneClearFaultRules (eniplane's own): removes every fault rule. Bootstrap account only.
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { faultBookFor, type FaultAdminDeps } from './shared/fault-admin.js'

export function eniplaneClearFaultRulesAction(deps: FaultAdminDeps): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'EniplaneClearFaultRules',
    handler: async ({ accountId }) => {
      const book = faultBookFor(deps, accountId)
      return { Cleared: book.clear() }
    },
  }
}
