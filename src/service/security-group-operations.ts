// CreateSecurityGroup, DescribeSecurityGroups, DeleteSecurityGroup.
import { errors } from '../domain/errors.js'
import type { SecurityGroup } from '../domain/resources.js'
import type { SecurityGroupType } from '../domain/statuses.js'
import type { TagInput, Tagged } from '../domain/tags.js'
import { ECS_CREATE_TAG_ERRORS, checkTags } from '../domain/tags.js'
import type { PageResult, SecurityGroupFilter } from '../storage/store.js'
import type { Caller, ServiceContext } from './context.js'
import { idempotent } from './idempotency.js'
import { requireRegion, requireVpc } from './lookups.js'
import { checkDescription, checkName } from './names.js'
import type { PageRequest } from './paging.js'
import { toStorePage } from './paging.js'
import { withTags } from './resource-tags.js'
import { runTransaction } from './run-transaction.js'

export interface CreateSecurityGroupInput {
  readonly regionId: string
  readonly vpcId?: string | undefined
  readonly name?: string | undefined
  readonly description?: string | undefined
  readonly type?: string | undefined
  readonly clientToken?: string | undefined
  readonly tags?: readonly TagInput[] | undefined
}

export async function createSecurityGroup(
  ctx: ServiceContext,
  caller: Caller,
  input: CreateSecurityGroupInput,
): Promise<SecurityGroup> {
  requireRegion(ctx, input.regionId)
  if (input.vpcId === undefined || input.vpcId === '') throw errors.missingParameter('VpcId')
  const vpcId = input.vpcId
  const type = (input.type ?? 'normal') as SecurityGroupType
  if (type !== 'normal' && type !== 'enterprise') throw errors.invalidParameter('SecurityGroupType')
  const name = checkName(input.name, 'SecurityGroupName', 'InvalidSecurityGroupName.Malformed')
  const description = checkDescription(input.description)
  const tags = checkTags(input.tags ?? [], ECS_CREATE_TAG_ERRORS)
  return runTransaction(ctx, async (tx) => {
    const { securityGroupId } = await idempotent(
      tx,
      ctx,
      caller,
      {
        action: 'CreateSecurityGroup',
        product: 'ecs',
        regionId: input.regionId,
        token: input.clientToken,
        params: { ...input, tags: tags.length > 0 ? tags : undefined },
      },
      async () => {
        const vpc = await requireVpc(tx, caller, input.regionId, vpcId)
        if (vpc.status !== 'Available') throw errors.incorrectVpcStatus()
        await tx.lockAccount(caller.accountId) // serialises this account's quota checks
        const count = await tx.countSecurityGroups(caller.accountId, input.regionId)
        if (count >= ctx.quotas.securityGroupsPerRegion) throw errors.securityGroupQuotaExceeded()
        const group: SecurityGroup = {
          id: ctx.ids.newId('sg'),
          accountId: caller.accountId,
          vpcId: vpc.id,
          regionId: vpc.regionId,
          name,
          description,
          type,
          createdAt: ctx.clock.now(),
        }
        await tx.insertSecurityGroup(group)
        await tx.putTags(caller.accountId, group.regionId, 'securitygroup', group.id, tags)
        return { securityGroupId: group.id }
      },
    )
    const [group] = await tx.getSecurityGroups(caller.accountId, [securityGroupId])
    if (!group) throw errors.invalidSecurityGroupIdNotFound(securityGroupId)
    return group
  })
}

export async function describeSecurityGroups(
  ctx: ServiceContext,
  caller: Caller,
  input: SecurityGroupFilter & PageRequest,
): Promise<PageResult<SecurityGroup & Tagged> & { pageNumber: number; pageSize: number }> {
  requireRegion(ctx, input.regionId)
  const { page, pageNumber, pageSize } = toStorePage(input, 10)
  const result = await runTransaction(ctx, async (tx) => {
    const list = await tx.listSecurityGroups(caller.accountId, input, page)
    return { ...list, items: await withTags(tx, caller, 'securitygroup', list.items) }
  })
  return { ...result, pageNumber, pageSize }
}

export async function deleteSecurityGroup(
  ctx: ServiceContext,
  caller: Caller,
  input: { regionId: string; securityGroupId: string },
): Promise<void> {
  requireRegion(ctx, input.regionId)
  await runTransaction(ctx, async (tx) => {
    const [group] = await tx.getSecurityGroups(caller.accountId, [input.securityGroupId])
    if (!group || group.regionId !== input.regionId) {
      throw errors.invalidSecurityGroupIdNotFound(input.securityGroupId)
    }
    if ((await tx.countSecurityGroupMembers(group.id)) > 0) {
      throw errors.dependencyViolation('network interfaces')
    }
    await tx.deleteSecurityGroup(caller.accountId, group.id)
  })
}
