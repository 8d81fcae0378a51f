// Every command's option handling: node's parseArgs, with `--help` printing the command's help
// (exit 0) and a usage error printing the message and the help (exit 2).
import { parseArgs } from 'node:util'
import type { ParseArgsConfig } from 'node:util'

type HelpOption = { help: { type: 'boolean'; short: 'h' } }

export const HELP_OPTION: HelpOption = { help: { type: 'boolean', short: 'h' } }

/** The parsed arguments, or the exit code when the command should stop here. */
export function parseCommand<T extends ParseArgsConfig & { options: HelpOption }>(
  config: T,
  help: string,
): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>
  try {
    parsed = parseArgs(config)
  } catch (e: unknown) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${help}`)
    return 2
  }
  if ((parsed.values as { help?: boolean }).help === true) {
    console.log(help)
    return 0
  }
  return parsed
}
