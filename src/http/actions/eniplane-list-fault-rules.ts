// EniplaneListFaultRules (eniplane's own): the loaded fault rules with their counters (matched,
// fired, spent). Bootstrap account only.
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { faultBookFor, type FaultAdminDeps } from './shared/fault-admin.js'

export function eniplaneListFaultRulesAction(deps: FaultAdminDeps): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'EniplaneListFaultRules',
    handler: async ({ accountId }) => {
      const book = faultBookFor(deps, accountId)
      return { Rules: { Rule: book.list() } }
    },
  }
}
