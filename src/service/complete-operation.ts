// What a due operation does when the worker claims it: the second half of an async action.
import type { Operation } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'
import { addressesHeldBy } from './allocate-prefixes.js'
import type { ServiceContext } from './context.js'

export async function completeOperation(
  tx: Tx,
  ctx: ServiceContext,
  op: Operation,
): Promise<{ freed?: { vswitchId: string; addresses: string[] } }> {
  if (op.fail === true) return failOperation(tx, op)
  switch (op.kind) {
    case 'vpc.available':
      await tx.setVpcStatus(op.resourceId, 'Available')
      return {}
    case 'vswitch.available':
      await tx.setVSwitchStatus(op.resourceId, 'Available')
      return {}
    case 'instance.started': {
      const instance = await tx.getInstance(op.accountId, op.resourceId, true)
      if (instance && (instance.status === 'Pending' || instance.status === 'Starting')) {
        await tx.setInstanceStatus(instance.id, 'Running', ctx.clock.now())
      }
      return {}
    }
    case 'instance.stopped':
    case 'instance.created-stopped': {
      const instance = await tx.getInstance(op.accountId, op.resourceId, true)
      if (instance && (instance.status === 'Stopping' || instance.status === 'Pending')) {
        await tx.setInstanceStatus(instance.id, 'Stopped')
      }
      return {}
    }
    case 'eni.attached': {
      const eni = await tx.getEni(op.accountId, op.resourceId, true)
      if (eni?.status !== 'Attaching') return {}
      const instance = eni.instanceId
        ? await tx.getInstance(op.accountId, eni.instanceId)
        : undefined
      // The instance went away while attaching: the attach fails, the ENI is Available again.
      await tx.updateEni(
        eni.id,
        instance
          ? { status: 'InUse' }
          : { status: 'Available', instanceId: null, deviceIndex: null },
      )
      return {}
    }
    case 'eni.detached': {
      const eni = await tx.getEni(op.accountId, op.resourceId, true)
      if (eni?.status === 'Detaching') {
        await tx.updateEni(eni.id, { status: 'Available', instanceId: null, deviceIndex: null })
      }
      return {}
    }
    case 'eni.deleted': {
      const eni = await tx.getEni(op.accountId, op.resourceId, true)
      if (eni?.status !== 'Deleting') return {}
      await tx.deleteEni(eni.id)
      if (eni.ipv6Addresses.length + eni.ipv6Prefixes.length > 0) {
        ctx.ipv6Blocks.forget(eni.vswitchId)
      }
      return {
        freed: { vswitchId: eni.vswitchId, addresses: addressesHeldBy(eni) },
      }
    }
    default:
      // A kind this version does not know (a newer replica wrote it): fails, is retried, and
      // finally given up with this reason (the worker's bounded attempts).
      throw new Error(`unknown operation kind ${String((op as { kind: unknown }).kind)}`)
  }
}

/**
 * A transition a fault rule failed: the resource returns to the state it left, as a failed
 * attach (→ `Available`), detach (→ `InUse`), delete (→ `Available`), start (→ `Stopped`) or stop
 * (→ `Running`) does on ECS. Pending VPCs/vSwitches cannot fail (rules cannot ask it).
 */
async function failOperation(tx: Tx, op: Operation): Promise<Record<string, never>> {
  switch (op.kind) {
    case 'eni.attached': {
      const eni = await tx.getEni(op.accountId, op.resourceId, true)
      if (eni?.status === 'Attaching') {
        await tx.updateEni(eni.id, { status: 'Available', instanceId: null, deviceIndex: null })
      }
      return {}
    }
    case 'eni.detached': {
      const eni = await tx.getEni(op.accountId, op.resourceId, true)
      if (eni?.status === 'Detaching') await tx.updateEni(eni.id, { status: 'InUse' })
      return {}
    }
    case 'eni.deleted': {
      const eni = await tx.getEni(op.accountId, op.resourceId, true)
      if (eni?.status === 'Deleting') await tx.updateEni(eni.id, { status: 'Available' })
      return {}
    }
    case 'instance.started':
    case 'instance.created-stopped': {
      const instance = await tx.getInstance(op.accountId, op.resourceId, true)
      if (instance && (instance.status === 'Pending' || instance.status === 'Starting')) {
        await tx.setInstanceStatus(instance.id, 'Stopped')
      }
      return {}
    }
    case 'instance.stopped': {
      const instance = await tx.getInstance(op.accountId, op.resourceId, true)
      if (instance?.status === 'Stopping') await tx.setInstanceStatus(instance.id, 'Running')
      return {}
    }
    case 'vpc.available':
      await tx.setVpcStatus(op.resourceId, 'Available')
      return {}
    case 'vswitch.available':
      await tx.setVSwitchStatus(op.resourceId, 'Available')
      return {}
  }
}
