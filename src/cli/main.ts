// The `eniplane` command: dispatches to lazily loaded subcommands (Backstage's lazy CLI).
const COMMANDS: Record<
  string,
  { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }
> = {
  serve: {
    summary: 'run the API server, console and (optionally) the metadata service',
    load: () => import('./commands/serve.js'),
  },
  account: {
    summary: 'manage accounts: account create NAME --db …',
    load: () => import('./commands/account.js'),
  },
  call: {
    summary: 'call an API action: call ACTION --Param value …',
    load: () => import('./commands/call.js'),
  },
  'guest-config': {
    summary: 'render guest OS network configuration for an ENI',
    load: () => import('./commands/guest-config.js'),
  },
  faults: {
    summary: 'manage fault-injection rules: faults add RULE_JSON | list | clear',
    load: () => import('./commands/faults.js'),
  },
  events: {
    summary: 'print events: events [--since 15m] [--action A] [--resource ID]',
    load: () => import('./commands/events.js'),
  },
  agent: {
    summary: 'run the guest agent: reconcile addresses from the metadata service',
    load: () => import('./commands/agent.js'),
  },
}

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)}${c.summary}`)
  return `Usage: eniplane <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'eniplane <command> --help' for a command's options.`
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage())
    return name === undefined ? 1 : 0
  }
  const command = COMMANDS[name]
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`)
    return 2
  }
  return (await command.load()).run(rest)
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.exitCode === undefined) process.exitCode = code
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e))
    process.exitCode = 1
  },
)
