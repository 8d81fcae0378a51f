export async function run(_argv: string[]): Promise<number> {
  console.error('eniplane guest-config: not available in this build yet')
  return 2
}
