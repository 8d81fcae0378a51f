// Target `nmcli`: modify the device's active NetworkManager profile, whatever its storage
// (ifcfg or keyfile), then `nmcli device reapply` (spec §7, §13). No file is written. IPv6
// addresses join `ipv6.addresses` (method auto, next to RA), prefixes are `type=local` routes.
import type { RenderRequest, RenderedFile } from './interface-description.js'
import { commandScript } from './interface-description.js'
import type { PolicyRouting, RenderPlan } from './render-plan.js'
import { planRender } from './render-plan.js'
import { IPV6_ADDRESS_PREFIX_LENGTH } from './extras-plan.js'
import { dadKey, dadSysctlLoad } from './ipv6-dad.js'

/** `from` is `a.b.c.d/32`, `x::y/128` or a prefix. */
function ruleValue(from: string, policy: PolicyRouting): string {
  return `priority ${policy.priority} from ${from} table ${policy.table}`
}

/** The `nmcli connection modify` arguments that add the ENI's configuration. */
function addArgs(plan: RenderPlan): string[] {
  const policy = plan.policy
  const v4Prefixes = plan.prefixes.keep.filter((p) => p.family === 4)
  const v6Prefixes = plan.prefixes.keep.filter((p) => p.family === 6)
  const list = (items: readonly string[]) => `"${items.join(', ')}"`
  const args: string[] = []
  if (policy) args.push('ipv4.never-default yes')
  if (plan.keep.length > 0) {
    args.push(`+ipv4.addresses "${plan.keep.map((a) => `${a.ip}/${plan.prefixLength}`).join(',')}"`)
  }
  const routes4 = [
    ...(policy
      ? [
          `0.0.0.0/0 ${plan.gateway} table=${policy.table}`,
          `${plan.vswitchCidr} table=${policy.table}`,
        ]
      : []),
    ...v4Prefixes.map((p) => `${p.cidr} type=local`),
  ]
  if (routes4.length > 0) args.push(`+ipv4.routes ${list(routes4)}`)
  if (policy) {
    const from = [`${plan.primaryIp}/32`, ...plan.keep.map((a) => `${a.ip}/32`)]
    args.push(
      `+ipv4.routing-rules ${list([...from, ...v4Prefixes.map((p) => p.cidr)].map((f) => ruleValue(f, policy)))}`,
    )
  }
  const v6 = plan.ipv6
  if (v6.keep.length === 0 && v6Prefixes.length === 0) return args
  args.push('ipv6.method auto')
  if (policy) args.push('ipv6.never-default yes')
  if (v6.keep.length > 0) {
    args.push(
      `+ipv6.addresses "${v6.keep.map((ip) => `${ip}/${IPV6_ADDRESS_PREFIX_LENGTH}`).join(',')}"`,
    )
  }
  const routes6 = [
    ...(policy && v6.cidr !== undefined && v6.gateway !== undefined
      ? [`::/0 ${v6.gateway} table=${policy.table}`, `${v6.cidr} table=${policy.table}`]
      : []),
    ...v6Prefixes.map((p) => `${p.cidr} type=local`),
  ]
  if (routes6.length > 0) args.push(`+ipv6.routes ${list(routes6)}`)
  if (policy) {
    const from = [...v6.keep.map((ip) => `${ip}/128`), ...v6Prefixes.map((p) => p.cidr)]
    args.push(`+ipv6.routing-rules ${list(from.map((f) => ruleValue(f, policy)))}`)
  }
  return args
}

/** One modify, continued over lines with `\` when it has several arguments. */
function modify(con: string, args: readonly string[]): string[] {
  const head = `nmcli connection modify "$${con}"`
  if (args.length <= 1) return args.map((arg) => `${head} ${arg}`)
  return args.map((arg, i) => {
    const line = i === 0 ? `${head} ${arg}` : `  ${arg}`
    return i === args.length - 1 ? line : `${line} \\`
  })
}

/** One modify per address or prefix, so older nmcli (single value per `-prop`) works too. */
function revokeLines(plan: RenderPlan, con: string): string[] {
  const policy = plan.policy
  const rule = (family: 4 | 6, from: string) =>
    policy ? ` -ipv${family}.routing-rules "${ruleValue(from, policy)}"` : ''
  const head = `nmcli connection modify "$${con}"`
  return [
    ...plan.revoke.map(
      (a) => `${head} -ipv4.addresses "${a.ip}/${plan.prefixLength}"${rule(4, `${a.ip}/32`)}`,
    ),
    ...plan.ipv6.revoke.map(
      (ip) =>
        `${head} -ipv6.addresses "${ip}/${IPV6_ADDRESS_PREFIX_LENGTH}"${rule(6, `${ip}/128`)}`,
    ),
    ...plan.prefixes.revoke.map(
      (p) => `${head} -ipv${p.family}.routes "${p.cidr} type=local"${rule(p.family, p.cidr)}`,
    ),
  ]
}

export function renderNmcli(req: RenderRequest): RenderedFile[] {
  const plan = planRender(req)
  // `CON` for the primary ENI, `CON1` for eth1 … as in the spec's examples.
  const con = plan.deviceIndex === 0 ? 'CON' : `CON${plan.deviceIndex}`
  const changes = plan.mode === 'add' ? modify(con, addArgs(plan)) : revokeLines(plan, con)
  if (changes.length === 0) return []
  // nmcli writes no file: DAD is switched off for the running kernel only.
  const dad = dadSysctlLoad(plan).length === 0 ? [] : [`sysctl -q -w ${dadKey(plan)}=0`]
  return [
    commandScript(plan.mode, 'sh', [
      ...(plan.mode === 'add' ? dad : []),
      `${con}=$(nmcli -g GENERAL.CONNECTION device show ${plan.device})`,
      ...changes,
      `nmcli device reapply ${plan.device}`,
    ]),
  ]
}
