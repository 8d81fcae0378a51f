// `eniplane guest-config` output that is safe to copy: every configuration file comes with its
// path, its mode and an `install` command that writes it with that mode (a here-document with a
// quoted delimiter, so nothing in it is expanded); command scripts say where to run them. Fed to
// `sudo sh`, the whole text installs the files and then runs the commands, in order. Pure.
import type { RenderedFile } from './interface-description.js'

/** Files without a stricter mode are world-readable configuration, as the OS installs them. */
const DEFAULT_FILE_MODE = 0o644
const DELIMITER = 'ENIPLANE_EOF'

export function modeText(file: RenderedFile): string {
  return `0${(file.fileMode ?? DEFAULT_FILE_MODE).toString(8)}`
}

/** POSIX single-quoting. */
function quote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`
}

function runsIn(path: string): string {
  if (path.endsWith('.ps1')) return 'run in PowerShell as Administrator'
  if (path.endsWith('.cmd') || path.endsWith('.bat')) return 'run in cmd.exe as Administrator'
  return 'run as root after the files above'
}

export function renderAsInstallScript(files: readonly RenderedFile[]): string {
  return files
    .map((file) => {
      if (file.mode === 'commands') return `# ${file.path}: ${runsIn(file.path)}\n${file.content}`
      const mode = modeText(file)
      if (!file.path.startsWith('/')) {
        return `# ${file.path} (mode ${mode}): write this file with this content\n${file.content}`
      }
      const body = file.content.endsWith('\n') ? file.content : `${file.content}\n`
      return (
        `# ${file.path} (mode ${mode})\n` +
        `install -D -m ${mode} /dev/stdin ${quote(file.path)} <<'${DELIMITER}'\n` +
        `${body}${DELIMITER}\n`
      )
    })
    .join('\n')
}
