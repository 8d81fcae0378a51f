// EniplaneNoOp (ECS 2014-05-26): answers `{ RequestId }` and touches nothing. It measures the
// transport alone (parsing, signature, dispatch, rendering) in benchmarks. It doubles as the
// smallest example of the one-file-per-Action style described in ../action-registry.ts.
import { ECS_VERSION, type ActionDefinition } from '../action-registry.js'

export function eniplaneNoOpAction(): ActionDefinition {
  return {
    version: ECS_VERSION,
    action: 'EniplaneNoOp',
    handler: async () => ({}),
  }
}
