// Looking into the lab dataplane's namespaces from a test: addresses and rules of a namespace,
// reachability between namespaces, and the agent run inside one. Every call is time-bounded.
import { execFile } from 'node:child_process'
import { access, constants } from 'node:fs/promises'
import { delimiter, join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..', '..', '..')
const BIN = join(ROOT, 'bin', 'eniplane.js')

export function run(
  file: string,
  args: readonly string[],
  timeoutMs = 30_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, [...args], { timeout: timeoutMs, cwd: ROOT }, (e, stdout, stderr) => {
      const code = e === null ? 0 : typeof e.code === 'number' ? e.code : -1
      resolve({ code, stdout, stderr })
    })
  })
}

/** IPv4 addresses on `dev` in `ns` ([] when the device is absent). */
export async function addressesIn(ns: string, dev: string): Promise<string[]> {
  const r = await run('ip', ['-n', ns, '-j', '-4', 'addr', 'show', 'dev', dev])
  if (r.code !== 0) return []
  const links = JSON.parse(r.stdout || '[]') as { addr_info?: { local?: string }[] }[]
  return links.flatMap((l) => (l.addr_info ?? []).map((a) => a.local ?? '')).filter(Boolean)
}

/** Global IPv6 addresses on `dev` in `ns` ([] when the device is absent). */
export async function addresses6In(ns: string, dev: string): Promise<string[]> {
  const r = await run('ip', ['-n', ns, '-j', '-6', 'addr', 'show', 'dev', dev, 'scope', 'global'])
  if (r.code !== 0) return []
  const links = JSON.parse(r.stdout || '[]') as { addr_info?: { local?: string }[] }[]
  return links.flatMap((l) => (l.addr_info ?? []).map((a) => a.local ?? '')).filter(Boolean)
}

export async function linkMac(ns: string, dev: string): Promise<string | undefined> {
  const r = await run('ip', ['-n', ns, '-j', 'link', 'show', 'dev', dev])
  if (r.code !== 0) return undefined
  const [link] = JSON.parse(r.stdout || '[]') as { address?: string }[]
  return link?.address
}

/** `from` selectors of the rules pointing at `table` in `ns`. */
export async function rulesIn(ns: string, table: number): Promise<string[]> {
  const r = await run('ip', ['-n', ns, '-j', '-4', 'rule', 'show'])
  const rules = JSON.parse(r.stdout || '[]') as { src?: string; table?: string }[]
  return rules.filter((x) => x.table === String(table)).map((x) => x.src ?? '')
}

/** True when `address` answers one ICMP echo (`ping -c 1 -W 1`) from inside `ns`. */
export async function answers(ns: string, address: string): Promise<boolean> {
  const r = await run(
    'ip',
    ['netns', 'exec', ns, 'ping', '-c', '1', '-W', '1', '-n', address],
    10_000,
  )
  return r.code === 0
}

/** True when IPv6 `address` answers one ICMPv6 echo (`ping -6 -c 1 -W 1`) from inside `ns`. */
export async function answers6(ns: string, address: string): Promise<boolean> {
  const r = await run(
    'ip',
    ['netns', 'exec', ns, 'ping', '-6', '-c', '1', '-W', '1', '-n', address],
    10_000,
  )
  return r.code === 0
}

/** `eniplane agent --once` inside `ns`. */
export function agentOnce(ns: string, statePath: string, more: string[] = []) {
  return run(
    'ip',
    [
      'netns',
      'exec',
      ns,
      process.execPath,
      BIN,
      'agent',
      '--once',
      '--metadata',
      'http://100.100.100.200',
      '--state',
      statePath,
      '--confirm-delay-ms',
      '200',
      ...more,
    ],
    60_000,
  )
}

/** The OpenTelemetry Alibaba detector's attributes, run unmodified inside `ns`. */
export async function otelDetect(ns: string): Promise<Record<string, string>> {
  const script = join(ROOT, 'test', 'e2e', 'support', 'otel-detect.ts')
  const r = await run(
    'ip',
    ['netns', 'exec', ns, process.execPath, '--import', 'tsx', script],
    20_000,
  )
  if (r.code !== 0) throw new Error(`otel-detect in ${ns}: ${r.stderr}`)
  return JSON.parse(r.stdout || '{}') as Record<string, string>
}

/** A metadata item fetched by curl inside `ns`, from the source address `from`. */
export async function metadataFrom(ns: string, from: string, path: string) {
  const r = await run(
    'ip',
    [
      'netns',
      'exec',
      ns,
      'curl',
      '-s',
      '-m',
      '5',
      '--interface',
      from,
      '-o',
      '-',
      '-w',
      '\n%{http_code}',
      `http://100.100.100.200${path}`,
    ],
    10_000,
  )
  const cut = r.stdout.lastIndexOf('\n')
  return { status: Number(r.stdout.slice(cut + 1)), body: r.stdout.slice(0, cut) }
}

/** Why the probes cannot run (a command they need is not on PATH), or undefined when they can. */
export async function probeToolsMissing(
  path: string = process.env['PATH'] ?? '',
): Promise<string | undefined> {
  for (const [tool, pkg] of [
    ['ping', 'iputils-ping'],
    ['curl', 'curl'],
  ] as const) {
    let found = false
    for (const dir of path.split(delimiter).filter((d) => d !== '')) {
      try {
        await access(join(dir, tool), constants.X_OK)
        found = true
        break
      } catch {
        // not in this directory
      }
    }
    if (!found) return `${tool} is not installed (Debian: apt-get install ${pkg})`
  }
  return undefined
}
