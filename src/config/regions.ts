// The `regions` setting: which regions and zones the server offers (DESIGN.md: `cn-hangzhou` with
// zones h, i, j by default; more from config). In a JSON config file it is an array of
// `{ "regionId", "zones": [...], "localName"? }`; on the command line or in `ENI_REGIONS` a compact
// string `REGION:ZONE,ZONE;REGION:ZONE` (e.g. `cn-hangzhou:cn-hangzhou-h,cn-hangzhou-i;cn-beijing:cn-beijing-a`).
import type { Region } from '../domain/regions.js'

/** Display names of Alibaba's public regions; any other region shows its id. */
const LOCAL_NAMES: Readonly<Record<string, string>> = {
  'cn-hangzhou': 'China (Hangzhou)',
  'cn-shanghai': 'China (Shanghai)',
  'cn-beijing': 'China (Beijing)',
  'cn-shenzhen': 'China (Shenzhen)',
  'cn-qingdao': 'China (Qingdao)',
  'cn-zhangjiakou': 'China (Zhangjiakou)',
  'cn-huhehaote': 'China (Hohhot)',
  'cn-wulanchabu': 'China (Ulanqab)',
  'cn-chengdu': 'China (Chengdu)',
  'cn-guangzhou': 'China (Guangzhou)',
  'cn-hongkong': 'China (Hong Kong)',
  'ap-southeast-1': 'Singapore',
  'ap-southeast-5': 'Indonesia (Jakarta)',
  'ap-northeast-1': 'Japan (Tokyo)',
  'eu-central-1': 'Germany (Frankfurt)',
  'eu-west-1': 'UK (London)',
  'us-west-1': 'US (Silicon Valley)',
  'us-east-1': 'US (Virginia)',
}

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/
const ZONE_ID = /^[a-z0-9-]+$/

interface RawRegion {
  regionId?: unknown
  localName?: unknown
  zones?: unknown
}

/** Parses and checks the setting; problems are pushed to `problems` (all reported at once). */
export function parseRegions(raw: unknown, problems: string[]): Region[] | undefined {
  const list = typeof raw === 'string' ? fromCompact(raw) : raw
  if (!Array.isArray(list) || list.length === 0) {
    problems.push('regions must be a non-empty list of {regionId, zones}')
    return undefined
  }
  const regions: Region[] = []
  const seenZones = new Set<string>()
  for (const item of list as RawRegion[]) {
    const { regionId, zones, localName } = item ?? {}
    if (typeof regionId !== 'string' || !REGION_ID.test(regionId)) {
      problems.push(`regions: invalid regionId ${JSON.stringify(regionId)}`)
      continue
    }
    if (regions.some((r) => r.regionId === regionId)) {
      problems.push(`regions: ${regionId} is listed twice`)
      continue
    }
    if (!Array.isArray(zones) || zones.length === 0) {
      problems.push(`regions: ${regionId} needs at least one zone`)
      continue
    }
    const zoneIds: string[] = []
    for (const zone of zones as unknown[]) {
      if (typeof zone !== 'string' || !ZONE_ID.test(zone) || seenZones.has(zone)) {
        problems.push(
          `regions: ${regionId} has an invalid or repeated zone ${JSON.stringify(zone)}`,
        )
        continue
      }
      seenZones.add(zone)
      zoneIds.push(zone)
    }
    const name =
      typeof localName === 'string' && localName !== ''
        ? localName
        : (LOCAL_NAMES[regionId] ?? regionId)
    regions.push(Object.freeze({ regionId, localName: name, zones: Object.freeze(zoneIds) }))
  }
  return regions
}

function fromCompact(text: string): RawRegion[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const colon = part.indexOf(':')
      const regionId = colon < 0 ? part : part.slice(0, colon).trim()
      const zones =
        colon < 0
          ? []
          : part
              .slice(colon + 1)
              .split(',')
              .map((z) => z.trim())
      return { regionId, zones: zones.filter((z) => z !== '') }
    })
}
