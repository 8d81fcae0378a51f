// `eniplane guest-config` end to end: a real in-process server (SQLite in memory, signatures
// verified), a world built through the API, the real CLI spawned against it. Also the metadata
// listener that startServer runs when metadataPort is set.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { RunningServer } from '../../main.js'
import { GuestWorld, clientEnv, startGuestServer } from '../../../test/e2e/support/guest-world.js'

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'eniplane.js')

function cli(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 30_000 }, (e, stdout, stderr) => {
      const code = e === null ? 0 : typeof e.code === 'number' ? e.code : -1
      resolve({ code, stdout, stderr })
    })
  })
}

describe('eniplane guest-config (real server, real CLI)', () => {
  let server: RunningServer
  let env: NodeJS.ProcessEnv
  let primaryEni: string
  let secondaryEni: string
  let mac0: string
  let mac1: string

  before(async () => {
    server = await startGuestServer({ metadataPort: 0, metadataTrustHeader: true })
    env = clientEnv(server.url)
    const world = GuestWorld.at(server.url)
    const net = await world.network('192.168.0.0/16', '192.168.0.0/24')
    const instanceId = await world.runInstance(net, undefined, '192.168.0.10')
    primaryEni = await world.primaryEniOf(instanceId)
    await world.assign(primaryEni, ['192.168.0.11', '192.168.0.12'])
    secondaryEni = await world.createEni(net, '192.168.0.20')
    await world.assign(secondaryEni, ['192.168.0.21'])
    mac0 = (await world.eni(primaryEni)).mac
    mac1 = (await world.attach(secondaryEni, instanceId)).mac
  })
  after(async () => server.close())

  it('--os ip prints the runtime commands for eth0', async () => {
    const r = await cli(['guest-config', '--eni', primaryEni, '--os', 'ip'], env)
    assert.equal(r.code, 0, r.stderr)
    assert.equal(
      r.stdout,
      '# apply.sh: run as root after the files above\n' +
        'ip -4 addr add 192.168.0.11/24 brd + dev eth0 label eth0:0\n' +
        'ip -4 addr add 192.168.0.12/24 brd + dev eth0 label eth0:1\n',
    )
  })

  it('the default target follows the image (Ubuntu → netplan)', async () => {
    const r = await cli(['guest-config', '--eni', primaryEni, '--endpoint', server.url], env)
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /^# \/etc\/netplan\/.*eth0.*\.yaml \(mode 0600\)$/m)
    assert.match(
      r.stdout,
      /^install -D -m 0600 \/dev\/stdin '\/etc\/netplan\/.*eth0.*\.yaml' <<'ENIPLANE_EOF'$/m,
    )
    assert.match(r.stdout, /- 192\.168\.0\.11\/24/)
  })

  it('a secondary ENI gets eth1 and policy routing in table 1001', async () => {
    const r = await cli(['guest-config', '--eni', secondaryEni, '--os', 'ip'], env)
    assert.equal(r.code, 0, r.stderr)
    assert.match(r.stdout, /ip -4 route replace default via 192\.168\.0\.253 dev eth1 table 1001/)
    assert.match(r.stdout, /ip -4 rule add from 192\.168\.0\.21\/32 lookup 1001 priority 20001/)
  })

  it('--revoke renders the removal', async () => {
    const r = await cli(
      ['guest-config', '--eni', primaryEni, '--os', 'ip', '--revoke', '192.168.0.12'],
      env,
    )
    assert.equal(r.code, 0, r.stderr)
    assert.equal(
      r.stdout,
      '# revoke.sh: run as root after the files above\nip -4 addr del 192.168.0.12/24 dev eth0\n',
    )
  })

  it('--revoke refuses the primary and addresses the ENI does not hold', async () => {
    for (const [ip, says] of [
      ['192.168.0.10', /192\.168\.0\.10 is the primary private IP address of eni-/],
      [
        '192.168.0.21',
        /192\.168\.0\.21 is not a secondary private IP address of eni-.*192\.168\.0\.11, 192\.168\.0\.12/,
      ],
    ] as const) {
      const r = await cli(['guest-config', '--eni', primaryEni, '--os', 'ip', '--revoke', ip], env)
      assert.equal(r.code, 1)
      assert.equal(r.stdout, '')
      assert.match(r.stderr, says)
    }
  })

  it('an unknown ENI exits 1 with the API code; bad usage exits 2', async () => {
    const missing = await cli(['guest-config', '--eni', 'eni-doesnotexist', '--os', 'ip'], env)
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /^InvalidEniId\.NotFound: /)
    assert.equal((await cli(['guest-config', '--eni', primaryEni, '--os', 'beos'], env)).code, 2)
    assert.equal((await cli(['guest-config'], env)).code, 2)
  })

  it('the metadata listener serves the same ENIs', async () => {
    assert.ok(server.metadataUrl)
    const headers = { 'X-Eniplane-Instance-Ip': '192.168.0.10' }
    const get = async (path: string) => {
      const res = await fetch(`${server.metadataUrl}/latest/meta-data/${path}`, { headers })
      return { status: res.status, body: await res.text() }
    }
    assert.deepEqual(await get('network/interfaces/macs/'), {
      status: 200,
      body: [mac0, mac1]
        .map((m) => `${m.toLowerCase()}/`)
        .sort()
        .join('\n'),
    })
    assert.deepEqual(await get(`network/interfaces/macs/${mac0}/private-ipv4s`), {
      status: 200,
      body: '["192.168.0.10","192.168.0.11","192.168.0.12"]',
    })
    assert.equal((await get(`network/interfaces/macs/${mac1}/gateway`)).body, '192.168.0.253')
    assert.equal((await get('private-ipv4')).body, '192.168.0.10')
  })
})
