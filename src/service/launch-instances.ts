// RunInstances (starts by itself) and CreateInstance (ends `Stopped`): each instance gets a
// primary ENI (Type Primary, InUse, device 0) with its primary private IP and, with
// `Ipv6Address.N` / `Ipv6AddressCount` (extensions.md §2.4), IPv6 addresses on an IPv6 vSwitch.
import { errors } from '../domain/errors.js'
import { checkQueueNumberFits, checkQueueNumberRange } from '../domain/eni-traffic.js'
import { findImage } from '../domain/images.js'
import { findInstanceType } from '../domain/instance-types.js'
import { defaultResourceGroupId } from '../domain/resource-group.js'
import type { Eni, Instance, VSwitch } from '../domain/resources.js'
import type { Tag, TagInput } from '../domain/tags.js'
import { ECS_CREATE_TAG_ERRORS, checkTags } from '../domain/tags.js'
import { checkIpv6Cap } from '../domain/eni-rules.js'
import type { Tx } from '../storage/store.js'
import {
  assignAutomatic,
  assignChosen,
  checkChosenAddresses,
  INSTANCE_ADDRESS_ERRORS,
} from './allocate-addresses.js'
import {
  assignAutomaticIpv6,
  assignChosenIpv6,
  checkChosenIpv6,
  ipv6BlockOfVSwitch,
} from './allocate-ipv6.js'
import type { Caller, ServiceContext } from './context.js'
import { idempotent } from './idempotency.js'
import { adding, asks, ipv6AddressRequest, type ListOrCount } from './ipv6-request.js'
import { requireRegion, requireSecurityGroups, requireVSwitch } from './lookups.js'
import { checkDescription, checkName } from './names.js'
import { runTransaction } from './run-transaction.js'
import { schedule } from './schedule.js'
import { checkSecurityGroupCapacity } from './security-group-capacity.js'

export interface LaunchInput {
  readonly regionId: string
  readonly instanceType?: string | undefined
  readonly imageId?: string | undefined
  readonly vswitchId?: string | undefined
  readonly zoneId?: string | undefined
  readonly securityGroupIds: readonly string[]
  readonly privateIpAddress?: string | undefined
  readonly amount?: number | undefined
  readonly name?: string | undefined
  readonly hostName?: string | undefined
  readonly description?: string | undefined
  readonly clientToken?: string | undefined
  readonly dryRun?: boolean | undefined
  /** `Tag.N`: set on each instance and its primary ENI */
  readonly tags?: readonly TagInput[] | undefined
  /** `Ipv6Address.N` (one instance only) or `Ipv6AddressCount`: on each primary ENI */
  readonly ipv6Addresses?: readonly string[] | undefined
  readonly ipv6AddressCount?: number | undefined
  /** `NetworkInterfaceQueueNumber`: the queues of each primary ENI (1–2048, ≤ the type's maximum) */
  readonly networkInterfaceQueueNumber?: number | undefined
}

export async function runInstances(
  ctx: ServiceContext,
  caller: Caller,
  input: LaunchInput,
): Promise<string[]> {
  return launch(ctx, caller, input, 'RunInstances')
}

export async function createInstance(
  ctx: ServiceContext,
  caller: Caller,
  input: LaunchInput,
): Promise<string> {
  const [id] = await launch(ctx, caller, { ...input, amount: 1 }, 'CreateInstance')
  if (id === undefined) throw errors.internalError()
  return id
}

