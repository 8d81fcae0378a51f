// The lab dataplane (`serve --dataplane netns`, Linux, root): makes the store's Running instances
// and attached ENIs real in network namespaces (layout in netns-layout.ts), so a guest agent run
// with `ip netns exec` sees eth0/eth1 with the ENIs' MACs and reaches the metadata service at
// http://100.100.100.200/. A reconcile loop over the store applies attach/detach/start/stop.
//
// Metadata reachability: Node cannot open a socket inside another namespace, so each vSwitch
// namespace runs a small relay process (metadata-relay.ts) on port 80 that forwards to a
// per-vSwitch metadata listener of this process on a Unix socket (mode 0600 in a 0700 dir). The
// relay stamps the TCP source address it saw; the listener looks the caller up in that vSwitch.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunningMetadataServer } from '../metadata/metadata-server.js'
import { startMetadataServer } from '../metadata/metadata-server.js'
import type { ServiceContext } from '../service/context.js'
import { instanceMetadataByIp, runningInstanceMetadata } from '../service/instance-metadata.js'
import type { EniPlan, VSwitchPlan } from './netns-layout.js'
import {
  eniCommands,
  eniRemoveCommand,
  instanceCommands,
  namespaceOf,
  sameEni,
  vswitchCommands,
} from './netns-layout.js'
import type { IpRun } from './run-ip.js'
import { ipRun, listNamespaces } from './run-ip.js'

export interface NetnsDataplaneOptions {
  /** namespace name prefix; everything with it is this dataplane's (default `eniplane-`) */
  readonly prefix?: string
  /** reconcile period (default 500 ms) */
  readonly intervalMs?: number
  readonly log?: (line: string) => void
  readonly ip?: IpRun
}

interface VSwitchNet {
  readonly ns: string
  readonly relay: ChildProcess
  readonly metadata: RunningMetadataServer
}

const RELAY = fileURLToPath(
  new URL(`./metadata-relay${extensionOf(import.meta.url)}`, import.meta.url),
)

function extensionOf(url: string): string {
  return url.endsWith('.ts') ? '.ts' : '.js'
}

export class NetnsDataplane {
  readonly prefix: string
  readonly #ctx: ServiceContext
  readonly #ip: IpRun
  readonly #log: (line: string) => void
  readonly #intervalMs: number
  readonly #socketDir: string
  readonly #vswitches = new Map<string, VSwitchNet>()
  readonly #instances = new Set<string>()
  readonly #enis = new Map<string, EniPlan>()
  #chain: Promise<void> = Promise.resolve()
  #timer: NodeJS.Timeout | undefined
  #closed = false

  private constructor(ctx: ServiceContext, socketDir: string, opts: NetnsDataplaneOptions) {
    this.#ctx = ctx
    this.#socketDir = socketDir
    this.prefix = opts.prefix ?? 'eniplane-'
    this.#ip = opts.ip ?? ipRun()
    this.#log = opts.log ?? (() => undefined)
    this.#intervalMs = opts.intervalMs ?? 500
  }

