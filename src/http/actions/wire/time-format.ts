// The two timestamp shapes of the API, always UTC. Built from the UTC fields (a Describe page
// formats hundreds: three times cheaper than slicing toISOString); years outside 0–9999, which
// toISOString writes with a sign and six digits, keep its form.

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`)

function minutes(date: Date): string | undefined {
  const year = date.getUTCFullYear()
  if (!(year >= 1000 && year <= 9999)) return undefined
  return (
    `${year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}` +
    `T${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}`
  )
}

// The second formatted last and its text: the items of a page were mostly created in bursts, so
// most of its hundreds of timestamps repeat the one before.
let lastSecond = Number.NaN
let lastText = ''

/** `2019-12-25T12:31:31Z`: ENIs, VPCs, vSwitches, security groups. */
export function formatSeconds(date: Date): string {
  const second = Math.floor(date.getTime() / 1000)
  if (second === lastSecond) return lastText
  const m = minutes(date)
  const text =
    m === undefined ? `${date.toISOString().slice(0, 19)}Z` : `${m}:${pad2(date.getUTCSeconds())}Z`
  lastSecond = second
  lastText = text
  return text
}

/** `2017-12-10T04:04Z`: instance `CreationTime` and `StartTime` (minute precision). */
export function formatMinutes(date: Date): string {
  const m = minutes(date)
  if (m === undefined) return `${date.toISOString().slice(0, 16)}Z`
  return `${m}Z`
}
