// One reconcile pass (spec/guest-os.md §15.2): read metadata, observe the kernel, plan, apply with
// `ip`, settle and persist the ledger, optionally write the OS files. Any failure before the plan
// changes nothing; a failed action is logged and the rest still run.
import type { InterfaceDescription } from '../render/index.js'
import { prefixToNetmask } from '../render/ipv4.js'
import type { IpRunner } from './ip-commands.js'
import { describeAction, ipArgs } from './ip-commands.js'
import type { Ledger } from './ledger.js'
import { priorityOf, tableOf } from './ledger.js'
import type { MetadataClient } from './metadata-client.js'
import type { Observation } from './observe.js'
import {
  OBSERVE_COMMANDS,
  parseLinks,
  parseLocalRanges,
  parseRoutes,
  parseRoutes6,
  parseRules,
  parseRules6,
} from './observe.js'
import type { PersistTarget } from './persist.js'
import { persistInterface } from './persist.js'
import type { Action } from './plan-changes.js'
import { planChanges, settleLedger } from './plan-changes.js'
import type { EniMetadata, MetadataRead } from './read-metadata.js'
import { readMetadata } from './read-metadata.js'

export interface ReconcileDeps {
  readonly metadata: MetadataClient
  readonly ip: IpRunner
  readonly log: (line: string) => void
  readonly persist?: PersistTarget | undefined
  readonly confirmReads?: number
}

export interface PassResult {
  /** false when metadata or the kernel could not be read (nothing was changed) */
  readonly ok: boolean
  readonly ledger: Ledger
  readonly applied: number
  readonly failed: number
  /** removals waiting for another good read */
  readonly pending: number
}

export async function observe(ip: IpRunner): Promise<Observation> {
  return {
    links: parseLinks(await ip(OBSERVE_COMMANDS.links)),
    rules: parseRules(await ip(OBSERVE_COMMANDS.rules)),
    routes: parseRoutes(await ip(OBSERVE_COMMANDS.routes)),
    rules6: parseRules6(await ip(OBSERVE_COMMANDS.rules6)),
    routes6: parseRoutes6(await ip(OBSERVE_COMMANDS.routes6)),
    localRanges: [
      ...parseLocalRanges(await ip(OBSERVE_COMMANDS.local4), 4),
      ...parseLocalRanges(await ip(OBSERVE_COMMANDS.local6), 6),
    ],
  }
}

export async function reconcilePass(deps: ReconcileDeps, ledger: Ledger): Promise<PassResult> {
  const { log } = deps
  const unchanged = { ledger, applied: 0, failed: 0, pending: 0 }
  const read = await readMetadata(deps.metadata)
  if (!read.ok) {
    log(`metadata read failed (${read.reason}); no changes`)
    return { ok: false, ...unchanged }
  }
  let observed: Observation
  try {
    observed = await observe(deps.ip)
  } catch (e: unknown) {
    log(`cannot observe interfaces (${e instanceof Error ? e.message : String(e)}); no changes`)
    return { ok: false, ...unchanged }
  }
  const plan = planChanges({ read, observed, ledger, confirmReads: deps.confirmReads ?? 2 })
  for (const note of plan.notes) log(note)
  const failed: Action[] = []
  for (const action of plan.actions) {
    try {
      await deps.ip(ipArgs(action))
      log(describeAction(action))
    } catch (e: unknown) {
      failed.push(action)
      log(`FAILED ${describeAction(action)}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  const next = settleLedger(plan, failed, ledger)
  if (deps.persist !== undefined) {
    await persistAll(deps.persist, read, { ledger, next }, plan.actions, log)
  }
  return {
    ok: true,
    ledger: next,
    applied: plan.actions.length - failed.length,
    failed: failed.length,
    pending: plan.pending,
  }
}

/** The renderers' view of a reconciled ENI (device from the ledger's interface and slot). */
export function interfaceFor(eni: EniMetadata, ledger: Ledger): InterfaceDescription | undefined {
  const entry = ledger.enis[eni.eniId]
  if (entry === undefined) return undefined
  const deviceIndex = eni.isPrimaryEni ? 0 : (entry.slot ?? 1)
  return {
    deviceName: entry.ifname,
    deviceIndex,
    macAddress: eni.mac,
    primaryIp: eni.primaryIp,
    secondaryIps: eni.privateIps.filter((ip) => ip !== eni.primaryIp),
    prefixLength: eni.prefixLength,
    netmask: prefixToNetmask(eni.prefixLength),
    gateway: eni.gateway,
    vswitchCidr: eni.subnetCidr,
    ...(deviceIndex === 0
      ? {}
      : { routeTable: tableOf(deviceIndex), rulePriority: priorityOf(deviceIndex) }),
    aliasIndexes: entry.aliases,
    ...(eni.ipv6Cidr === undefined ? {} : { vswitchIpv6Cidr: eni.ipv6Cidr }),
    ...(eni.ipv6Gateway === undefined ? {} : { ipv6Gateway: eni.ipv6Gateway }),
    ipv6Addresses: eni.ipv6Addresses ?? [],
    ipv4Prefixes: (eni.prefixes ?? []).filter((p) => p.family === 4).map((p) => p.cidr),
    ipv6Prefixes: (eni.prefixes ?? []).filter((p) => p.family === 6).map((p) => p.cidr),
  }
}

async function persistAll(
  target: PersistTarget,
  read: Extract<MetadataRead, { ok: true }>,
  ledgers: { readonly ledger: Ledger; readonly next: Ledger },
  actions: readonly Action[],
  log: (line: string) => void,
): Promise<void> {
  for (const eni of read.enis) {
    const iface = interfaceFor(eni, ledgers.next)
    if (iface === undefined) continue
    const revoked = actions.flatMap((a) => {
      if (a.eniId !== eni.eniId) return []
      if (a.kind === 'addr-del' || a.kind === 'addr6-del') return [a.ip]
      return a.kind === 'prefix-del' ? [a.cidr] : []
    })
    // a revoked address keeps the alias it had (its file is `ifcfg-eth0:<that N>`)
    const before = ledgers.ledger.enis[eni.eniId]?.aliases ?? {}
    const aliasIndexes = { ...iface.aliasIndexes }
    for (const ip of revoked) if (before[ip] !== undefined) aliasIndexes[ip] = before[ip]
    try {
      for (const line of await persistInterface(target, { ...iface, aliasIndexes }, revoked)) {
        log(`${eni.eniId}: ${line}`)
      }
    } catch (e: unknown) {
      log(`${eni.eniId}: persist failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
}
