// What an async operation that keeps failing leaves behind once the worker gives up on it: the
// transition is rolled back to the state before the Action (attach → the ENI Available and
// detached; detach → still InUse; delete → the ENI Available again; start → Stopped; stop →
// Running). A creation (VPC, vSwitch, instance created stopped) has no earlier state: the
// resource already exists, so it ends in its usable state. The reason stays on the operation
// row (DescribeEniplaneOperations).
import type { Operation } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'

export async function abandonOperation(tx: Tx, op: Operation): Promise<void> {
  switch (op.kind) {
    case 'vpc.available':
      await tx.setVpcStatus(op.resourceId, 'Available')
      return
    case 'vswitch.available':
      await tx.setVSwitchStatus(op.resourceId, 'Available')
      return
    case 'instance.started': {
      const instance = await tx.getInstance(op.accountId, op.resourceId, true)
      if (instance?.status === 'Pending' || instance?.status === 'Starting') {
        await tx.setInstanceStatus(instance.id, 'Stopped')
      }
      return
    }
    case 'instance.stopped': {
      const instance = await tx.getInstance(op.accountId, op.resourceId, true)
      if (instance?.status === 'Stopping') await tx.setInstanceStatus(instance.id, 'Running')
      return
    }
    case 'instance.created-stopped': {
      const instance = await tx.getInstance(op.accountId, op.resourceId, true)
      if (instance?.status === 'Pending') await tx.setInstanceStatus(instance.id, 'Stopped')
      return
    }
    case 'eni.attached': {
      const eni = await tx.getEni(op.accountId, op.resourceId, true)
      if (eni?.status === 'Attaching') {
        await tx.updateEni(eni.id, { status: 'Available', instanceId: null, deviceIndex: null })
      }
      return
    }
    case 'eni.detached': {
      const eni = await tx.getEni(op.accountId, op.resourceId, true)
      if (eni?.status === 'Detaching') await tx.updateEni(eni.id, { status: 'InUse' })
      return
    }
    case 'eni.deleted': {
      const eni = await tx.getEni(op.accountId, op.resourceId, true)
      if (eni?.status === 'Deleting') await tx.updateEni(eni.id, { status: 'Available' })
      return
    }
    default:
      // An unknown kind touches nothing; the row keeps the reason.
      return
  }
}