  /** Removes namespaces left with this prefix, then reconciles now and every interval. */
  static async start(
    ctx: ServiceContext,
    opts: NetnsDataplaneOptions = {},
  ): Promise<NetnsDataplane> {
    const prefix = opts.prefix ?? 'eniplane-'
    if (!/^[A-Za-z0-9_.-]{3,40}$/.test(prefix)) throw new Error(`unsafe namespace prefix ${prefix}`)
    const dir = await mkdtemp(join(tmpdir(), 'eniplane-dataplane-'))
    const dp = new NetnsDataplane(ctx, dir, opts)
    for (const ns of await listNamespaces(dp.#ip)) {
      if (ns.startsWith(prefix)) await dp.#try(['netns', 'del', ns])
    }
    await dp.reconcileNow()
    dp.#schedule()
    return dp
  }

  namespaceOf(resourceId: string): string {
    return namespaceOf(this.prefix, resourceId)
  }

  /** One reconcile, after any in flight; resolves when it is done (errors are logged). */
  reconcileNow(): Promise<void> {
    this.#chain = this.#chain.then(() => this.#reconcile().catch((e: unknown) => this.#fail(e)))
    return this.#chain
  }

  async close(): Promise<void> {
    this.#closed = true
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    await this.#chain
    for (const ns of [...this.#instances].map((id) => this.namespaceOf(id))) {
      await this.#try(['netns', 'del', ns])
    }
    for (const vswitchId of [...this.#vswitches.keys()]) await this.#dropVSwitch(vswitchId)
    this.#instances.clear()
    this.#enis.clear()
    await rm(this.#socketDir, { recursive: true, force: true })
  }

  #schedule(): void {
    if (this.#closed) return
    this.#timer = setTimeout(() => {
      void this.reconcileNow().then(() => this.#schedule())
    }, this.#intervalMs)
    this.#timer.unref()
  }

  #fail(e: unknown): void {
    this.#log(`dataplane: ${e instanceof Error ? e.message : String(e)}`)
  }

  async #try(args: readonly string[]): Promise<boolean> {
    try {
      await this.#ip(args)
      return true
    } catch (e: unknown) {
      this.#fail(e)
      return false
    }
  }

  async #reconcile(): Promise<void> {
    if (this.#closed) return
    const desired = new Map<string, EniPlan>()
    const vswitches = new Map<string, VSwitchPlan>()
    const instances = new Set<string>()
    for (const view of await runningInstanceMetadata(this.#ctx)) {
      instances.add(view.instanceId)
      for (const i of view.interfaces) {
        vswitches.set(i.vswitchId, i)
        desired.set(i.eniId, { ...i, instanceId: view.instanceId })
      }
    }
    // out: ENIs detached or moved, instances no longer Running
    for (const [eniId, eni] of this.#enis) {
      const want = desired.get(eniId)
      if (want !== undefined && sameEni(want, eni)) continue
      if (instances.has(eni.instanceId)) {
        await this.#try(eniRemoveCommand(this.namespaceOf(eni.vswitchId), eniId))
      }
      this.#enis.delete(eniId)
      this.#log(`dataplane: ${eniId} unplugged from ${eni.instanceId}`)
    }
    for (const instanceId of [...this.#instances]) {
      if (instances.has(instanceId)) continue
      for (const [eniId, eni] of this.#enis) {
        if (eni.instanceId !== instanceId) continue
        await this.#try(eniRemoveCommand(this.namespaceOf(eni.vswitchId), eniId))
        this.#enis.delete(eniId)
      }
      await this.#try(['netns', 'del', this.namespaceOf(instanceId)])
      this.#instances.delete(instanceId)
    }
    // in: vSwitches, instances, ENIs
    for (const [vswitchId, vsw] of vswitches) {
      if (!this.#vswitches.has(vswitchId)) await this.#addVSwitch(vswitchId, vsw)
    }
    for (const instanceId of instances) {
      if (this.#instances.has(instanceId)) continue
      if (await this.#runAll(instanceCommands(this.namespaceOf(instanceId)))) {
        this.#instances.add(instanceId)
      }
    }
    for (const [eniId, eni] of desired) {
      if (this.#enis.has(eniId) || !this.#vswitches.has(eni.vswitchId)) continue
      if (!this.#instances.has(eni.instanceId)) continue
      const commands = eniCommands(
        this.namespaceOf(eni.vswitchId),
        this.namespaceOf(eni.instanceId),
        eni,
      )
      if (await this.#runAll(commands)) {
        this.#enis.set(eniId, eni)
        this.#log(`dataplane: ${eniId} plugged into ${eni.instanceId} as eth${eni.deviceIndex}`)
      } else {
        await this.#try(eniRemoveCommand(this.namespaceOf(eni.vswitchId), eniId))
      }
    }
    for (const vswitchId of [...this.#vswitches.keys()]) {
      if (!vswitches.has(vswitchId)) await this.#dropVSwitch(vswitchId)
    }
  }

  async #runAll(commands: readonly string[][]): Promise<boolean> {
    for (const args of commands) if (!(await this.#try(args))) return false
    return true
  }

  async #addVSwitch(vswitchId: string, vsw: VSwitchPlan): Promise<void> {
    const ns = this.namespaceOf(vswitchId)
    if (!(await this.#runAll(vswitchCommands(ns, vsw)))) {
      await this.#try(['netns', 'del', ns])
      return
    }
    const socketPath = join(this.#socketDir, `${vswitchId}.sock`)
    const metadata = await startMetadataServer({
      socketPath,
      trustHeader: true,
      lookup: (address) => instanceMetadataByIp(this.#ctx, address, vswitchId),
      log: this.#log,
    })
    await chmod(socketPath, 0o600)
    try {
      const relay = await spawnRelay(ns, socketPath)
      this.#vswitches.set(vswitchId, { ns, relay, metadata })
      this.#log(`dataplane: ${vswitchId} up in ${ns} (gateway ${vsw.gateway})`)
    } catch (e: unknown) {
      await metadata.close()
      await this.#try(['netns', 'del', ns])
      throw e
    }
  }

  async #dropVSwitch(vswitchId: string): Promise<void> {
    const net = this.#vswitches.get(vswitchId)
    if (net === undefined) return
    this.#vswitches.delete(vswitchId)
    await stopRelay(net.relay)
    await net.metadata.close()
    await this.#try(['netns', 'del', net.ns])
  }
}

/** Starts the relay inside `ns`; resolves once it prints `ready` (bounded). */
function spawnRelay(ns: string, socketPath: string, timeoutMs = 20_000): Promise<ChildProcess> {
  const loader = RELAY.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : []
  const child = spawn(
    'ip',
    ['netns', 'exec', ns, process.execPath, ...loader, RELAY, socketPath, '0.0.0.0', '80'],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  )
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => fail(new Error(`metadata relay in ${ns}: not ready`)), timeoutMs)
    const fail = (e: Error) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(e)
    }
    child.once('error', fail)
    child.once('exit', (code) => fail(new Error(`metadata relay in ${ns} exited (${code})`)))
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (!out.includes('ready')) return
      clearTimeout(timer)
      child.removeAllListeners('exit')
      child.stdout?.removeAllListeners('data')
      child.stdout?.resume()
      resolve(child)
    })
  })
}

/** Closes the relay's stdin (it exits), SIGKILL after a bounded wait. */
function stopRelay(child: ChildProcess, timeoutMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.stdin?.end()
  })
}
