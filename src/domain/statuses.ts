// Status and type values exactly as the API spells them (spec/eni-api.md §4.1, §4.3, §8).

export type EniStatus = 'Available' | 'Attaching' | 'InUse' | 'Detaching' | 'Deleting'
export type EniType = 'Primary' | 'Secondary'
export type InstanceStatus = 'Pending' | 'Starting' | 'Running' | 'Stopping' | 'Stopped'
export type NetworkStatus = 'Pending' | 'Available'
export type SecurityGroupType = 'normal' | 'enterprise'
export type NetworkType = 'vpc' | 'classic'

export const ENI_STATUSES: readonly EniStatus[] = [
  'Available',
  'Attaching',
  'InUse',
  'Detaching',
  'Deleting',
]
export const INSTANCE_STATUSES: readonly InstanceStatus[] = [
  'Pending',
  'Starting',
  'Running',
  'Stopping',
  'Stopped',
]
