// `npm run bench`: the allocator's figures, then the HTTP figures on SQLite with ratios against
// the no-op floor measured on the same server in the same run.
import { benchAllocator } from './allocator.bench.js'
import { benchHttp } from './http.bench.js'

const allocator = await benchAllocator()
console.log('\n== allocator (/16) ==')
console.table(allocator)

for (const synchronous of ['full', 'normal'] as const) {
  const phases = await benchHttp({ synchronous })
  console.log(`\n== HTTP on SQLite (synchronous=${synchronous}) ==`)
  console.table(phases)
  for (const c of [1, 8, 32]) {
    const floor = phases.find((p) => p.name === 'noop' && p.concurrency === c)
    for (const name of ['assign', 'unassign']) {
      const p = phases.find((x) => x.name === name && x.concurrency === c)
      if (floor && p) {
        console.log(
          `${name} c=${c}: ${p.rps} req/s = ${((100 * p.rps) / floor.rps).toFixed(1)}% of the no-op floor (${floor.rps} req/s)`,
        )
      }
    }
  }
}
