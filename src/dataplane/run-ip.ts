// Runs `ip` for the lab dataplane (bounded by a timeout) and answers whether network namespaces
// can be used here at all (Linux, root, a working `ip netns`).
import { execFile } from 'node:child_process'

/** Runs `ip` with these arguments; resolves with stdout, rejects on a non-zero exit. */
export type IpRun = (args: readonly string[]) => Promise<string>

export function ipRun(timeoutMs = 10_000): IpRun {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile('ip', [...args], { timeout: timeoutMs }, (e, stdout, stderr) => {
        if (e)
          reject(new Error(`ip ${args.join(' ')}: ${stderr.trim() || e.message}`, { cause: e }))
        else resolve(stdout)
      })
    })
}

/** Names from `ip netns list` (`name (id: N)` lines). */
export async function listNamespaces(ip: IpRun): Promise<string[]> {
  const out = await ip(['netns', 'list'])
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((name) => name !== '')
}

/** Undefined when usable, else why not. */
export async function netnsUnavailable(ip: IpRun = ipRun(5000)): Promise<string | undefined> {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`
  if (process.getuid?.() !== 0) return 'not root'
  try {
    await listNamespaces(ip)
    return undefined
  } catch (e: unknown) {
    return `ip netns does not work: ${e instanceof Error ? e.message : String(e)}`
  }
}
