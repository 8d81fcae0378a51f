// What startServer runs for the guest side, when configured: the instance metadata listener
// (`metadataPort`) and the lab netns dataplane (`dataplane: 'netns'`, Linux root only).
import type { ServerConfig } from '../config/server-config.js'
import { startMetadataServer } from '../metadata/metadata-server.js'
import type { ServiceContext } from '../service/context.js'
import { instanceMetadataByIp } from '../service/instance-metadata.js'

export interface GuestSide {
  /** the metadata listener's base URL when `metadataPort` is set */
  readonly metadataUrl: string | undefined
  close(): Promise<void>
}

export async function startGuestSide(
  ctx: ServiceContext,
  config: ServerConfig,
  log: (line: string) => void,
): Promise<GuestSide> {
  const metadata =
    config.metadataPort === undefined
      ? undefined
      : await startMetadataServer({
          host: config.metadataHost,
          port: config.metadataPort,
          trustHeader: config.metadataTrustHeader,
          lookup: (address) => instanceMetadataByIp(ctx, address),
          log,
        })
  let dataplane: { close(): Promise<void> } | undefined
  if (config.dataplane === 'netns') {
    try {
      const { NetnsDataplane } = await import('./netns-dataplane.js')
      dataplane = await NetnsDataplane.start(ctx, { log })
    } catch (e: unknown) {
      await metadata?.close()
      throw e
    }
  }
  return {
    metadataUrl: metadata?.url,
    async close() {
      await dataplane?.close()
      await metadata?.close()
    },
  }
}
