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
  readonly log: string[] = []

  link(ifname: string, mac: string, primary: string, prefixLength = 24): this {
    this.links.push({ ifname, mac, addresses: [{ ip: primary, prefixLength, label: ifname }] })
    return this
  }

  addresses(ifname: string): string[] {
    return this.links.find((l) => l.ifname === ifname)?.addresses.map((a) => a.ip) ?? []
  }

  readonly run: IpRunner = async (argv) => {
    const args = argv.filter((a) => a !== '-4')
    const line = args.join(' ')
    if (line === '-j addr show') return JSON.stringify(this.#linksJson())
    if (line === '-j rule show') {
      return JSON.stringify(
        this.rules.map((r) => {
          const [src, len] = r.from.split('/')
          return len === '32'
            ? { priority: r.priority, src, table: r.table }
            : { priority: r.priority, src, srclen: Number(len), table: r.table }
        }),
      )
    }
    if (line === '-j route show table all') return JSON.stringify(this.routes)
    this.log.push(line)
    const [object, verb] = args
    const value = (key: string) => args[args.indexOf(key) + 1] ?? ''
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
      const at = this.rules.findIndex(
        (r) => r.priority === rule.priority && r.from === rule.from && r.table === rule.table,
      )
      if (verb === 'add') {
        if (at >= 0) throw new Error('RTNETLINK answers: File exists')
        this.rules.push(rule)
      } else {
        if (at < 0) throw new Error('RTNETLINK answers: No such file or directory')
        this.rules.splice(at, 1)
      }
      return ''
    }
    if (object === 'route' && verb === 'flush') {
      this.routes = this.routes.filter((r) => r.table !== value('table'))
      return ''
    }
    if (object === 'route' && verb === 'replace') {
      const route: FakeRoute = { table: value('table'), dst: args[2] ?? '', dev: value('dev') }
      if (args.includes('via')) route.gateway = value('via')
      if (args.includes('src')) route.prefsrc = value('src')
      this.routes = this.routes.filter((r) => !(r.table === route.table && r.dst === route.dst))
      this.routes.push(route)
      return ''
    }
    throw new Error(`fake ip: unsupported ${line}`)
  }

  #linksJson() {
    return this.links.map((l, i) => ({
      ifindex: i + 2,
      ifname: l.ifname,
      address: l.mac,
      addr_info: l.addresses.map((a) => ({
        family: 'inet',
        local: a.ip,
        prefixlen: a.prefixLength,
        label: a.label,
      })),
    }))
  }
}
