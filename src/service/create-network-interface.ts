import { checkPrivateIpCap } from '../domain/eni-rules.js'
import { errors } from '../domain/errors.js'
import type { EniView } from '../domain/resources.js'
import type { TagInput, Tagged } from '../domain/tags.js'
import { ECS_CREATE_TAG_ERRORS, checkTags } from '../domain/tags.js'
import { checkAddressRequest } from './address-request.js'
import {
  assignAutomatic,
  assignChosen,
  checkChosenAddresses,
  ENI_ADDRESS_ERRORS,
} from './allocate-addresses.js'
import type { Caller, ServiceContext } from './context.js'
import { idempotent } from './idempotency.js'
import { requireEni, requireRegion, requireSecurityGroups, requireVSwitch } from './lookups.js'
import { checkDescription, checkName } from './names.js'
import { withTagsOne } from './resource-tags.js'
import { runTransaction } from './run-transaction.js'
import { checkSecurityGroupCapacity } from './security-group-capacity.js'

export interface CreateNetworkInterfaceInput {
  readonly regionId: string
  readonly vswitchId: string
  readonly securityGroupIds: readonly string[]
  readonly primaryIpAddress?: string | undefined
  readonly privateIpAddresses?: readonly string[] | undefined
  readonly secondaryPrivateIpAddressCount?: number | undefined
  readonly name?: string | undefined
  readonly description?: string | undefined
  readonly deleteOnRelease?: boolean | undefined
  readonly sourceDestCheck?: boolean | undefined
  readonly clientToken?: string | undefined
  /** `Tag.N`: set on the new ENI; order carries no meaning */
  readonly tags?: readonly TagInput[] | undefined
}

export async function createNetworkInterface(
  ctx: ServiceContext,
  caller: Caller,
  input: CreateNetworkInterfaceInput,
): Promise<EniView & Tagged> {
  requireRegion(ctx, input.regionId)
  const tags = checkTags(input.tags ?? [], ECS_CREATE_TAG_ERRORS)
  const { chosen, count } = checkAddressRequest(
    input.privateIpAddresses,
    input.secondaryPrivateIpAddressCount,
  )
  const name = checkName(
    input.name,
    'NetworkInterfaceName',
    'InvalidNetworkInterfaceName.Malformed',
  )
  const description = checkDescription(input.description)

  return runTransaction(ctx, async (tx) => {
    const created = await idempotent(
      tx,
      ctx,
      caller,
      {
        action: 'CreateNetworkInterface',
        product: 'ecs',
        token: input.clientToken,
        params: { ...input, tags: tags.length > 0 ? tags : undefined },
      },
      async () => {
        const vswitch = await requireVSwitch(tx, caller, input.regionId, input.vswitchId)
        if (vswitch.status !== 'Available') throw errors.incorrectVSwitchStatus()
        const groups = await requireSecurityGroups(
          tx,
          ctx,
          caller,
          input.securityGroupIds,
          vswitch.vpcId,
        )
        const secondaries = count ?? chosen.length
        const id = ctx.ids.newId('eni')
        const draft: EniView = {
          id,
          accountId: caller.accountId,
          regionId: vswitch.regionId,
          zoneId: vswitch.zoneId,
          vpcId: vswitch.vpcId,
          vswitchId: vswitch.id,
          type: 'Secondary',
          status: 'Available',
          macAddress: ctx.ids.newMac(),
          primaryIp: '',
          name,
          description,
          instanceId: null,
          deviceIndex: null,
          deleteOnRelease: input.deleteOnRelease ?? false,
          sourceDestCheck: input.sourceDestCheck ?? true,
          createdAt: ctx.clock.now(),
          securityGroupIds: groups.map((g) => g.id),
          privateIps: [{ address: '', primary: true }],
        }
        checkPrivateIpCap(ctx.profile, draft, undefined, secondaries)
        const primaryChosen = input.primaryIpAddress === undefined ? [] : [input.primaryIpAddress]
        const all = await checkChosenAddresses(
          tx,
          vswitch,
          [...primaryChosen, ...chosen],
          ENI_ADDRESS_ERRORS,
        )
        await tx.lockAccount(caller.accountId) // serialises this account's quota checks
        if ((await tx.countEnis(caller.accountId, input.regionId)) >= ctx.quotas.enisPerRegion) {
          throw errors.maxEniCountExceeded()
        }
        await checkSecurityGroupCapacity(tx, ctx, groups, 1 + secondaries)

        await tx.insertEni(draft, draft.securityGroupIds)
        await tx.putTags(caller.accountId, draft.regionId, 'eni', id, tags)
        const primaryOwner = { eniId: id, accountId: caller.accountId, primary: true }
        const owner = { ...primaryOwner, primary: false }
        // Chosen secondaries go in first, so an automatic primary cannot pick one of them.
        if (chosen.length > 0) {
          const secondaryIps = all.slice(primaryChosen.length)
          await assignChosen(tx, ctx, vswitch, owner, secondaryIps, ENI_ADDRESS_ERRORS)
        }
        const [primaryIp] =
          primaryChosen.length > 0
            ? await assignChosen(
                tx,
                ctx,
                vswitch,
                primaryOwner,
                all.slice(0, 1),
                ENI_ADDRESS_ERRORS,
              )
            : await assignAutomatic(tx, ctx, vswitch, primaryOwner, 1, ENI_ADDRESS_ERRORS)
        await tx.updateEni(id, { primaryIp: primaryIp ?? '' })
        if (count !== undefined) {
          await assignAutomatic(tx, ctx, vswitch, owner, count, ENI_ADDRESS_ERRORS)
        }
        return { eniId: id }
      },
    )
    const eni = await requireEni(tx, caller, input.regionId, created.eniId)
    return withTagsOne(tx, caller, 'eni', eni)
  })
}
