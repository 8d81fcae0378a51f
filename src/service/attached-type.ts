// The instance type whose per-ENI limits apply to an ENI, if it is attached.
import { errors } from '../domain/errors.js'
import type { InstanceType } from '../domain/instance-types.js'
import { findInstanceType } from '../domain/instance-types.js'
import type { EniView, Instance } from '../domain/resources.js'
import type { Tx } from '../storage/store.js'

export interface Attachment {
  readonly instance: Instance
  readonly type: InstanceType
}

export async function attachmentOf(tx: Tx, eni: EniView): Promise<Attachment | undefined> {
  if (eni.instanceId === null) return undefined
  const instance = await tx.getInstance(eni.accountId, eni.instanceId)
  if (!instance) return undefined
  const type = findInstanceType(instance.instanceType)
  if (!type) throw errors.internalError()
  return { instance, type }
}
