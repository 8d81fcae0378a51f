// The region the console works in (every call sends it as `RegionId`); kept across reloads.
const KEY = 'eniplane.region'
export const DEFAULT_REGION = 'cn-hangzhou'

export function currentRegion(): string {
  try {
    return localStorage.getItem(KEY) ?? DEFAULT_REGION
  } catch {
    return DEFAULT_REGION
  }
}

export function setRegion(regionId: string): void {
  try {
    localStorage.setItem(KEY, regionId)
  } catch {
    // Storage may be disabled; the choice then lasts until reload.
  }
}
