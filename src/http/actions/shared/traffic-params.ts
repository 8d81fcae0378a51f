// The traffic fields of CreateNetworkInterface and ModifyNetworkInterfaceAttribute (extensions.md
// §7), in both spellings the SDKs send: top-level `NetworkInterfaceTrafficMode`, `QueueNumber`,
// `QueuePairNumber`, and the newer `NetworkInterfaceTrafficConfig.{…}` struct (flattened or as a
// JSON object). Both spellings of one field must agree (`InvalidParameter.Conflict`).
import { errors } from '../../../domain/errors.js'
import { MAX_QUEUE_NUMBER } from '../../../domain/eni-traffic.js'
import type { Params } from '../../params.js'
import { optStr } from './request-params.js'

const CONFIG = 'NetworkInterfaceTrafficConfig'
const FIELDS = ['NetworkInterfaceTrafficMode', 'QueueNumber', 'QueuePairNumber'] as const
type Field = (typeof FIELDS)[number]

export interface TrafficParams {
  readonly trafficMode: string | undefined
  readonly queueNumber: number | undefined
  readonly queuePairNumber: number | undefined
}

const QUEUES = { min: 1, max: MAX_QUEUE_NUMBER }

export function trafficParamsOf(params: Params): TrafficParams {
  const config = params.struct(CONFIG, FIELDS) ?? {}
  const nested = (field: Field): string | undefined => {
    const value = config[field]
    return value === undefined || value === '' ? undefined : value
  }
  const nestedInt = (field: Field): number | undefined => {
    const text = nested(field)
    if (text === undefined) return undefined
    const value = /^\d{1,9}$/.test(text) ? Number(text) : NaN
    if (!(value >= QUEUES.min && value <= QUEUES.max)) {
      throw errors.invalidParameter(`${CONFIG}.${field}`)
    }
    return value
  }
  return {
    trafficMode: agree(
      'NetworkInterfaceTrafficMode',
      optStr(params, 'NetworkInterfaceTrafficMode'),
      nested('NetworkInterfaceTrafficMode'),
    ),
    queueNumber: agree('QueueNumber', params.int('QueueNumber', QUEUES), nestedInt('QueueNumber')),
    queuePairNumber: agree(
      'QueuePairNumber',
      params.int('QueuePairNumber', QUEUES),
      nestedInt('QueuePairNumber'),
    ),
  }
}

function agree<T>(field: Field, top: T | undefined, inConfig: T | undefined): T | undefined {
  if (top !== undefined && inConfig !== undefined && top !== inConfig) {
    throw errors.invalidParameterConflict(field, `${CONFIG}.${field}`)
  }
  return top ?? inConfig
}
