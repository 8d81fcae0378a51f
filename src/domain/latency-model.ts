// How long each async transition lasts (`serve --latency instant|realistic|FILE`).
// `--async-delay-ms MS` stays a fixed override for every transition. Durations are drawn from
// per-transition distributions with a seeded generator, so a run is reproducible.
//
// `realistic` (sources; Alibaba publishes no latency figures, so these are ours, within them):
// * ENI attach/detach: [E] §4.3 — "transitional states last ~1–3 s"; Terway waits ~3 s after
//   attach/detach before its first poll, then backs off ×1.5 (terway `backoff.go`); Cilium polls
//   every 2.5 s up to 6 times (extensions.md §8.1). Lognormal, median 2 s, p95 3.5 s, 0.8–8 s.
// * ENI delete: Terway's ENIDeleteConfirm polls at 1 s, then 2 s ×1.5 (extensions.md §8.2).
//   Lognormal, median 1.5 s, p95 3 s, 0.5–6 s.
// * Instance start/stop: Terraform's instance create waits up to minutes; ECS starts in tens of
//   seconds (ours). Lognormal, median 15 s, p95 35 s, 5–60 s.
// * VPC/vSwitch `Pending`: "becomes Available in a few seconds" ([E] §8, CreateVSwitch).
//   Uniform 1–5 s.
import type { Random } from './fault-rules.js'

export type Distribution =
  | { readonly distribution: 'fixed'; readonly ms: number }
  | { readonly distribution: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | {
      readonly distribution: 'lognormal'
      readonly medianMs: number
      readonly p95Ms: number
      readonly minMs?: number
      readonly maxMs?: number
    }

export interface LatencyFile {
  readonly seed?: number
  /** for any transition not listed */
  readonly default?: Distribution
  readonly transitions?: Readonly<Record<string, Distribution>>
}

export interface LatencyModel {
  /** milliseconds the transition of `kind` lasts this time */
  durationMs(kind: string): number
  readonly summary: string
}

const ENI_ATTACH: Distribution = {
  distribution: 'lognormal',
  medianMs: 2000,
  p95Ms: 3500,
  minMs: 800,
  maxMs: 8000,
}
const INSTANCE: Distribution = {
  distribution: 'lognormal',
  medianMs: 15_000,
  p95Ms: 35_000,
  minMs: 5000,
  maxMs: 60_000,
}

export const REALISTIC_LATENCY: LatencyFile = {
  transitions: {
    'eni.attached': ENI_ATTACH,
    'eni.detached': ENI_ATTACH,
    'eni.deleted': {
      distribution: 'lognormal',
      medianMs: 1500,
      p95Ms: 3000,
      minMs: 500,
      maxMs: 6000,
    },
    'instance.started': INSTANCE,
    'instance.stopped': INSTANCE,
    'instance.created-stopped': INSTANCE,
    'vpc.available': { distribution: 'uniform', minMs: 1000, maxMs: 5000 },
    'vswitch.available': { distribution: 'uniform', minMs: 1000, maxMs: 5000 },
  },
}

export function fixedLatency(ms: number): LatencyModel {
  return { durationMs: () => ms, summary: `fixed ${ms} ms` }
}

/** z for the 95th percentile of the standard normal */
const Z95 = 1.6448536269514722

function problemsOf(d: unknown, where: string): string[] {
  if (typeof d !== 'object' || d === null) return [`${where} must be an object`]
  const x = d as Record<string, unknown>
  const ms = (k: string, optional = false) => {
    const v = x[k]
    if (optional && v === undefined) return []
    return typeof v === 'number' && v >= 0 && v <= 3_600_000
      ? []
      : [`${where}.${k} must be milliseconds from 0 to 3600000`]
  }
  switch (x['distribution']) {
    case 'fixed':
      return ms('ms')
    case 'uniform':
      return [...ms('minMs'), ...ms('maxMs')].concat(
        Number(x['minMs']) > Number(x['maxMs']) ? [`${where}: minMs > maxMs`] : [],
      )
    case 'lognormal':
      return [...ms('medianMs'), ...ms('p95Ms'), ...ms('minMs', true), ...ms('maxMs', true)].concat(
        Number(x['p95Ms']) < Number(x['medianMs']) || Number(x['medianMs']) <= 0
          ? [`${where}: need 0 < medianMs ≤ p95Ms`]
          : [],
      )
    default:
      return [`${where}.distribution must be fixed, uniform or lognormal`]
  }
}

/** A seeded model from a file's JSON (or the realistic table); throws naming every problem. */
export function latencyModelFrom(
  file: LatencyFile,
  randomFor: (seed: number) => Random,
  summary: string,
): LatencyModel {
  const problems: string[] = []
  if (file.default !== undefined) problems.push(...problemsOf(file.default, 'default'))
  for (const [k, d] of Object.entries(file.transitions ?? {})) {
    problems.push(...problemsOf(d, `transitions.${k}`))
  }
  if (file.seed !== undefined && !Number.isInteger(file.seed)) problems.push('seed: integer')
  if (problems.length > 0) throw new Error(`invalid latency model: ${problems.join('; ')}`)
  const random = randomFor(file.seed ?? 1)
  const fallback: Distribution = file.default ?? { distribution: 'fixed', ms: 1000 }
  return {
    durationMs: (kind) => Math.round(sample(file.transitions?.[kind] ?? fallback, random)),
    summary,
  }
}

export function sample(d: Distribution, random: Random): number {
  switch (d.distribution) {
    case 'fixed':
      return d.ms
    case 'uniform':
      return d.minMs + (d.maxMs - d.minMs) * random()
    case 'lognormal': {
      // Box–Muller; 1 - u keeps the logarithm finite.
      const u1 = 1 - random()
      const u2 = random()
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
      const mu = Math.log(d.medianMs)
      const sigma = Math.log(d.p95Ms / d.medianMs) / Z95
      const v = Math.exp(mu + sigma * z)
      return Math.min(d.maxMs ?? Infinity, Math.max(d.minMs ?? 0, v))
    }
  }
}
