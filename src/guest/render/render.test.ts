// Golden tests: every case directory in testdata/ holds input.json (a RenderRequest plus an
// optional _comment) and one <os>.txt per target with the renderAsText output. The goldens were
// checked by eye against spec/guest-os.md; spec-examples.test.ts pins the spec's own text.
// UPDATE_GOLDEN=1 rewrites them (review the diff before committing).
import assert from 'node:assert/strict'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { RenderRequest } from './interface-description.js'
import {
  CLI_GUEST_OS,
  GUEST_OS_TARGETS,
  guestOsForFamily,
  isGuestOs,
  renderAsText,
  renderGuestConfig,
} from './render.js'

const TESTDATA = fileURLToPath(new URL('./testdata/', import.meta.url))
const UPDATE = process.env['UPDATE_GOLDEN'] === '1'

function readCase(name: string): RenderRequest {
  return JSON.parse(readFileSync(join(TESTDATA, name, 'input.json'), 'utf8')) as RenderRequest
}

const cases = readdirSync(TESTDATA, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

describe('guest render goldens', () => {
  it('has the cases the brief asks for', () => {
    for (const name of ['worked-example-primary', 'secondary-eni', 'revoke-primary']) {
      assert.ok(cases.includes(name), name)
    }
  })

  for (const name of cases) {
    describe(name, () => {
      const req = readCase(name)
      for (const { os } of GUEST_OS_TARGETS) {
        it(os, () => {
          const actual = renderAsText(renderGuestConfig(os, req))
          const golden = join(TESTDATA, name, `${os}.txt`)
          if (UPDATE) writeFileSync(golden, actual)
          assert.ok(existsSync(golden), `missing golden ${golden} (run with UPDATE_GOLDEN=1)`)
          assert.equal(actual, readFileSync(golden, 'utf8'))
        })
      }
      it('is deterministic', () => {
        for (const { os } of GUEST_OS_TARGETS) {
          assert.deepEqual(renderGuestConfig(os, req), renderGuestConfig(os, readCase(name)))
        }
      })
    })
  }
})

describe('render API', () => {
  const eth0 = readCase('worked-example-primary')

  it('CLI targets are GuestOs values with descriptions, in the documented order', () => {
    assert.deepEqual(CLI_GUEST_OS, [
      'rhel',
      'rhel-nm',
      'debian',
      'sles',
      'netplan',
      'networkd',
      'windows',
      'ip',
    ])
    assert.deepEqual(
      GUEST_OS_TARGETS.slice(0, CLI_GUEST_OS.length).map((t) => t.os),
      CLI_GUEST_OS,
    )
    for (const target of GUEST_OS_TARGETS) {
      assert.ok(isGuestOs(target.os))
      assert.ok(target.description.length > 0 && !target.description.includes('\n'))
    }
    assert.equal(isGuestOs('centos'), false)
    assert.equal(isGuestOs('toString'), false)
  })

  it('maps image OS families to targets', () => {
    const expected = {
      aliyun: 'rhel-nm',
      centos: 'rhel',
      ubuntu: 'netplan',
      debian: 'netplan',
      sles: 'sles',
      windows: 'windows',
      ' Ubuntu ': 'netplan',
      freebsd: 'ip',
      constructor: 'ip',
    }
    for (const [family, os] of Object.entries(expected)) assert.equal(guestOsForFamily(family), os)
  })

  it('renderAsText prints a # <path> header per entry, blank line between', () => {
    const text = renderAsText([
      { path: '/etc/a', content: 'A=1\n', mode: 'file' },
      { path: 'apply.sh', content: 'true\n', mode: 'commands' },
    ])
    assert.equal(text, '# /etc/a\nA=1\n\n# apply.sh\ntrue\n')
    assert.equal(renderAsText([]), '')
  })

  it('an add with no secondary on the primary ENI renders nothing for add-only targets', () => {
    const empty: RenderRequest = { ...eth0, iface: { ...eth0.iface, secondaryIps: [] } }
    for (const os of [
      'rhel',
      'debian',
      'netplan',
      'networkd',
      'ip',
      'nmcli',
      'windows',
      'netsh',
    ] as const) {
      assert.deepEqual(renderGuestConfig(os, empty), [], os)
    }
  })

  it('revoking the last address deletes the drop-in instead of writing an empty one', () => {
    const last: RenderRequest = {
      iface: { ...eth0.iface, secondaryIps: ['192.168.0.11'] },
      mode: 'revoke',
      revoked: ['192.168.0.11'],
    }
    for (const os of ['netplan', 'networkd', 'debian'] as const) {
      const out = renderGuestConfig(os, last)
      assert.equal(out.length, 1, os)
      assert.equal(out[0]?.mode, 'commands', os)
      assert.match(out[0]?.content ?? '', /^rm -f \/etc\//m, os)
    }
  })
})
