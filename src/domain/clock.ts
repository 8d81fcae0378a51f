// Time is passed in (STYLE §2): pure code never reads the system clock.
export interface Clock {
  now(): Date
}

/** A clock that only moves when told to: for deterministic tests. */
export class ManualClock implements Clock {
  #ms: number
  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    this.#ms = new Date(start).getTime()
  }
  now(): Date {
    return new Date(this.#ms)
  }
  advance(ms: number): void {
    this.#ms += ms
  }
}
