// Builds the failure-path features from the server configuration (composition side, like
// main.ts): the throttle policy (`--throttle`), the fault book (`--faults FILE`) and the latency
// model (`--latency`, `--async-delay-ms`). Files are read once at start; a bad one stops `serve`
// with a message naming every problem.
import { readFileSync } from 'node:fs'
import { seededRandom } from './allocator/seeded-random.js'
import type { ServerConfig } from './config/server-config.js'
import { FaultBook, parseFaultRules } from './domain/fault-rules.js'
import {
  fixedLatency,
  latencyModelFrom,
  REALISTIC_LATENCY,
  type LatencyFile,
  type LatencyModel,
} from './domain/latency-model.js'
import {
  throttlePolicyFrom,
  type ThrottleFile,
  type ThrottlePolicy,
} from './domain/throttle-policy.js'

export interface Chaos {
  readonly throttle: ThrottlePolicy
  readonly faults: FaultBook
  readonly latency: LatencyModel
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown
  } catch (e: unknown) {
    throw new Error(
      `cannot read ${what} file ${path}: ${e instanceof Error ? e.message : String(e)}`,
    )
  }
}

/** A bad `--throttle`/`--faults`/`--latency` file: `serve` prints it and exits 2. */
export class ChaosConfigError extends Error {
  override readonly name = 'ChaosConfigError'
}

export function chaosFrom(
  config: Pick<ServerConfig, 'throttle' | 'faults' | 'latency' | 'asyncDelayMs'>,
): Chaos {
  try {
    return build(config)
  } catch (e: unknown) {
    throw new ChaosConfigError(e instanceof Error ? e.message : String(e), { cause: e })
  }
}

function build(
  config: Pick<ServerConfig, 'throttle' | 'faults' | 'latency' | 'asyncDelayMs'>,
): Chaos {
  const throttle =
    config.throttle === 'off' || config.throttle === 'default'
      ? throttlePolicyFrom(config.throttle)
      : throttlePolicyFrom(readJson(config.throttle, 'throttle') as ThrottleFile)
  const faults = new FaultBook(seededRandom)
  if (config.faults !== undefined) faults.add(parseFaultRules(readJson(config.faults, 'faults')))
  let latency: LatencyModel
  if (config.latency === 'fixed') latency = fixedLatency(config.asyncDelayMs)
  else if (config.latency === 'instant') latency = fixedLatency(0)
  else if (config.latency === 'realistic') {
    latency = latencyModelFrom(REALISTIC_LATENCY, seededRandom, 'realistic')
  } else {
    const file = readJson(config.latency, 'latency') as LatencyFile
    latency = latencyModelFrom(file, seededRandom, `file ${config.latency}`)
  }
  return { throttle, faults, latency }
}
