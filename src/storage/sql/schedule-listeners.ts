// The listeners of Store.onOperationsScheduled, shared by both adapters.
export class ScheduleListeners {
  readonly #listeners = new Set<(dueAt: Date) => void>()

  get size(): number {
    return this.#listeners.size
  }

  add(listener: (dueAt: Date) => void): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  emit(dueAt: Date): void {
    for (const listener of this.#listeners) listener(dueAt)
  }
}

/** Collects the due times a transaction schedules; `earliest` after it commits. */
export function dueTimes(): { add: (dueAt: Date) => void; earliest: () => Date | undefined } {
  let earliest: Date | undefined
  return {
    add: (dueAt) => {
      if (earliest === undefined || dueAt < earliest) earliest = dueAt
    },
    earliest: () => earliest,
  }
}
