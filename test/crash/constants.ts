// Shared by the crash child and its parent test: the child's clock start and attach delay.
export const CRASH_START = '2026-01-01T00:00:00Z'
export const CRASH_ASYNC_DELAY_MS = 60_000
