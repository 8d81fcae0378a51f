// Each security group holds at most 2,000 private IPs (primary and secondary, all member ENIs;
// 65,536 for enterprise groups in `current`). Groups are row-locked in id order first, and the
// members' addresses of every group are counted in one query.
import type { ApiError } from '../domain/errors.js'
import { errors } from '../domain/errors.js'
import { securityGroupIpCap } from '../domain/eni-rules.js'
import type { SecurityGroup } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'
import type { ServiceContext } from './context.js'

/** For groups read without a lock: locks them, then checks. */
export async function checkSecurityGroupCapacity(
  tx: Tx,
  ctx: ServiceContext,
  groups: readonly SecurityGroup[],
  adding: number,
  error: () => ApiError = () => errors.securityGroupInstanceLimitExceed(),
): Promise<void> {
  if (adding <= 0 || groups.length === 0) return
  await tx.lockSecurityGroups(groups.map((g) => g.id))
  await checkLockedSecurityGroupCapacity(tx, ctx, groups, adding, error)
}

/** For groups read with `getSecurityGroups(…, true)`, which locked them already. */
export async function checkLockedSecurityGroupCapacity(
  tx: Tx,
  ctx: ServiceContext,
  groups: readonly SecurityGroup[],
  adding: number,
  error: () => ApiError = () => errors.securityGroupInstanceLimitExceed(),
): Promise<void> {
  if (adding <= 0 || groups.length === 0) return
  const used = await tx.countSecurityGroupIpsIn(groups.map((g) => g.id))
  for (const g of groups) {
    if ((used.get(g.id) ?? 0) + adding > securityGroupIpCap(ctx.profile, g.type)) throw error()
  }
}
