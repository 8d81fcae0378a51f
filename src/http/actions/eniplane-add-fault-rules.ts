// EniplaneAddFaultRules (eniplane's own, ECS endpoint): `Rules` is a JSON array of fault rules in
// the `serve --faults FILE` format (DESIGN.md); answers them with their ids. Bootstrap account
// only. A bad rule → `InvalidParameter` naming every problem, and nothing is added.
import { errors } from '../../domain/errors.js'
import { parseFaultRules } from '../../domain/fault-rules.js'
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'
import { faultBookFor, type FaultAdminDeps } from './shared/fault-admin.js'

export function eniplaneAddFaultRulesAction(deps: FaultAdminDeps): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'EniplaneAddFaultRules',
    handler: async ({ params, accountId }) => {
      const book = faultBookFor(deps, accountId)
      const text = params.requiredStr('Rules')
      let rules
      try {
        rules = parseFaultRules(JSON.parse(text) as unknown)
      } catch (e: unknown) {
        throw errors.invalidParameter('Rules', e instanceof Error ? e.message : 'not JSON')
      }
      const added = book.add(rules)
      return { Rules: { Rule: added } }
    },
  }
}
