// The Actions a read worker serves (`serve --read-workers`, http/read-pool.ts): the reads whose
// answers cost milliseconds of CPU. Each is registered on the server too (its validation of
// Action and Version, and the path when no worker runs), from the same definition.
import type { ServiceContext } from '../../service/context.js'
import type { ActionDefinition } from '../action-registry.js'
import { describeNetworkInterfacesAction } from './describe-network-interfaces.js'

export const OFFLOADED_READS: readonly ((deps: { ctx: ServiceContext }) => ActionDefinition)[] = [
  describeNetworkInterfacesAction,
]
