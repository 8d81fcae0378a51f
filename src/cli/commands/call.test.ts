// The `eniplane` command as a user runs it: `call` against a real server (success JSON; an error
// as `Code: Message (RequestId)` with exit 1), `account create`, and `--help`.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { DEFAULT_SERVER_CONFIG } from '../../config/server-config.js'
import type { RunningServer } from '../../main.js'
import { startServer } from '../../main.js'
import { parseCallArgs } from './call.js'

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'eniplane.js')
const KEY = {
  ENIPLANE_ACCESS_KEY_ID: 'LTAIclitestclitest01',
  ENIPLANE_ACCESS_KEY_SECRET: 'cli-secret',
}

function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (e, stdout, stderr) => resolve({ code: e ? Number(e.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe('parseCallArgs', () => {
  test('numbers repeated flags, keeps indexed ones, reads --endpoint/--version/--method', () => {
    const p = parseCallArgs([
      'AssignPrivateIpAddresses',
      '--PrivateIpAddress',
      '10.0.0.5',
      '--PrivateIpAddress=10.0.0.6',
      '--Tag.1.Key',
      'k',
      '--endpoint',
      'http://127.0.0.1:1',
      '--method',
      'get',
    ])
    assert.equal(p.action, 'AssignPrivateIpAddresses')
    assert.deepEqual(p.params, { PrivateIpAddress: ['10.0.0.5', '10.0.0.6'], 'Tag.1.Key': 'k' })
    assert.equal(p.endpoint, 'http://127.0.0.1:1')
    assert.equal(p.method, 'GET')
  })
})

describe('eniplane CLI', () => {
  let server: RunningServer
  let dir: string
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eniplane-cli-'))
    server = await startServer(
      {
        ...DEFAULT_SERVER_CONFIG,
        db: join(dir, 'cli.db'),
        dataDir: dir,
        port: 0,
        logLevel: 'silent',
      },
      KEY,
      () => undefined,
    )
  })
  after(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test('call prints the JSON response', async () => {
    const r = await cli(['call', 'DescribeZones', '--endpoint', server.url], KEY)
    assert.equal(r.code, 0, r.stderr)
    const body = JSON.parse(r.stdout) as { Zones: { Zone: { ZoneId: string }[] } }
    assert.deepEqual(
      body.Zones.Zone.map((z) => z.ZoneId),
      ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'],
    )
  })

  test('call on an error prints Code: Message (RequestId) and exits 1', async () => {
    const r = await cli(
      ['call', 'DescribeNetworkInterfaceAttribute', '--NetworkInterfaceId', 'eni-bp1nope'],
      { ...KEY, ENIPLANE_ENDPOINT: server.url },
    )
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^InvalidEniId\.NotFound: .+ \([0-9A-F-]{36}\)\n$/)
  })

  test('call with a wrong secret fails with SignatureDoesNotMatch', async () => {
    const r = await cli(['call', 'DescribeRegions', '--endpoint', server.url], {
      ...KEY,
      ENIPLANE_ACCESS_KEY_SECRET: 'wrong',
    })
    assert.equal(r.code, 1)
    assert.match(r.stderr, /^SignatureDoesNotMatch: /)
  })

  test('a misspelled parameter is warned about with the nearest real name', async () => {
    const r = await cli(
      ['call', 'AssignPrivateIpAddresses', '--NetworkInterfaceId', 'eni-bp1nope'].concat([
        '--PrivateIpAdress.1',
        '192.168.1.50',
      ]),
      { ...KEY, ENIPLANE_ENDPOINT: server.url },
    )
    assert.equal(r.code, 1)
    const [warning, error] = r.stderr.split('\n')
    assert.match(
      warning ?? '',
      /^Warning: AssignPrivateIpAddresses takes no parameter "PrivateIpAdress\.1"; .*Did you mean --PrivateIpAddress\.1\?/,
    )
    assert.match(
      error ?? '',
      /^MissingParameter: .*give either PrivateIpAddress\.N .* or SecondaryPrivateIpAddressCount/,
    )
    const clean = await cli(
      ['call', 'DescribeNetworkInterfaces', '--PrivateIpAddress.1', '192.168.1.50'],
      { ...KEY, ENIPLANE_ENDPOINT: server.url },
    )
    assert.equal(clean.code, 0, clean.stderr)
    assert.equal(clean.stderr, '')
  })

  test('call --help ACTION lists its parameters; --help lists the Actions', async () => {
    const one = await cli(['call', '--help', 'AssignPrivateIpAddresses'])
    assert.equal(one.code, 0)
    assert.match(one.stdout, /^ {2}--NetworkInterfaceId +\(required\) /m)
    assert.match(one.stdout, /^ {2}--PrivateIpAddress\.N /m)
    assert.match(one.stdout, /^ {2}--SecondaryPrivateIpAddressCount /m)
    const all = await cli(['call', '--help'])
    for (const action of ['CreateVpc', 'RunInstances', 'AssignPrivateIpAddresses']) {
      assert.match(all.stdout, new RegExp(`^  ${action}$`, 'm'))
    }
    const unknown = await cli(['call', '--help', 'AssignPrivateIps'])
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /^Unknown Action "AssignPrivateIps"/)
  })

  test('a server that is not running: the endpoint and what to do', async () => {
    const r = await cli(['call', 'DescribeVpcs', '--endpoint', 'http://127.0.0.1:59999'], KEY)
    assert.equal(r.code, 1)
    assert.match(
      r.stderr,
      /^Cannot reach the eniplane API at http:\/\/127\.0\.0\.1:59999: nothing is listening there \(ECONNREFUSED\)\. Start the server/,
    )
  })

  test('account create prints a working key pair', async () => {
    const db = join(dir, 'accounts.db')
    const r = await cli(['account', 'create', 'alice', '--db', db])
    assert.equal(r.code, 0, r.stderr)
    const key = JSON.parse(r.stdout) as Record<string, string>
    assert.deepEqual(Object.keys(key).sort(), ['AccessKeyId', 'AccessKeySecret', 'AccountId'])
    const again = await cli(['account', 'create', 'alice', '--db', db])
    assert.equal(again.code, 1)
    assert.match(again.stderr, /^InvalidParameter: /)
  })

  test('--help exits 0 for every command', async () => {
    const commands = [
      ['--help'],
      ['serve', '--help'],
      ['call', '--help'],
      ['account', '--help'],
      ['guest-config', '--help'],
      ['agent', '--help'],
    ]
    for (const args of commands) {
      const r = await cli(args)
      assert.equal(r.code, 0, args.join(' '))
      assert.match(r.stdout, /Usage: eniplane/)
    }
  })
})
