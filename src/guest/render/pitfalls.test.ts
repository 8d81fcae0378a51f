// Focused assertions for the pitfalls of spec/guest-os.md §16, over every golden case and target.
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { RenderRequest, RenderedFile } from './interface-description.js'
import type { GuestOs } from './render.js'
import { GUEST_OS_TARGETS, renderGuestConfig } from './render.js'

const TESTDATA = fileURLToPath(new URL('./testdata/', import.meta.url))
const CASES = readdirSync(TESTDATA, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => ({
    name: entry.name,
    req: JSON.parse(
      readFileSync(join(TESTDATA, entry.name, 'input.json'), 'utf8'),
    ) as RenderRequest,
  }))

function outputs(os: GuestOs): { name: string; req: RenderRequest; files: RenderedFile[] }[] {
  return CASES.map(({ name, req }) => ({ name, req, files: renderGuestConfig(os, req) }))
}

const LINUX: GuestOs[] = GUEST_OS_TARGETS.map((t) => t.os).filter(
  (os) => os !== 'windows' && os !== 'netsh',
)

describe('pitfalls', () => {
  it('P1: no GATEWAY in RHEL alias files', () => {
    let aliases = 0
    for (const { files } of outputs('rhel')) {
      for (const file of files.filter((f) => /ifcfg-[^/]*:\d+$/.test(f.path))) {
        aliases++
        assert.doesNotMatch(file.content, /GATEWAY/, file.path)
      }
    }
    assert.ok(aliases > 10)
  })

  it('P2: no gateway line in ifupdown stanzas', () => {
    for (const { files } of outputs('debian')) {
      for (const file of files) assert.doesNotMatch(file.content, /^\s*gateway\b/m, file.path)
    }
  })

  it('P8: IPADDRn/PREFIXn numbered 1..n without gaps', () => {
    for (const { name, files } of outputs('rhel-ipaddrn')) {
      const ifcfg = files.find((f) => /\/ifcfg-[^/:]+$/.test(f.path))
      assert.ok(ifcfg, name)
      const indexes = [...ifcfg.content.matchAll(/^IPADDR(\d+)=/gm)].map((m) => Number(m[1]))
      assert.deepEqual(
        indexes,
        indexes.map((_, i) => i + 1),
        name,
      )
      const prefixes = [...ifcfg.content.matchAll(/^PREFIX(\d+)=/gm)].map((m) => Number(m[1]))
      assert.deepEqual(prefixes, indexes, name)
      assert.doesNotMatch(ifcfg.content, /^(NETMASK|GATEWAY)\d+=/m, name)
    }
  })

  it('P9: SLES carries the prefix length in IPADDR_N, never a NETMASK_N', () => {
    for (const { name, files } of outputs('sles')) {
      const ifcfg = files.find((f) => /\/ifcfg-[^/]+$/.test(f.path))
      assert.ok(ifcfg, name)
      assert.doesNotMatch(ifcfg.content, /NETMASK/, name)
      for (const m of ifcfg.content.matchAll(/^IPADDR_(\d+)='([^']*)'$/gm)) {
        assert.match(m[2] ?? '', /^\d+\.\d+\.\d+\.\d+\/\d{1,2}$/, name)
      }
    }
  })

  it('P10: ifcfg files are KEY=value with no spaces around =', () => {
    for (const os of ['rhel', 'rhel-ipaddrn', 'sles'] as const) {
      for (const { files } of outputs(os)) {
        for (const file of files.filter((f) => f.path.includes('/ifcfg-'))) {
          for (const line of file.content.trimEnd().split('\n')) {
            assert.match(line, /^[A-Z][A-Z0-9_]*=\S*$/, `${file.path}: ${line}`)
          }
        }
      }
    }
  })

  it('P11: every label is <dev>:<digits> and at most 15 characters', () => {
    const patterns = [
      / label (\S+)/g,
      /^Label=(\S+)$/gm,
      /^DEVICE=(\S+)$/gm,
      /^(?:auto|iface) (\S+)/gm,
    ]
    let seen = 0
    for (const os of LINUX) {
      for (const { req, files } of outputs(os)) {
        const dev = req.iface.deviceName
        for (const file of files) {
          for (const pattern of patterns) {
            for (const m of file.content.matchAll(pattern)) {
              const label = m[1] ?? ''
              if (label === dev) continue
              seen++
              assert.ok(label.length <= 15, `${os}: ${label}`)
              assert.ok(label.startsWith(`${dev}:`) && /^\d+$/.test(label.slice(dev.length + 1)))
            }
          }
          for (const m of file.content.matchAll(/^LABEL_\d+='(\d+)'$/gm)) {
            assert.ok(`${dev}:${m[1]}`.length <= 15, `${os}: LABEL ${m[1]}`)
          }
        }
      }
    }
    assert.ok(seen > 50)
  })

  it('P11: a 15-character device name gets no label anywhere', () => {
    const req = CASES.find((c) => c.name === 'long-ifname-29')?.req
    assert.ok(req)
    for (const os of LINUX) {
      const all = renderGuestConfig(os, req)
        .map((f) => f.path + '\n' + f.content)
        .join('\n')
      assert.doesNotMatch(all, /enx001122334455:\d|\blabel\b|Label=|LABEL_/, os)
    }
  })

  it('P3/P4: a secondary ENI never gets a default route in the main table', () => {
    for (const os of LINUX) {
      for (const { name, req, files } of outputs(os)) {
        if (req.iface.deviceIndex === 0) continue
        const all = files.map((f) => f.content).join('\n')
        // Every default route the renderer writes names a table.
        const lines = all.split('\n')
        for (const [n, line] of lines.entries()) {
          if (!/(?<!never-)\bdefault\b|0\.0\.0\.0\/0/.test(line) || line.includes('rule')) continue
          // The table is on the line itself, within its YAML item, or in routeN_options.
          const keyfileRoute = /^route(\d+)=/.exec(line)
          const where = keyfileRoute ? all : lines.slice(n, n + 3).join('\n')
          const table = keyfileRoute ? `route${keyfileRoute[1]}_options=table=` : /table[ =:] ?\d+/i
          assert.match(where, new RegExp(table), `${os}/${name}: ${line}`)
        }
        assert.doesNotMatch(all, /^GATEWAY=|^\s*gateway |^gateway=|^Gateway=.*\n(?!Table=)/m)
        // Netplan/networkd routes all carry a table; DHCP's own default is suppressed or demoted.
        assert.doesNotMatch(all, /-DefaultGateway|gateway4/)
        if (req.mode === 'add') {
          assert.match(
            all,
            /DEFROUTE=no|ipv4\.never-default yes|never-default=true|DHCLIENT_SET_DEFAULT_ROUTE='no'|route-metric: [2-9]\d\d|RouteMetric=[2-9]\d\d|metric [2-9]\d\d|^ip -4 route replace default via .* table/m,
            `${os}/${name}`,
          )
        }
      }
    }
  })

  it('P4: every address of a secondary ENI has its `from <ip>/32` rule', () => {
    for (const os of LINUX) {
      for (const { name, req, files } of outputs(os)) {
        if (req.iface.deviceIndex === 0 || req.mode !== 'add') continue
        const all = files.map((f) => f.content).join('\n')
        for (const ip of [req.iface.primaryIp, ...req.iface.secondaryIps]) {
          assert.match(
            all,
            new RegExp(`from:? ${ip.replace(/\./g, '\\.')}\\b|From=${ip}/32`),
            `${os}/${name} ${ip}`,
          )
        }
      }
    }
  })

  it('P6: no policy rule for the primary ENI', () => {
    for (const os of LINUX) {
      for (const { req, files } of outputs(os)) {
        if (req.iface.deviceIndex !== 0) continue
        const all = files.map((f) => f.content).join('\n')
        assert.doesNotMatch(all, /\brule\b|routing-policy|RoutingPolicyRule|table/, os)
      }
    }
  })

  it('P20/P21: Windows secondaries are SkipAsSource and never carry a gateway', () => {
    for (const { name, req, files } of outputs('windows')) {
      const lines = files.flatMap((f) => f.content.split('\n'))
      const secondaries = lines.filter(
        (l) => /^New-NetIPAddress\b/.test(l) && !l.includes('-AddressFamily IPv6'),
      )
      assert.equal(secondaries.length, req.mode === 'add' ? req.iface.secondaryIps.length : 0, name)
      for (const line of secondaries) {
        assert.match(line, / -SkipAsSource \$true$/, name)
        assert.doesNotMatch(line, /DefaultGateway/, name)
      }
    }
    for (const { name, files } of outputs('netsh')) {
      for (const line of files.flatMap((f) => f.content.split('\n'))) {
        if (line.includes(' ipv4 add address ')) {
          assert.match(line, / skipassource=true$/, name)
          assert.doesNotMatch(line, /gateway=/, name)
        }
      }
    }
  })

  it('P12/P18: files land under their loader with a loaded name, never cloud-init’s', () => {
    for (const { os } of GUEST_OS_TARGETS) {
      for (const { files } of outputs(os)) {
        for (const file of files) {
          if (file.mode === 'commands') {
            assert.match(file.path, /^(apply|revoke)\.(sh|ps1|cmd)$/)
            continue
          }
          assert.ok(file.path.startsWith('/etc/'), file.path)
          assert.doesNotMatch(file.path, /50-cloud-init|~$|\.(bak|old|orig|rpmnew|rpmsave)$/)
          if (file.path.startsWith('/etc/network/interfaces.d/')) {
            assert.match(file.path.slice('/etc/network/interfaces.d/'.length), /^[A-Za-z0-9_-]+$/)
          }
          if (file.path.startsWith('/etc/netplan/') || file.path.includes('NetworkManager')) {
            assert.equal(file.fileMode, 0o600, file.path)
          }
        }
      }
    }
  })

  it('P24: never restarts the network service nor takes the parent down', () => {
    for (const { os } of GUEST_OS_TARGETS) {
      for (const { req, files } of outputs(os)) {
        const all = files.map((f) => f.content).join('\n')
        assert.doesNotMatch(all, /restart|ifreload|connection up|ifdown \S+$(?<!:\d+)/m, os)
        assert.doesNotMatch(all, new RegExp(`ifdown ${req.iface.deviceName}\\b(?!:)`), os)
      }
    }
  })

  it('revoke removes exactly the revoked addresses and never the primary', () => {
    for (const { os } of GUEST_OS_TARGETS) {
      for (const { name, req, files } of outputs(os)) {
        const all = files.map((f) => f.content).join('\n')
        const primary = req.iface.primaryIp.replace(/\./g, '\\.')
        const removal = `(addr del|delete address .*address=|Remove-NetIPAddress .*|-ipv4\\.addresses ")${primary}\\b`
        assert.doesNotMatch(all, new RegExp(removal), name)
        if (req.mode !== 'revoke') continue
        for (const ip of req.revoked ?? []) {
          const kept = files.filter((f) => f.mode === 'file').map((f) => f.content)
          assert.ok(
            !kept.some((c) => new RegExp(`\\b${ip.replace(/\./g, '\\.')}\\b`).test(c)),
            `${os}/${name} ${ip}`,
          )
        }
      }
    }
  })
})
