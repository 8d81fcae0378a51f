// Row shapes of the storage port that http/ renders (tag rows, worker and vSwitch statistics):
// re-exported here because http/ reaches storage only through service/ (STYLE §2).
export type { OperationStats, ResourceTag, VSwitchUsage } from '../storage/store.js'
