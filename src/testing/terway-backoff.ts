// Terway's waits: k8s `wait.ExponentialBackoff` (check, then sleep; at most `steps` checks), as
// its `pkg/backoff/backoff.go` configures them. Callers scale the delays down for tests.
import { sleep } from './recorded-rpc.js'

export interface Backoff {
  readonly initialMs: number
  readonly factor: number
  readonly capMs?: number
  readonly steps: number
}

/** k8s `wait.ExponentialBackoff`: check, then sleep, at most `steps` checks. */
export async function withBackoff(b: Backoff, done: () => Promise<boolean>): Promise<boolean> {
  let delay = b.initialMs
  for (let step = 1; step <= b.steps; step++) {
    if (await done()) return true
    if (step === b.steps) break
    await sleep(delay)
    delay = Math.min(delay * b.factor, b.capMs ?? Number.POSITIVE_INFINITY)
  }
  return false
}

/** The same backoff with every delay multiplied by `scale` (0.05: 3 s becomes 150 ms). */
export function scaleBackoff(b: Backoff, scale: number): Backoff {
  return {
    ...b,
    initialMs: b.initialMs * scale,
    ...(b.capMs === undefined ? {} : { capMs: b.capMs * scale }),
  }
}
