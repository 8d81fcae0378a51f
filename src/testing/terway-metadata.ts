// The Terway daemon's reads of the instance metadata service (spec/extensions.md §8.2 step 1,
// guest-os.md §1.1): `instance-id`, `instance/instance-type`, the region, zone, VPC and vSwitch,
// the MAC list and per MAC its ENI id, IPv4 and IPv6 addresses.
/** The daemon's reads of the instance metadata service (token flow, as current Terway does). */
export class TerwayMetadata {
  private token: string | undefined

  constructor(
    private readonly baseUrl: string,
    /** local testing: the instance the listener should take the caller for */
    private readonly instanceIp: string,
  ) {}

  private async headers(): Promise<Record<string, string>> {
    const me = { 'X-Eniplane-Instance-Ip': this.instanceIp }
    if (this.token === undefined) {
      const r = await fetch(`${this.baseUrl}/latest/api/token`, {
        method: 'PUT',
        headers: { ...me, 'X-aliyun-ecs-metadata-token-ttl-seconds': '21600' },
      })
      if (r.status !== 200) throw new Error(`metadata token: HTTP ${r.status}`)
      this.token = await r.text()
    }
    return { ...me, 'X-aliyun-ecs-metadata-token': this.token }
  }

  /** The item's text, or undefined on 404. */
  async get(path: string): Promise<string | undefined> {
    const r = await fetch(`${this.baseUrl}/latest/meta-data/${path}`, {
      headers: await this.headers(),
    })
    if (r.status === 404) return undefined
    if (r.status !== 200) throw new Error(`metadata ${path}: HTTP ${r.status}`)
    return r.text()
  }

  async require(path: string): Promise<string> {
    const v = await this.get(path)
    if (v === undefined) throw new Error(`metadata ${path}: not found`)
    return v
  }

  async macs(): Promise<string[]> {
    const listing = await this.require('network/interfaces/macs/')
    return listing
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.replace(/\/$/, ''))
  }

  async privateIpv4s(mac: string): Promise<string[]> {
    return JSON.parse(
      await this.require(`network/interfaces/macs/${mac}/private-ipv4s`),
    ) as string[]
  }

  /** `[a,b]` (bracketed, unquoted); a 404 means no IPv6. */
  async ipv6s(mac: string): Promise<string[]> {
    const v = await this.get(`network/interfaces/macs/${mac}/ipv6s`)
    if (v === undefined) return []
    return v
      .replace(/^\[|\]$/g, '')
      .split(',')
      .filter((s) => s !== '')
  }
}
