// Fault rules are managed by the bootstrap account only (the one `serve` creates on first
// start): they change how the server answers every account.
import { errors } from '../../../domain/errors.js'
import type { FaultBook } from '../../../domain/fault-rules.js'
import type { ServiceContext } from '../../../service/context.js'

export interface FaultAdminDeps {
  readonly ctx: ServiceContext
  /** the bootstrap account's id; undefined → nobody may manage faults */
  readonly bootstrapAccountId?: string | undefined
}

export function faultBookFor(deps: FaultAdminDeps, accountId: string): FaultBook {
  if (deps.bootstrapAccountId === undefined || accountId !== deps.bootstrapAccountId) {
    throw errors.forbiddenBootstrapOnly()
  }
  const book = deps.ctx.faults
  if (book === undefined) throw errors.forbiddenBootstrapOnly()
  return book
}
