// `/metrics` in Prometheus text format (DESIGN.md). Why prom-client: it is the Prometheus client
// for Node (maintained under siimon/prom-client, used by most Node services), with the exposition
// format, histograms and collect-time gauges done right; writing the text format by hand would
// repeat it. Label cardinality is bounded: `action` is a registered Action (or `-`), `code` an
// error Code the server answered, and per-vSwitch gauges cover at most MAX_VSWITCH_SERIES.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { OperationStats, VSwitchUsage } from '../../service/store-views.js'

export const MAX_VSWITCH_SERIES = 50

export interface MetricsSources {
  /** worker queue (durable operations) */
  operationStats(): Promise<OperationStats>
  /** used addresses per vSwitch; free = usable addresses of the CIDR − used */
  vswitchFree(): Promise<{ vswitchId: string; free: number }[]>
  now(): number
}

export class Metrics {
  readonly registry = new Registry()
  readonly requests: Counter<'action' | 'code'>
  readonly duration: Histogram<'action'>
  readonly throttled: Counter<'action' | 'code'>
  readonly injected: Counter<'action' | 'code'>

  constructor(sources: MetricsSources, opts: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry]
    this.requests = new Counter({
      name: 'eniplane_requests_total',
      help: 'API calls by Action and result Code (Success or the error Code).',
      labelNames: ['action', 'code'],
      registers,
    })
    this.duration = new Histogram({
      name: 'eniplane_request_duration_seconds',
      help: 'API call latency by Action, from authentication to the response body.',
      labelNames: ['action'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    })
    this.throttled = new Counter({
      name: 'eniplane_throttled_total',
      help: 'Calls refused by throttling, by Action and the code answered.',
      labelNames: ['action', 'code'],
      registers,
    })
    this.injected = new Counter({
      name: 'eniplane_faults_injected_total',
      help: 'Calls answered by a fault rule, by Action and the code injected (Delay: slowed only).',
      labelNames: ['action', 'code'],
      registers,
    })
    new Gauge({
      name: 'eniplane_worker_queue_depth',
      help: 'Durable async operations waiting to complete.',
      registers,
      async collect() {
        this.set((await sources.operationStats()).depth)
      },
    })
    new Gauge({
      name: 'eniplane_worker_oldest_operation_age_seconds',
      help: 'How long ago the earliest queued operation became due (0 when none is overdue).',
      registers,
      async collect() {
        const { oldestDueAt } = await sources.operationStats()
        const age = oldestDueAt ? (sources.now() - oldestDueAt.getTime()) / 1000 : 0
        this.set(Math.max(0, age))
      },
    })
    new Gauge({
      name: 'eniplane_vswitch_free_addresses',
      help: `Free private addresses per vSwitch (the ${MAX_VSWITCH_SERIES} vSwitches with the fewest).`,
      labelNames: ['vswitch'],
      registers,
      async collect() {
        this.reset()
        const all = await sources.vswitchFree()
        all.sort((a, b) => a.free - b.free || (a.vswitchId < b.vswitchId ? -1 : 1))
        for (const v of all.slice(0, MAX_VSWITCH_SERIES)) this.set({ vswitch: v.vswitchId }, v.free)
      },
    })
    new Gauge({
      name: 'eniplane_vswitches',
      help: 'vSwitches in the store (all of them, including those beyond the per-vSwitch series).',
      registers,
      async collect() {
        this.set((await sources.vswitchFree()).length)
      },
    })
    if (opts.defaultMetrics === true) collectDefaultMetrics({ register: this.registry })
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() }
  }
}

export type { VSwitchUsage }
