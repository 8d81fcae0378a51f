// `eniplane guest-config --eni ID`: reads the ENI, its vSwitch and its instance's image through
// the API and prints the guest OS configuration for it (files and commands, in order).
import { resolveClientConfig } from '../../client/credentials.js'
import { RpcClient } from '../../client/rpc-client.js'
import { isRpcError } from '../../client/rpc-error.js'
import { unreachableMessage } from '../../client/unreachable.js'
import {
  DescribeInterfaceError,
  describeInterface,
  guestConfigRequest,
  instanceIdOf,
  osFamilyOfImage,
} from '../../guest/agent/describe-interface.js'
import type { GuestOs } from '../../guest/render/index.js'
import {
  CLI_GUEST_OS,
  guestOsForFamily,
  renderAsInstallScript,
  renderGuestConfig,
} from '../../guest/render/index.js'
import { HELP_OPTION, parseCommand } from '../parse-command.js'

const HELP = `Usage: eniplane guest-config --eni ID [--os OS] [--revoke IP,…] [--device N]
                             [--region R] [--endpoint URL]

Prints the guest OS configuration that puts the ENI's secondary private IPs on the guest
interface eth<DeviceIndex> (or, with --revoke, takes the listed addresses off it). Each file
comes with its path, its mode and an install command that writes it with that mode; each
script says where to run it. As root, \`eniplane guest-config … | sh\` applies all of it.
  --os       ${CLI_GUEST_OS.join('|')}
             (default: from the attached instance's image, else ip)
  --revoke   comma-separated secondary addresses of the ENI to remove from the guest (run
             it before UnassignPrivateIpAddresses); other addresses are refused
  --device   device index for an ENI that is not attached (eth<N>)
  --region   default cn-hangzhou
Endpoint: --endpoint, else ENIPLANE_ENDPOINT, else http://127.0.0.1:8080.
Credentials: ENIPLANE_ACCESS_KEY_ID / ENIPLANE_ACCESS_KEY_SECRET, else ./.eniplane/credentials.`

type Json = Record<string, unknown>

function first(list: unknown): Json | undefined {
  const [item] = Array.isArray(list) ? (list as unknown[]) : []
  return typeof item === 'object' && item !== null ? (item as Json) : undefined
}

function field(o: Json | undefined, key: string): Json | undefined {
  const v = o?.[key]
  return typeof v === 'object' && v !== null ? (v as Json) : undefined
}

async function readVSwitch(client: RpcClient, regionId: string, vswitchId: string): Promise<Json> {
  try {
    return await client.call('DescribeVSwitchAttributes', {
      RegionId: regionId,
      VSwitchId: vswitchId,
    })
  } catch (e: unknown) {
    // A server without DescribeVSwitchAttributes: the list action has the same fields.
    if (!isRpcError(e) || e.code === 'InvalidVSwitchId.NotFound') throw e
  }
  const list = await client.call('DescribeVSwitches', { RegionId: regionId, VSwitchId: vswitchId })
  const vsw = first(field(list, 'VSwitches')?.['VSwitch'])
  if (vsw === undefined) throw new DescribeInterfaceError(`vSwitch ${vswitchId} not found`)
  return vsw
}

async function imageOs(client: RpcClient, regionId: string, instanceId: string): Promise<GuestOs> {
  const list = await client.call('DescribeInstances', {
    RegionId: regionId,
    InstanceIds: JSON.stringify([instanceId]),
  })
  const imageId = first(field(list, 'Instances')?.['Instance'])?.['ImageId']
  return typeof imageId === 'string' ? guestOsForFamily(osFamilyOfImage(imageId)) : 'ip'
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    {
      args: argv,
      options: {
        ...HELP_OPTION,
        eni: { type: 'string' },
        os: { type: 'string' },
        revoke: { type: 'string' },
        device: { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
      },
    },
    HELP,
  )
  if (typeof parsed === 'number') return parsed
  const { values } = parsed
  const os = values.os
  const device = values.device === undefined ? undefined : Number(values.device.replace(/^eth/, ''))
  if (
    values.eni === undefined ||
    (os !== undefined && !CLI_GUEST_OS.some((o) => o === os)) ||
    (device !== undefined && (!Number.isInteger(device) || device < 0 || device > 99))
  ) {
    console.error(HELP)
    return 2
  }
  const revoked = (values.revoke ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const regionId = values.region ?? 'cn-hangzhou'
  const client = new RpcClient(
    resolveClientConfig(process.env, { endpoint: values.endpoint }, process.cwd()),
  )
  try {
    const eni = await client.call('DescribeNetworkInterfaceAttribute', {
      RegionId: regionId,
      NetworkInterfaceId: values.eni,
    })
    const vswitchId = eni['VSwitchId']
    if (typeof vswitchId !== 'string') throw new DescribeInterfaceError('the ENI has no VSwitchId')
    const vswitch = await readVSwitch(client, regionId, vswitchId)
    const iface = describeInterface({ eni, vswitch, deviceIndex: device })
    const refused = revokeProblem(values.eni, iface.primaryIp, iface.secondaryIps, revoked)
    if (refused !== undefined) {
      console.error(`eniplane guest-config: ${refused}`)
      return 1
    }
    const instanceId = instanceIdOf(eni)
    const target =
      (os as GuestOs | undefined) ??
      (instanceId === undefined ? 'ip' : await imageOs(client, regionId, instanceId))
    const files = renderGuestConfig(target, guestConfigRequest(iface, revoked))
    if (files.length === 0) {
      console.error(`# ${values.eni}: nothing to configure for --os ${target}`)
      return 0
    }
    process.stdout.write(renderAsInstallScript(files))
    return 0
  } catch (e: unknown) {
    if (isRpcError(e)) {
      console.error(`${e.code}: ${e.message} (${e.requestId ?? ''})`)
      return 1
    }
    const unreachable = unreachableMessage(e, client.endpoint)
    if (unreachable !== undefined) {
      console.error(unreachable)
      return 1
    }
    if (e instanceof DescribeInterfaceError || e instanceof RangeError) {
      console.error(`eniplane guest-config: ${e.message}`)
      return 1
    }
    throw e
  }
}

/**
 * Why `--revoke` must not print removals for these addresses, if it must not: removing the
 * primary, or an address this ENI does not hold (another ENI's, a typo), takes down an address
 * that is live. The guest-first order (spec/guest-os.md §15.3 rule 6) revokes while the ENI
 * still holds the address.
 */
export function revokeProblem(
  eniId: string,
  primary: string,
  secondaries: readonly string[],
  revoked: readonly string[],
): string | undefined {
  if (revoked.includes(primary)) {
    return `${primary} is the primary private IP address of ${eniId}; it is never revoked.`
  }
  const held = new Set(secondaries)
  const absent = revoked.filter((ip) => !held.has(ip))
  if (absent.length === 0) return undefined
  const list = secondaries.length === 0 ? 'none' : secondaries.join(', ')
  return (
    `${absent.join(', ')} ${absent.length === 1 ? 'is' : 'are'} not a secondary private IP address of ${eniId} ` +
    `(its secondary addresses: ${list}); refusing to print commands that would remove a live address. ` +
    'Run --revoke before UnassignPrivateIpAddresses, while the ENI still holds the address.'
  )
}
