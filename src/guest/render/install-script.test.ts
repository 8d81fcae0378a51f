import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { renderAsInstallScript } from './install-script.js'

describe('renderAsInstallScript', () => {
  it('gives each file its path, mode and an install command; scripts say where they run', () => {
    const text = renderAsInstallScript([
      { path: '/etc/netplan/60-eni.yaml', content: 'a: $HOME\n', mode: 'file', fileMode: 0o600 },
      { path: '/etc/network/interfaces.d/60-eni-eth0', content: 'auto eth0:0\n', mode: 'file' },
      { path: 'apply.sh', content: 'netplan apply\n', mode: 'commands' },
      { path: 'apply.ps1', content: 'New-NetIPAddress\n', mode: 'commands' },
    ])
    assert.equal(
      text,
      [
        '# /etc/netplan/60-eni.yaml (mode 0600)',
        "install -D -m 0600 /dev/stdin '/etc/netplan/60-eni.yaml' <<'ENIPLANE_EOF'",
        'a: $HOME',
        'ENIPLANE_EOF',
        '',
        '# /etc/network/interfaces.d/60-eni-eth0 (mode 0644)',
        "install -D -m 0644 /dev/stdin '/etc/network/interfaces.d/60-eni-eth0' <<'ENIPLANE_EOF'",
        'auto eth0:0',
        'ENIPLANE_EOF',
        '',
        '# apply.sh: run as root after the files above',
        'netplan apply',
        '',
        '# apply.ps1: run in PowerShell as Administrator',
        'New-NetIPAddress',
        '',
      ].join('\n'),
    )
  })

  it('run by sh, writes the content unexpanded with the mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eniplane-install-'))
    try {
      const path = join(dir, 'etc', "it's.yaml")
      const content = "network:\n  x: $HOME `id` 'q'\n"
      const script = renderAsInstallScript([{ path, content, mode: 'file', fileMode: 0o600 }])
      execFileSync('sh', ['-c', script])
      assert.equal(readFileSync(path, 'utf8'), content)
      assert.equal(statSync(path).mode & 0o777, 0o600)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