async function launch(
  ctx: ServiceContext,
  caller: Caller,
  input: LaunchInput,
  action: 'RunInstances' | 'CreateInstance',
): Promise<string[]> {
  const region = requireRegion(ctx, input.regionId)
  if (input.instanceType === undefined) throw errors.missingParameter('InstanceType')
  if (input.imageId === undefined) throw errors.missingParameter('ImageId')
  const type = findInstanceType(input.instanceType)
  if (!type) throw errors.invalidInstanceType(input.instanceType)
  const image = findImage(input.imageId)
  if (!image) throw errors.invalidImageIdNotFound(input.imageId)
  const amount = input.amount ?? 1
  if (!Number.isInteger(amount) || amount < 1 || amount > 100)
    throw errors.invalidParameter('Amount')
  if (input.privateIpAddress !== undefined && amount > 1) {
    throw errors.invalidParameter('PrivateIpAddress')
  }
  if (input.vswitchId === undefined) throw errors.vSwitchNecessary()
  if (input.zoneId !== undefined && !region.zones.includes(input.zoneId)) {
    throw errors.invalidZoneIdNotFound(input.zoneId)
  }
  const name = checkName(input.name, 'InstanceName', 'InvalidInstanceName.Malformed')
  const description = checkDescription(input.description)
  const vswitchId = input.vswitchId
  const tags = checkTags(input.tags ?? [], ECS_CREATE_TAG_ERRORS)
  const v6 = ipv6AddressRequest(input.ipv6Addresses, input.ipv6AddressCount)
  if (v6.chosen.length > 0 && amount > 1) throw errors.invalidParameter('Ipv6Address.N')
  const queueNumber = input.networkInterfaceQueueNumber ?? null
  if (queueNumber !== null) {
    checkQueueNumberRange(queueNumber, 'NetworkInterfaceQueueNumber')
    checkQueueNumberFits(queueNumber, type)
  }

  return runTransaction(ctx, async (tx) => {
    const outcome = await idempotent(
      tx,
      ctx,
      caller,
      {
        action,
        product: 'ecs',
        regionId: input.regionId,
        token: input.clientToken,
        params: { ...input, tags: tags.length > 0 ? tags : undefined },
      },
      async () => {
        const vswitch = await requireVSwitch(tx, caller, input.regionId, vswitchId)
        if (vswitch.status !== 'Available') throw errors.incorrectVSwitchStatus()
        if (input.zoneId !== undefined && input.zoneId !== vswitch.zoneId) {
          throw errors.invalidParameterMismatch(
            'Specified virtual switch is not in the specified zone.',
          )
        }
        if (input.securityGroupIds.length === 0) throw errors.missingParameter('SecurityGroupId')
        const groups = await requireSecurityGroups(
          tx,
          ctx,
          caller,
          input.securityGroupIds,
          vswitch.vpcId,
        ).catch((e: unknown) => {
          throw remapGroupError(e)
        })
        const chosen = input.privateIpAddress === undefined ? [] : [input.privateIpAddress]
        const checked = await checkChosenAddresses(tx, vswitch, chosen, INSTANCE_ADDRESS_ERRORS)
        if (asks(v6)) ipv6BlockOfVSwitch(vswitch) // InvalidVSwitch.Ipv6NotTurnOn
        const ipv6: ListOrCount = { ...v6, chosen: await checkChosenIpv6(tx, vswitch, v6.chosen) }
        await checkSecurityGroupCapacity(tx, ctx, groups, amount, () =>
          errors.runSecurityGroupLimit(),
        )
        if (input.dryRun === true) throw errors.dryRunOperation()
        const ids: string[] = []
        for (let n = 0; n < amount; n++) {
          const now = ctx.clock.now()
          const instance: Instance = {
            id: ctx.ids.newId('i'),
            accountId: caller.accountId,
            regionId: vswitch.regionId,
            zoneId: vswitch.zoneId,
            networkType: 'vpc',
            vpcId: vswitch.vpcId,
            vswitchId: vswitch.id,
            instanceType: type.instanceTypeId,
            imageId: image.imageId,
            name: name || input.hostName || '',
            hostName: input.hostName ?? '',
            description,
            status: 'Pending',
            createdAt: now,
            startedAt: null,
          }
          await tx.insertInstance(instance)
          await tx.putTags(caller.accountId, instance.regionId, 'instance', instance.id, tags)
          await addPrimaryEni(
            tx,
            ctx,
            instance,
            groups.map((g) => g.id),
            vswitch,
            checked,
            tags,
            ipv6,
            queueNumber,
          )
          const done = action === 'RunInstances' ? 'instance.started' : 'instance.created-stopped'
          await schedule(tx, ctx, done, caller.accountId, instance.id)
          ids.push(instance.id)
        }
        return { instanceIds: ids }
      },
    )
    return outcome.instanceIds
  })
}

async function addPrimaryEni(
  tx: Tx,
  ctx: ServiceContext,
  instance: Instance,
  securityGroupIds: string[],
  vswitch: VSwitch,
  chosen: string[],
  tags: readonly Tag[],
  ipv6: ListOrCount,
  queueNumber: number | null,
): Promise<void> {
  const eniId = ctx.ids.newId('eni')
  const eni: Eni = {
    id: eniId,
    accountId: instance.accountId,
    regionId: instance.regionId,
    zoneId: instance.zoneId,
    vpcId: vswitch.vpcId,
    vswitchId: vswitch.id,
    type: 'Primary',
    status: 'InUse',
    macAddress: ctx.ids.newMac(),
    primaryIp: '',
    name: '',
    description: '',
    instanceId: instance.id,
    deviceIndex: 0,
    deleteOnRelease: true,
    sourceDestCheck: false,
    createdAt: instance.createdAt,
    trafficMode: 'Standard',
    resourceGroupId: defaultResourceGroupId(instance.accountId),
    queueNumber,
    queuePairNumber: null,
  }
  if (asks(ipv6)) {
    const type = findInstanceType(instance.instanceType)
    const empty = {
      privateIps: [],
      ipv6Addresses: [],
      ipv4Prefixes: [],
      ipv6Prefixes: [],
      attachedInstanceType: instance.instanceType,
    }
    checkIpv6Cap({ ...eni, securityGroupIds, ...empty }, type, adding(ipv6))
  }
  await tx.insertEni(eni, securityGroupIds)
  await tx.putTags(instance.accountId, instance.regionId, 'eni', eniId, tags)
  const owner = { eniId, accountId: instance.accountId, primary: true }
  const [ip] =
    chosen.length > 0
      ? await assignChosen(tx, ctx, vswitch, owner, chosen, INSTANCE_ADDRESS_ERRORS)
      : await assignAutomatic(tx, ctx, vswitch, owner, 1, INSTANCE_ADDRESS_ERRORS)
  await tx.updateEni(eniId, { primaryIp: ip ?? '' })
  const v6Owner = { eniId, accountId: instance.accountId }
  await assignChosenIpv6(tx, ctx, vswitch, v6Owner, ipv6.chosen)
  if (ipv6.count !== undefined) await assignAutomaticIpv6(tx, ctx, vswitch, v6Owner, ipv6.count)
}

/** RunInstances reports group problems with its own codes (spec §8.5). */
function remapGroupError(e: unknown): unknown {
  const code = (e as { code?: unknown }).code
  if (code === 'InvalidSecurityGroupId.NotFound') return errors.runSecurityGroupNotFound()
  if (code === 'InvalidOperation.VpcMismatch') {
    return errors.invalidParameterMismatch(
      'Specified security group and virtual switch are not in the same VPC.',
    )
  }
  return e
}
