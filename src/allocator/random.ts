/**
 * A source of uniform randomness in [0, 1). Pure modules never call `Math.random()`; the
 * composition root passes one in (production: a CSPRNG-backed function; tests: `seededRandom`).
 */
export type Random = () => number
