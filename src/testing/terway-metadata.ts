// The Terway daemon's reads of the instance metadata service (terway
// `pkg/aliyun/metadata/metadata.go`, spec/extensions.md §8.2 step 1): plain GETs of
// `http://100.100.100.200/latest/meta-data/<path>` (no token); a value is the first line of the
// body with `/` trimmed, a list is every line so trimmed; a 404 is Terway's ErrNotFound
// (undefined here). The test's listener is reached at `baseUrl` and told which instance calls
// by the X-Eniplane-Instance-Ip header (`serve --metadata-trust-header`); on an instance the
// source address says it.

export class TerwayMetadata {
  constructor(
    private readonly baseUrl: string,
    private readonly instanceIp: string,
  ) {}

  private async body(path: string): Promise<string | undefined> {
    const r = await fetch(`${this.baseUrl}/latest/meta-data/${path}`, {
      headers: { 'X-Eniplane-Instance-Ip': this.instanceIp },
    })
    if (r.status === 404) return undefined
    if (r.status >= 400)
      throw new Error(`error get url: ${path} from metaserver, code: ${r.status}`)
    return r.text()
  }

  /** `getValue`: the first line, `/` trimmed. */
  async get(path: string): Promise<string | undefined> {
    const body = await this.body(path)
    return body === undefined ? undefined : (body.split('\n')[0] ?? '').replace(/^\/+|\/+$/g, '')
  }

  async require(path: string): Promise<string> {
    const v = await this.get(path)
    if (v === undefined) throw new Error(`metadata ${path}: not found`)
    return v
  }

  /** `getArray`: every line, `/` trimmed (`GetENIsMAC` on `network/interfaces/macs/`). */
  async macs(): Promise<string[]> {
    const body = await this.body('network/interfaces/macs/')
    if (body === undefined) throw new Error('metadata network/interfaces/macs/: not found')
    return body.split('\n').map((l) => l.replace(/^\/+|\/+$/g, ''))
  }

  /** `GetIPv4ByMac`: `private-ipv4s` is a JSON array. */
  async privateIpv4s(mac: string): Promise<string[]> {
    const v = await this.require(`network/interfaces/macs/${mac}/private-ipv4s`)
    return JSON.parse(v) as string[]
  }

  /** `GetIPv6ByMac`: `[a,b]` with the brackets removed, split on commas; a 404 is no IPv6. */
  async ipv6s(mac: string): Promise<string[]> {
    const v = await this.get(`network/interfaces/macs/${mac}/ipv6s`)
    if (v === undefined) return []
    return v
      .replaceAll('[', '')
      .replaceAll(']', '')
      .split(',')
      .map((s) => s.trim())
  }
}
