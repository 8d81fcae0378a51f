// Planned actions as iproute2 argv (no shell), in the forms of spec/guest-os.md §4 and §13, and
// the runner that executes them. The runner is injected so tests need no root.
import { execFile } from 'node:child_process'
import type { Action } from './plan-changes.js'

/** Runs `ip` with these arguments; resolves with stdout, rejects on a non-zero exit. */
export type IpRunner = (args: readonly string[]) => Promise<string>

export function execIpRunner(binary = 'ip', timeoutMs = 10_000): IpRunner {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile(
        binary,
        [...args],
        { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
        (e, out, err) => {
          if (e) reject(new Error(`ip ${args.join(' ')}: ${err.trim() || e.message}`, { cause: e }))
          else resolve(out)
        },
      )
    })
}

export function ipArgs(action: Action): string[] {
  const fam = 'family' in action && action.family === 6 ? '-6' : '-4'
  switch (action.kind) {
    case 'addr-add':
      return [
        '-4',
        'addr',
        'add',
        `${action.ip}/${action.prefixLength}`,
        'brd',
        '+',
        'dev',
        action.ifname,
        ...(action.label === undefined ? [] : ['label', action.label]),
      ]
    case 'addr-del':
      return ['-4', 'addr', 'del', `${action.ip}/${action.prefixLength}`, 'dev', action.ifname]
    case 'addr6-add':
      return ['-6', 'addr', 'add', `${action.ip}/64`, 'dev', action.ifname, 'nodad']
    case 'addr6-del':
      return ['-6', 'addr', 'del', `${action.ip}/${action.prefixLength}`, 'dev', action.ifname]
    case 'prefix-add':
    case 'prefix-del':
      return [
        `-${action.family}`,
        'route',
        action.kind === 'prefix-add' ? 'replace' : 'del',
        'local',
        action.cidr,
        'dev',
        action.ifname,
      ]
    case 'route-replace':
      return [
        fam,
        'route',
        'replace',
        action.dst,
        ...(action.gateway === undefined ? [] : ['via', action.gateway]),
        'dev',
        action.ifname,
        ...(action.src === undefined ? [] : ['src', action.src]),
        'table',
        String(action.table),
      ]
    case 'table-flush':
      return [fam, 'route', 'flush', 'table', String(action.table)]
    case 'rule-add':
    case 'rule-del':
      return [
        fam,
        'rule',
        action.kind === 'rule-add' ? 'add' : 'del',
        'from',
        action.from,
        'lookup',
        String(action.table),
        'priority',
        String(action.priority),
      ]
  }
}

/** One log line per change. */
export function describeAction(action: Action): string {
  return `${action.eniId}: ip ${ipArgs(action).join(' ')}`
}
