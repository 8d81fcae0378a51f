// The two timestamp shapes of the API, always UTC.

/** `2019-12-25T12:31:31Z`: ENIs, VPCs, vSwitches, security groups. */
export function formatSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`
}

/** `2017-12-10T04:04Z`: instance `CreationTime` and `StartTime` (minute precision). */
export function formatMinutes(date: Date): string {
  return `${date.toISOString().slice(0, 16)}Z`
}
