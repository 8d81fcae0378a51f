// An in-memory stand-in for `ip` (links, addresses, rules, numbered-table routes), so the agent's
// I/O shell is tested without root. It answers the agent's commands in iproute2's JSON shapes and
// fails like the kernel does (duplicate address/rule: "File exists").
import type { IpRunner } from '../guest/agent/ip-commands.js'

export interface FakeAddress {
  ip: string
  prefixLength: number
  label: string
}
export interface FakeLink {
  ifname: string
  mac: string
  addresses: FakeAddress[]
  /** global IPv6 addresses */
  addresses6: { ip: string; prefixLength: number }[]
}
export interface FakeLocalRange {
  family: 4 | 6
  dst: string
  dev: string
}
export interface FakeRule {
  priority: number
  from: string
  table: string
}
export interface FakeRoute {
  table: string
  dst: string
  gateway?: string
  dev: string
  prefsrc?: string
}

export class FakeKernel {
  links: FakeLink[] = []
  rules: FakeRule[] = []
  routes: FakeRoute[] = []
  rules6: FakeRule[] = []
  routes6: FakeRoute[] = []
  localRanges: FakeLocalRange[] = []
  readonly log: string[] = []

  link(ifname: string, mac: string, primary: string, prefixLength = 24): this {
    this.links.push({
      ifname,
      mac,
      addresses: [{ ip: primary, prefixLength, label: ifname }],
      addresses6: [],
    })
    return this
  }

  addresses6(ifname: string): string[] {
    return this.links.find((l) => l.ifname === ifname)?.addresses6.map((a) => a.ip) ?? []
  }

  addresses(ifname: string): string[] {
    return this.links.find((l) => l.ifname === ifname)?.addresses.map((a) => a.ip) ?? []
  }

  readonly run: IpRunner = async (argv) => {
    const v6 = argv.includes('-6')
    const args = argv.filter((a) => a !== '-4' && a !== '-6')
    const line = args.join(' ')
    const rules = v6 ? this.rules6 : this.rules
    if (line === '-j addr show') return JSON.stringify(this.#linksJson())
    if (line === '-j rule show') {
      const full = v6 ? '128' : '32'
      return JSON.stringify(
        rules.map((r) => {
          const [src, len] = r.from.split('/')
          return len === full
            ? { priority: r.priority, src, table: r.table }
            : { priority: r.priority, src, srclen: Number(len), table: r.table }
        }),
      )
    }
    if (line === '-j route show table all') return JSON.stringify(v6 ? this.routes6 : this.routes)
    if (line === '-j route show table local type local') {
      const family = v6 ? 6 : 4
      return JSON.stringify(
        this.localRanges
          .filter((r) => r.family === family)
          .map((r) => ({ type: 'local', dst: r.dst, dev: r.dev, table: 'local' })),
      )
    }
    this.log.push(`${v6 ? '-6 ' : ''}${line}`)
    const [object, verb] = args
    const value = (key: string) => args[args.indexOf(key) + 1] ?? ''
    if (object === 'addr' && v6) {
      const [ip = '', prefix = ''] = (args[2] ?? '').split('/')
      const link = this.links.find((l) => l.ifname === value('dev'))
      if (link === undefined) throw new Error('Cannot find device')
      const at = link.addresses6.findIndex((a) => a.ip === ip)
      if (verb === 'add') {
        if (at >= 0) throw new Error('RTNETLINK answers: File exists')
        link.addresses6.push({ ip, prefixLength: Number(prefix) })
      } else {
        if (at < 0) throw new Error('RTNETLINK answers: Cannot assign requested address')
        link.addresses6.splice(at, 1)
      }
      return ''
    }
    if (object === 'route' && args[2] === 'local') {
      const range: FakeLocalRange = { family: v6 ? 6 : 4, dst: args[3] ?? '', dev: value('dev') }
      const same = (r: FakeLocalRange) => r.family === range.family && r.dst === range.dst
      if (verb === 'replace') {
        this.localRanges = [...this.localRanges.filter((r) => !same(r)), range]
      } else {
        if (!this.localRanges.some(same)) throw new Error('RTNETLINK answers: No such process')
        this.localRanges = this.localRanges.filter((r) => !same(r))
      }
      return ''
    }
    if (object === 'addr') {
      const [ip = '', prefix = ''] = (args[2] ?? '').split('/')
      const link = this.links.find((l) => l.ifname === value('dev'))
      if (link === undefined) throw new Error('Cannot find device')
      const at = link.addresses.findIndex((a) => a.ip === ip && String(a.prefixLength) === prefix)
      if (verb === 'add') {
        if (link.addresses.some((a) => a.ip === ip))
          throw new Error('RTNETLINK answers: File exists')
        const label = args.includes('label') ? value('label') : link.ifname
        link.addresses.push({ ip, prefixLength: Number(prefix), label })
      } else {
        if (at < 0) throw new Error('RTNETLINK answers: Cannot assign requested address')
        link.addresses.splice(at, 1)
      }
      return ''
    }
    if (object === 'rule') {
      const rule = {
        priority: Number(value('priority')),
        from: value('from'),
        table: value('lookup'),
      }
      const at = rules.findIndex(
        (r) => r.priority === rule.priority && r.from === rule.from && r.table === rule.table,
      )
      if (verb === 'add') {
        if (at >= 0) throw new Error('RTNETLINK answers: File exists')
        rules.push(rule)
      } else {
        if (at < 0) throw new Error('RTNETLINK answers: No such file or directory')
        rules.splice(at, 1)
      }
      return ''
    }
    if (object === 'route' && verb === 'flush') {
      if (v6) this.routes6 = this.routes6.filter((r) => r.table !== value('table'))
      else this.routes = this.routes.filter((r) => r.table !== value('table'))
      return ''
    }
    if (object === 'route' && verb === 'replace') {
      const route: FakeRoute = { table: value('table'), dst: args[2] ?? '', dev: value('dev') }
      if (args.includes('via')) route.gateway = value('via')
      if (args.includes('src')) route.prefsrc = value('src')
      const keep = (r: FakeRoute) => !(r.table === route.table && r.dst === route.dst)
      if (v6) this.routes6 = [...this.routes6.filter(keep), route]
      else this.routes = [...this.routes.filter(keep), route]
      return ''
    }
    throw new Error(`fake ip: unsupported ${line}`)
  }

  #linksJson() {
    return this.links.map((l, i) => ({
      ifindex: i + 2,
      ifname: l.ifname,
      address: l.mac,
      addr_info: [
        ...l.addresses.map((a) => ({
          family: 'inet',
          local: a.ip,
          prefixlen: a.prefixLength,
          label: a.label,
        })),
        ...l.addresses6.map((a) => ({
          family: 'inet6',
          local: a.ip,
          prefixlen: a.prefixLength,
          scope: 'global',
        })),
      ],
    }))
  }
}
