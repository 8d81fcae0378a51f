// Caller parameters to wire pairs, as the SDKs flatten them (wire-protocol.md §3.2): lists become
// 1-based `Name.N`, numbers decimal strings, booleans `true`/`false`; undefined and empty lists
// send nothing; an empty string is sent as `Name=`.
import type { Pair } from '../api/signing/index.js'

export type ParamValue = string | number | boolean | readonly string[] | undefined
export type RpcParams = Readonly<Record<string, ParamValue>>

export function flattenParams(params: RpcParams): Pair[] {
  const pairs: Pair[] = []
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue
    if (typeof value === 'string') pairs.push([name, value])
    else if (typeof value === 'number' || typeof value === 'boolean') {
      pairs.push([name, String(value)])
    } else value.forEach((item, i) => pairs.push([`${name}.${i + 1}`, item]))
  }
  return pairs
}
